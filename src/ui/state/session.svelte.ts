// The open session: its inputs (with live status while the worker reads them),
// its report, and saving to the session store. Inputs are analysed one at a
// time in the worker; Cancel stops the running one and the queued ones, and the
// inputs already done stay as they are.
//
// Many files at once stay linear: each input's record is saved once when it is
// done; the report is assembled here (only findings are combined, the inputs'
// reports are shared, not copied) at most every PUBLISH_MS while inputs
// finish; the session description is saved after them, coalesced the same way.

import type { InputReport, Report } from '../../report/schema';
import { DamagedSessionError, metaOf, newSessionId, SessionStore, type SessionMeta, type StoredRaw } from '../../store/sessionStore';
import { MAX_DECOMPRESSED_BYTES, MAX_STORED_RAW_BYTES } from '../../formats/limits';
import { formatBytes } from '../../lib/display';
import { CancelledByUser, workerClient } from '../workerClient';
import { assembleReport } from '../../report/assemble';
import { isPastedName } from '../pasted';

export type InputStatus = 'queued' | 'reading' | 'parsing' | 'done' | 'failed' | 'cancelled';

/**
 * One input of the session. A class, so Svelte does not deep-proxy it: status
 * and progress are reactive fields, and the report is kept raw (a report can
 * hold tens of thousands of numbers; proxying and snapshotting them cost
 * hundreds of milliseconds on the main thread).
 */
export class UiInput {
  status = $state<InputStatus>('queued');
  done = $state(0);
  total = $state(0);
  phase = $state('');
  report = $state.raw<InputReport | undefined>(undefined);
  /** Why the original bytes are not kept with the session, when they are not. */
  rawDropped = $state<string | undefined>(undefined);

  constructor(
    readonly id: string,
    readonly name: string,
    readonly bytes: number,
  ) {
    this.total = bytes;
  }
}

export interface NewInput {
  name: string;
  blob: Blob;
}

export const store = new SessionStore();

/** While inputs are still being read, the report on screen is renewed at most this often. */
const PUBLISH_MS = 400;
/** …and the session description saved at most this often. */
const SAVE_GAP_MS = 400;
/** Inputs added to the list per task when many files are dropped at once. */
const LIST_CHUNK = 40;

class SessionController {
  id = $state<string | null>(null);
  name = $state('');
  createdAt = '';
  inputs = $state<UiInput[]>([]);
  report = $state.raw<Report | null>(null);
  /**
   * What the page shows while a big input is still being read: the saved
   * report plus that input's early result. Null otherwise. Never saved or
   * exported (those use `report`).
   */
  early = $state.raw<Report | null>(null);
  /** Sessions listed on the start page. */
  sessions = $state<SessionMeta[]>([]);
  /** Set when a stored session could not be opened. */
  loadError = $state<string | null>(null);
  /** The name was made by gotune (not typed by the user): it follows the inputs that could be read. */
  private autoNamed = false;
  /** The session is in the store (a session of failed inputs only is not saved until one is read). */
  private stored = false;
  private blobs = new Map<string, Blob>();
  /** Traces' CPU samples as tables (see StoredRaw.cpu), by input id. */
  private cpuTables = new Map<string, unknown>();
  /** Number in the last input id given out (in1, in2, …). */
  private lastId = 0;
  /** Inputs of this session whose record has been handed to the store. */
  private persisted = new Set<string>();
  private queue: { input: UiInput; blob: Blob }[] = [];
  private running = false;

  busy = $derived(this.inputs.some((i) => i.status === 'queued' || i.status === 'reading' || i.status === 'parsing'));

  async refreshList() {
    this.sessions = await store.list();
  }

  /** Open a stored session: its report is shown as saved, nothing is parsed again. */
  async open(id: string): Promise<boolean> {
    if (this.id === id) return true;
    this.loadError = null;
    let s: Awaited<ReturnType<typeof store.load>>;
    try {
      s = await store.load(id);
    } catch (e) {
      const name = e instanceof DamagedSessionError && e.sessionName !== undefined ? `“${e.sessionName}”` : id;
      this.loadError = `The saved session ${name} is damaged (${(e as Error).message}); delete it from the list of saved sessions.`;
      this.reset();
      return false;
    }
    if (!s) {
      this.loadError = `There is no saved session with id ${id} in this browser.`;
      this.reset();
      return false;
    }
    this.id = s.meta.id;
    this.saveState = 'saved';
    this.autoNamed = false;
    this.stored = true;
    this.name = s.meta.name;
    this.createdAt = s.meta.createdAt;
    this.report = s.report;
    this.blobs = new Map(s.raw.filter((r) => r.blob).map((r) => [r.inputId, r.blob!]));
    this.cpuTables = new Map(s.raw.filter((r) => r.cpu !== undefined).map((r) => [r.inputId, r.cpu]));
    const dropped = new Map(s.raw.map((r) => [r.inputId, r.dropped]));
    this.inputs = s.report.inputs.map((r) => {
      const u = new UiInput(r.id, r.name, r.bytes);
      u.status = r.error === 'cancelled' ? 'cancelled' : r.error ? 'failed' : 'done';
      u.done = r.bytes;
      u.report = r;
      u.rawDropped = dropped.get(r.id);
      return u;
    });
    this.persisted = new Set(this.inputs.map((i) => i.id));
    this.lastId = this.inputs.reduce((m, i) => Math.max(m, Number(i.id.replace(/\D/g, '')) || 0), 0);
    return true;
  }

  reset() {
    this.id = null;
    this.autoNamed = false;
    this.stored = false;
    this.saveState = 'idle';
    this.name = '';
    this.inputs = [];
    this.report = null;
    this.early = null;
    this.blobs = new Map();
    this.cpuTables = new Map();
    this.persisted = new Set();
    this.lastId = 0;
  }

  /** Start a new, empty session (it is saved once it has an input). */
  startNew(name: string) {
    this.reset();
    this.loadError = null;
    this.id = newSessionId();
    this.name = name;
    this.createdAt = new Date().toISOString();
  }

  /** Add inputs to the current session (a new one when none is open) and analyse them. */
  add(files: NewInput[]): string {
    if (!this.id) {
      this.startNew(defaultName(files.map((f) => f.name), new Date()));
      this.autoNamed = true;
    }
    const fresh = files.map((f) => ({ input: new UiInput(`in${++this.lastId}`, f.name, f.blob.size), blob: f.blob }));
    this.queue.push(...fresh);
    // Listed LIST_CHUNK at a time, one task each: 500 rows at once were one long task.
    const sessionId = this.id;
    const list = (from: number) => {
      if (this.id !== sessionId) return;
      this.inputs.push(...fresh.slice(from, from + LIST_CHUNK).map((f) => f.input));
      if (from + LIST_CHUNK < fresh.length) setTimeout(() => list(from + LIST_CHUNK), 0);
    };
    list(0);
    void this.drain();
    return this.id!;
  }

  private async drain() {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length) {
        const { input, blob } = this.queue.shift()!;
        await this.analyzeOne(input, blob);
        this.publishSoon();
        void this.save();
      }
    } finally {
      this.running = false;
    }
    this.publish();
  }

  private publishTimer: ReturnType<typeof setTimeout> | undefined;
  private lastPublish = -Infinity;

  /** Show the inputs done so far, at most every PUBLISH_MS (the first one at once). */
  private publishSoon() {
    if (this.publishTimer !== undefined) return;
    const wait = Math.max(0, this.lastPublish + PUBLISH_MS - performance.now());
    this.publishTimer = setTimeout(() => this.publish(), wait);
  }

  /** The session report of the inputs done, on screen now. */
  private publish() {
    clearTimeout(this.publishTimer);
    this.publishTimer = undefined;
    this.lastPublish = performance.now();
    this.report = this.inputs.some((i) => i.report) ? assembleReport(this.inputs.filter((i) => i.report).map((i) => i.report!)) : null;
    // The final report replaces any early result shown meanwhile.
    this.early = null;
  }

  private async analyzeOne(input: UiInput, blob: Blob) {
    if (blob.size > MAX_DECOMPRESSED_BYTES) {
      this.finish(input, { id: input.id, name: input.name, kind: 'unknown', bytes: blob.size, error: `the file is ${formatBytes(blob.size)}, over the ${formatBytes(MAX_DECOMPRESSED_BYTES)} limit gotune reads; cut it (e.g. the last part of a log) and drop that` }, blob);
      return;
    }
    // The worker reads the file itself: the main thread never copies its bytes.
    input.status = 'parsing';
    input.phase = 'read';
    try {
      const r = await workerClient().analyze(input.id, input.name, blob, (done, total, phase) => {
        input.done = done;
        input.total = total;
        input.phase = phase;
      }, (early) => {
        // Only while this input is still the one being read (not after Cancel).
        if (input.status !== 'parsing') return;
        const reports = this.inputs.map((i) => (i === input ? early : i.report)).filter((r): r is InputReport => r !== undefined);
        this.early = assembleReport(reports);
      });
      // Keep a trace's CPU samples (small) so reopening the session shows its CPU profile without re-reading it.
      if (r.kind === 'gotrace' && !r.error) {
        const t = await workerClient().api.traceCpuTables(input.id).catch(() => null);
        if (t) this.cpuTables.set(input.id, t);
      }
      this.finish(input, r, blob);
    } catch (e) {
      if (e instanceof CancelledByUser) {
        this.finish(input, { id: input.id, name: input.name, kind: 'unknown', bytes: blob.size, error: 'cancelled' }, blob);
      } else {
        const msg = (e as Error)?.message ?? String(e);
        const error = /NotReadable|could not be read/i.test(msg) ? `the browser could not read the file: ${msg}` : `the analysis worker failed: ${msg}`;
        this.finish(input, { id: input.id, name: input.name, kind: 'unknown', bytes: blob.size, error }, blob);
      }
    }
  }

  private finish(input: UiInput, report: InputReport, blob: Blob) {
    input.report = report;
    input.status = report.error === 'cancelled' ? 'cancelled' : report.error ? 'failed' : 'done';
    input.done = input.total;
    this.blobs.set(input.id, blob);
    input.rawDropped = rawEntry(report, blob).dropped;
  }

  /** Stop the running analysis and drop the queued ones. */
  async cancel() {
    const queued = this.queue.splice(0);
    for (const q of queued) this.finish(q.input, { id: q.input.id, name: q.input.name, kind: 'unknown', bytes: q.blob.size, error: 'cancelled' }, q.blob);
    await workerClient().cancel();
    this.publish();
    await this.save();
  }

  /** Remove one input from the session. */
  async removeInput(id: string) {
    this.inputs = this.inputs.filter((i) => i.id !== id);
    this.blobs.delete(id);
    this.cpuTables.delete(id);
    void workerClient().api.drop(id);
    this.publish();
    if (this.id && this.persisted.delete(id)) await store.removeInput(this.id, id);
    await this.save();
  }

  async rename(name: string) {
    this.name = name;
    this.autoNamed = false;
    await this.save();
  }

  /** "saving", "saved", or why the session could not be saved; shown on the page. */
  saveState = $state<'idle' | 'saving' | 'saved' | string>('idle');
  private saveWanted = false;
  private saveLoop: Promise<void> | undefined;

  /**
   * Save what changed: requests made while a save runs are coalesced into one
   * more save after it (at most every SAVE_GAP_MS while inputs are read), so an
   * older state never lands last and 500 files do not mean 500 saves.
   */
  private save(): Promise<void> {
    this.saveWanted = true;
    this.saveLoop ??= (async () => {
      try {
        while (this.saveWanted) {
          this.saveWanted = false;
          await this.saveNow();
          if (this.saveWanted && this.running) await new Promise((r) => setTimeout(r, SAVE_GAP_MS));
        }
      } finally {
        this.saveLoop = undefined;
      }
    })();
    return this.saveLoop;
  }

  private async saveNow() {
    const id = this.id;
    if (!id) return;
    this.saveState = 'saving';
    try {
      const done = this.inputs.filter((i) => i.report);
      const read = done.filter((i) => !i.report!.error);
      if (!this.stored && read.length === 0) {
        // Nothing could be read: keep it on screen (the errors say why) but do not fill the list with it.
        this.saveState = done.length ? 'not saved: no input could be read' : 'idle';
        return;
      }
      if (this.autoNamed) this.name = uniqueName(defaultName(read.map((i) => i.name), new Date(this.createdAt)), this.sessions.filter((m) => m.id !== id).map((m) => m.name));
      this.stored = true;
      let failed: string | undefined;
      await store.retryUnsaved(id);
      // Each input's record once, when it is done.
      for (const i of done) {
        if (this.persisted.has(i.id)) continue;
        this.persisted.add(i.id);
        const res = await store.saveInput(id, i.report!, { ...rawEntry(i.report!, this.blobs.get(i.id)), ...(this.cpuTables.has(i.id) ? { cpu: this.cpuTables.get(i.id) } : {}) });
        if (!res.ok) failed = res.reason;
      }
      if (this.id !== id) return;
      const res = await store.saveMeta(metaOf(id, this.name, { inputs: done.map((i) => i.report!) }, this.createdAt));
      if (!res.ok) failed = res.reason;
      if (this.id !== id) return;
      this.saveState = store.unavailable ? `not kept: ${store.unavailable}` : failed ? `not saved: ${failed}; the session lasts until the tab is closed` : 'saved';
    } catch (e) {
      this.saveState = `not saved: ${(e as Error)?.message ?? e}`;
    }
  }

  /** Stored bytes of an input, for views that must read the raw data again. */
  blobOf(id: string): Blob | undefined {
    return this.blobs.get(id);
  }

  /** A trace's stored CPU sample tables (untrusted until the worker checks them). */
  cpuTablesOf(id: string): unknown {
    return this.cpuTables.get(id);
  }

  /** Why an input's original bytes were not kept, if they were not. */
  rawDropped(id: string): string | undefined {
    return this.inputs.find((i) => i.id === id)?.rawDropped;
  }
}

/** What is kept of an input's original bytes. */
function rawEntry(r: InputReport, blob: Blob | undefined): StoredRaw {
  if (!blob) return { inputId: r.id, name: r.name, dropped: 'not available' };
  if (r.error === 'cancelled') return { inputId: r.id, name: r.name, dropped: 'the analysis was cancelled' };
  if (blob.size > MAX_STORED_RAW_BYTES) return { inputId: r.id, name: r.name, dropped: `over the ${formatBytes(MAX_STORED_RAW_BYTES)} kept per file` };
  return { inputId: r.id, name: r.name, blob };
}

/**
 * A session's name until the user renames it: the first input that could be
 * read (pasted text is called that, its file name already is a timestamp) and
 * when the session was made, to the second.
 */
export function defaultName(names: string[], when: Date): string {
  const first = names[0] === undefined ? 'session' : isPastedName(names[0]) ? 'Pasted text' : names[0];
  const at = when.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  return names.length > 1 ? `${first} +${names.length - 1} — ${at}` : `${first} — ${at}`;
}

/** `name`, or `name (2)`, `(3)`… when a saved session already has it: sessions in the list and the compare menus differ. */
export function uniqueName(name: string, taken: string[]): string {
  const used = new Set(taken);
  if (!used.has(name)) return name;
  for (let k = 2; ; k++) if (!used.has(`${name} (${k})`)) return `${name} (${k})`;
}

export const session = new SessionController();
