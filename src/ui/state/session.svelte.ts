// The open session: its inputs (with live status while the worker reads them),
// its report, and saving to the session store. Inputs are analysed one at a
// time in the worker; Cancel stops the running one and the queued ones, and the
// inputs already done stay as they are.

import type { InputReport, Report } from '../../report/schema';
import { metaOf, newSessionId, SessionStore, type SessionMeta, type StoredRaw } from '../../store/sessionStore';
import { MAX_DECOMPRESSED_BYTES, MAX_STORED_RAW_BYTES } from '../../formats/limits';
import { formatBytes } from '../../lib/display';
import { CancelledByUser, workerClient } from '../workerClient';
import { assembleReport } from '../../report/assemble';

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
  private raw = $state.raw<StoredRaw[]>([]);
  private blobs = new Map<string, Blob>();
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
      this.loadError = `The saved session ${id} is damaged (${(e as Error).message}); delete it from the list of saved sessions.`;
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
    this.name = s.meta.name;
    this.createdAt = s.meta.createdAt;
    this.report = s.report;
    this.raw = s.raw;
    this.blobs = new Map(s.raw.filter((r) => r.blob).map((r) => [r.inputId, r.blob!]));
    this.inputs = s.report.inputs.map((r) => {
      const u = new UiInput(r.id, r.name, r.bytes);
      u.status = r.error === 'cancelled' ? 'cancelled' : r.error ? 'failed' : 'done';
      u.done = r.bytes;
      u.report = r;
      return u;
    });
    return true;
  }

  reset() {
    this.id = null;
    this.saveState = 'idle';
    this.name = '';
    this.inputs = [];
    this.report = null;
    this.early = null;
    this.raw = [];
    this.blobs = new Map();
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
    if (!this.id) this.startNew(defaultName(files));
    let next = this.inputs.reduce((m, i) => Math.max(m, Number(i.id.replace(/\D/g, '')) || 0), 0);
    for (const f of files) {
      const input = new UiInput(`in${++next}`, f.name, f.blob.size);
      this.inputs.push(input);
      this.queue.push({ input, blob: f.blob });
    }
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
        await this.save();
      }
    } finally {
      this.running = false;
    }
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
  }

  /** Stop the running analysis and drop the queued ones. */
  async cancel() {
    const queued = this.queue.splice(0);
    for (const q of queued) this.finish(q.input, { id: q.input.id, name: q.input.name, kind: 'unknown', bytes: q.blob.size, error: 'cancelled' }, q.blob);
    await workerClient().cancel();
    await this.save();
  }

  /** Remove one input from the session. */
  async removeInput(id: string) {
    this.inputs = this.inputs.filter((i) => i.id !== id);
    this.blobs.delete(id);
    void workerClient().api.drop(id);
    await this.save();
  }

  async rename(name: string) {
    this.name = name;
    await this.save();
  }

  /** "saving", "saved", or why the session could not be saved; shown on the page. */
  saveState = $state<'idle' | 'saving' | 'saved' | string>('idle');
  private saving: Promise<void> = Promise.resolve();

  /** Save after any save already under way, so an older state never lands last. */
  private save(): Promise<void> {
    this.saving = this.saving.then(() => this.saveNow());
    return this.saving;
  }

  private async saveNow() {
    if (!this.id) return;
    this.saveState = 'saving';
    try {
      const done = this.inputs.filter((i) => i.report).map((i) => i.report!);
      const report = await workerClient().api.assemble(done);
      this.report = report;
      // The final report replaces any early result shown meanwhile.
      this.early = null;
      this.raw = done.map((r) => {
        const blob = this.blobs.get(r.id);
        if (!blob) return { inputId: r.id, name: r.name, dropped: 'not available' };
        if (r.error === 'cancelled') return { inputId: r.id, name: r.name, dropped: 'the analysis was cancelled' };
        if (blob.size > MAX_STORED_RAW_BYTES) return { inputId: r.id, name: r.name, dropped: `over the ${formatBytes(MAX_STORED_RAW_BYTES)} kept per file` };
        return { inputId: r.id, name: r.name, blob };
      });
      await store.save({ meta: metaOf(this.id, this.name, report, this.createdAt), report, raw: this.raw });
      await this.refreshList();
      this.saveState = store.unavailable ? `not kept: ${store.unavailable}` : 'saved';
    } catch (e) {
      this.saveState = `not saved: ${(e as Error)?.message ?? e}`;
    }
  }

  /** Stored bytes of an input, for views that must read the raw data again. */
  blobOf(id: string): Blob | undefined {
    return this.blobs.get(id);
  }

  /** Why an input's original bytes were not kept, if they were not. */
  rawDropped(id: string): string | undefined {
    return this.raw.find((r) => r.inputId === id)?.dropped;
  }
}

function defaultName(files: NewInput[]): string {
  const first = files[0]?.name ?? 'session';
  const when = new Date().toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return files.length > 1 ? `${first} +${files.length - 1} — ${when}` : `${first} — ${when}`;
}

export const session = new SessionController();
