// The open session: its inputs (with live status while the worker reads them),
// its report, and saving to the session store. Inputs are analysed one at a
// time in the worker; Cancel stops the running one and the queued ones, and the
// inputs already done stay as they are.
//
// Dropped files are saved at once (their bytes, "not analysed yet" records and
// the session description, in one transaction), so leaving or reloading the tab
// at any moment loses none: opening the session again reads the unread ones.
//
// Many files at once stay linear: each input's report is saved once when it is
// done; the report is assembled here (only findings are combined, the inputs'
// reports are shared, not copied) at most every PUBLISH_MS while inputs
// finish; the session description is saved after them, coalesced the same way.

import type { InputReport, Report } from '../../report/schema';
import { DamagedSessionError, metaOf, newSessionId, SessionStore, type InputToSave, type SessionMeta, type StoredRaw } from '../../store/sessionStore';
import { MAX_DECOMPRESSED_BYTES, MAX_STORED_RAW_BYTES } from '../../formats/limits';
import { formatBytes } from '../../lib/display';
import { CancelledByUser, workerClient } from '../workerClient';
import { preloadEcharts } from '../charts/loadEcharts';
import { askAhead, firstQuery, forgetAhead } from './profileAhead';
import { traceCpuProfileId } from '../../analysis/gotrace/cpuProfileId';
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

/** Written for an input the tab was closed before reading; its bytes are kept, and it is read when the session is opened again. */
export const NOT_ANALYSED = 'not analysed yet: the tab was closed or reloaded before gotune read it';

/**
 * One session's work, apart from what is on screen: its inputs (all of them,
 * also those not listed yet), their bytes, what is saved, and its save loop.
 * A session the user leaves keeps its work: its inputs are still read and
 * saved in the background, under its own id.
 */
class SessionWork {
  /** The session is kept: it was opened from the store, or one of its inputs could be read. */
  stored = false;
  /** Written to the store (when its files were dropped) before any input could be read: deleted again if none can. */
  provisional = false;
  autoNamed = false;
  inputs: UiInput[] = [];
  blobs = new Map<string, Blob>();
  /** Traces' CPU samples as tables (see StoredRaw.cpu), by input id: reopening shows the CPU profile without re-reading the trace. */
  cpuTables = new Map<string, unknown>();
  /** Traces' timelines as files (see StoredRaw.timeline), by input id: reopening shows the timeline without re-reading the trace. */
  timelines = new Map<string, Blob>();
  /** Inputs whose bytes and placeholder record have been handed to the store (at once when dropped). */
  announced = new Set<string>();
  /** Inputs whose report record has been handed to the store. */
  persisted = new Set<string>();
  /** Deleted by the user: nothing more is saved. */
  gone = false;
  saveWanted = false;
  saveLoop: Promise<void> | undefined;
  /** Ends the wait between two saves at once (when the user leaves, or the page is hidden). */
  hurry: (() => void) | undefined;
  constructor(
    readonly id: string,
    public name: string,
    readonly createdAt: string,
  ) {}
}

interface Queued {
  input: UiInput;
  blob: Blob;
  work: SessionWork;
}

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
  /** The open session's work; null when none is open. */
  private work: SessionWork | null = null;
  /** Number in the last input id given out (in1, in2, …). */
  private lastId = 0;
  /** Inputs waiting to be read, of any session (the open one and those the user left). */
  private queue: Queued[] = [];
  /** The input being read now. */
  private current: Queued | undefined;
  private running = false;
  /** Sessions the user left while their inputs were read or saved, by id, until that is done. */
  private background = new Map<string, SessionWork>();

  busy = $derived(this.inputs.some((i) => i.status === 'queued' || i.status === 'reading' || i.status === 'parsing'));

  constructor() {
    if (typeof window === 'undefined') return;
    // Closing, reloading or hiding the tab: what is done is written now, in one transaction per session.
    window.addEventListener('pagehide', () => this.flushAll());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.flushAll();
    });
  }

  async refreshList() {
    this.sessions = await store.list();
  }

  /** Open a stored session: its report is shown as saved, nothing is parsed again (except inputs a closed tab did not read). */
  async open(id: string): Promise<boolean> {
    if (this.id === id) return true;
    this.loadError = null;
    forgetAhead();
    // Still read or saved in the background (the user left it and came back): its live inputs, not the saved ones.
    const live = this.background.get(id);
    if (live) return this.show(live);
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
    const work = new SessionWork(s.meta.id, s.meta.name, s.meta.createdAt);
    work.stored = true;
    work.blobs = new Map(s.raw.filter((r) => r.blob).map((r) => [r.inputId, r.blob!]));
    work.cpuTables = new Map(s.raw.filter((r) => r.cpu !== undefined).map((r) => [r.inputId, r.cpu]));
    work.timelines = new Map(s.raw.filter((r) => r.timeline !== undefined).map((r) => [r.inputId, r.timeline!]));
    const dropped = new Map(s.raw.map((r) => [r.inputId, r.dropped]));
    work.inputs = s.report.inputs.map((r) => {
      const u = new UiInput(r.id, r.name, r.bytes);
      u.status = r.error === 'cancelled' ? 'cancelled' : r.error ? 'failed' : 'done';
      u.done = r.bytes;
      u.report = r;
      u.rawDropped = dropped.get(r.id);
      return u;
    });
    work.persisted = new Set(work.inputs.map((i) => i.id));
    work.announced = new Set(work.persisted);
    // Inputs a closed tab did not read (their bytes were kept): read now.
    const unread = work.inputs.filter((u) => u.report?.error === NOT_ANALYSED && work.blobs.has(u.id));
    for (const u of unread) {
      u.status = 'queued';
      u.report = undefined;
      u.done = 0;
      work.persisted.delete(u.id);
    }
    this.show(work);
    this.report = s.report;
    this.early = null;
    // A trace's CPU profile is rebuilt from its stored tables now, in the worker, while the page
    // draws the report, and its flame graph's first query is asked right after it
    // (state/profileAhead.ts): the section finds the answer waiting.
    for (const [inputId, tables] of work.cpuTables) {
      const sampleIndex = s.report.inputs.find((r) => r.id === inputId)?.trace?.cpuSamples.profile?.defaultSampleIndex;
      const restored = workerClient()
        .api.restoreTraceCpu(inputId, tables)
        .catch(() => false);
      if (sampleIndex !== undefined && sampleIndex >= 0) askAhead(firstQuery(traceCpuProfileId(inputId), sampleIndex), restored);
    }
    if (unread.length) {
      this.queue.push(...unread.map((input) => ({ input, blob: work.blobs.get(input.id)!, work })));
      void this.drain();
    }
    return true;
  }

  /** Put a session's work on screen (the one open before is left). */
  private show(work: SessionWork): true {
    this.leave();
    this.background.delete(work.id);
    this.work = work;
    this.id = work.id;
    this.name = work.name;
    this.createdAt = work.createdAt;
    this.inputs = [...work.inputs];
    this.lastId = work.inputs.reduce((m, i) => Math.max(m, Number(i.id.replace(/\D/g, '')) || 0), 0);
    this.saveState = work.saveLoop ? 'saving' : 'saved';
    this.publish();
    return true;
  }

  /**
   * The user leaves the open session (start page, another session, a link):
   * what is done is saved now, and its queued inputs are still read and saved
   * in the background under its id.
   */
  private leave() {
    const w = this.work;
    if (!w) return;
    this.work = null;
    if (!w.gone && (w.saveLoop || this.current?.work === w || this.queue.some((q) => q.work === w))) this.background.set(w.id, w);
    this.flush(w);
  }

  reset() {
    forgetAhead();
    this.leave();
    this.id = null;
    this.saveState = 'idle';
    this.name = '';
    this.inputs = [];
    this.report = null;
    this.early = null;
    this.lastId = 0;
  }

  /** The user deleted a saved session: stop reading and saving it. */
  forget(id: string) {
    for (const q of this.queue.filter((q) => q.work.id === id)) q.work.gone = true;
    if (this.current?.work.id === id) this.current.work.gone = true;
    if (this.work?.id === id) this.work.gone = true;
    this.background.delete(id);
    this.queue = this.queue.filter((q) => q.work.id !== id);
  }

  /** Start a new, empty session (it is saved once it has an input). */
  startNew(name: string) {
    this.reset();
    this.loadError = null;
    this.createdAt = new Date().toISOString();
    this.work = new SessionWork(newSessionId(), name, this.createdAt);
    this.id = this.work.id;
    this.name = name;
  }

  /** Add inputs to the current session (a new one when none is open) and analyse them. */
  add(files: NewInput[]): string {
    if (!this.work) {
      this.startNew(defaultName(files.map((f) => f.name), new Date()));
      this.work!.autoNamed = true;
    }
    const work = this.work!;
    const fresh = files.map((f) => ({ input: new UiInput(`in${++this.lastId}`, f.name, f.blob.size), blob: f.blob, work }));
    work.inputs.push(...fresh.map((f) => f.input));
    for (const f of fresh) work.blobs.set(f.input.id, f.blob);
    this.queue.push(...fresh);
    // Listed LIST_CHUNK at a time, one task each: 500 rows at once were one long task.
    const list = (from: number) => {
      if (this.work !== work) return;
      this.inputs.push(...fresh.slice(from, from + LIST_CHUNK).map((f) => f.input));
      if (from + LIST_CHUNK < fresh.length) setTimeout(() => list(from + LIST_CHUNK), 0);
    };
    list(0);
    // Saved now: the bytes and a "not analysed yet" record of each file, before any is read.
    void this.save(work);
    void this.drain();
    return work.id;
  }

  private async drain() {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length) {
        const q = this.queue.shift()!;
        this.current = q;
        await this.analyzeOne(q);
        this.current = undefined;
        if (q.work === this.work) this.publishSoon();
        void this.save(q.work);
      }
    } finally {
      this.current = undefined;
      this.running = false;
    }
    if (this.work) this.publish();
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

  private async analyzeOne({ input, blob, work }: Queued) {
    if (blob.size > MAX_DECOMPRESSED_BYTES) {
      this.finish(work, input, { id: input.id, name: input.name, kind: 'unknown', bytes: blob.size, error: `the file is ${formatBytes(blob.size)}, over the ${formatBytes(MAX_DECOMPRESSED_BYTES)} limit gotune reads; cut it (e.g. the last part of a log) and drop that` }, blob);
      return;
    }
    // The worker reads the file itself: the main thread never copies its bytes.
    input.status = 'parsing';
    input.phase = 'read';
    preloadEcharts();
    try {
      const r = await workerClient().analyze(input.id, input.name, blob, (done, total, phase) => {
        input.done = done;
        input.total = total;
        input.phase = phase;
      }, (early) => {
        // Only while this input is still the one being read (not after Cancel), in the session on screen.
        if (input.status !== 'parsing' || work !== this.work) return;
        const reports = this.inputs.map((i) => (i === input ? early : i.report)).filter((r): r is InputReport => r !== undefined);
        this.early = assembleReport(reports);
      });
      // Keep a trace's CPU samples (small) so reopening the session shows its CPU profile without re-reading it.
      if (r.kind === 'gotrace' && !r.error) {
        const t = await workerClient().api.traceCpuTables(input.id).catch(() => null);
        if (t) work.cpuTables.set(input.id, t);
        // And its timeline, made in the worker as one file: the page only hands it to IndexedDB.
        const timeline = await workerClient().api.timelineSnapshot(input.id).catch(() => null);
        if (timeline) work.timelines.set(input.id, timeline);
      }
      this.finish(work, input, r, blob);
    } catch (e) {
      if (e instanceof CancelledByUser) {
        this.finish(work, input, { id: input.id, name: input.name, kind: 'unknown', bytes: blob.size, error: 'cancelled' }, blob);
      } else {
        const msg = (e as Error)?.message ?? String(e);
        const error = /NotReadable|could not be read/i.test(msg) ? `the browser could not read the file: ${msg}` : `the analysis worker failed: ${msg}`;
        this.finish(work, input, { id: input.id, name: input.name, kind: 'unknown', bytes: blob.size, error }, blob);
      }
    }
  }

  private finish(work: SessionWork, input: UiInput, report: InputReport, blob: Blob) {
    input.report = report;
    input.status = report.error === 'cancelled' ? 'cancelled' : report.error ? 'failed' : 'done';
    input.done = input.total;
    work.blobs.set(input.id, blob);
    input.rawDropped = keptBytes(report, blob).dropped;
    this.nameAfterInputs(work);
  }

  /**
   * A session not renamed by the user is named after the inputs read so far,
   * renewed as each one is done or removed: in the same step as the input, so
   * the heading, the share link and the saved record never show a name from
   * before the last input (the link once changed under the Copy button).
   */
  private nameAfterInputs(work: SessionWork) {
    if (!work.autoNamed) return;
    const read = work.inputs.filter((i) => i.report && !i.report.error);
    work.name = uniqueName(defaultName((read.length ? read : work.inputs).map((i) => i.name), new Date(work.createdAt)), this.sessions.filter((m) => m.id !== work.id).map((m) => m.name));
    if (this.work === work) this.name = work.name;
  }

  /** Stop the running analysis and drop the queued ones (of the session on screen). */
  async cancel() {
    forgetAhead();
    const work = this.work;
    if (!work) return;
    const queued = this.queue.filter((q) => q.work === work);
    this.queue = this.queue.filter((q) => q.work !== work);
    for (const q of queued) this.finish(work, q.input, { id: q.input.id, name: q.input.name, kind: 'unknown', bytes: q.blob.size, error: 'cancelled' }, q.blob);
    if (this.current?.work === work) await workerClient().cancel();
    this.publish();
    await this.save(work);
  }

  /** Remove one input from the session. */
  async removeInput(id: string) {
    const work = this.work;
    if (!work) return;
    this.inputs = this.inputs.filter((i) => i.id !== id);
    work.inputs = work.inputs.filter((i) => i.id !== id);
    this.queue = this.queue.filter((q) => !(q.work === work && q.input.id === id));
    work.blobs.delete(id);
    work.cpuTables.delete(id);
    work.timelines.delete(id);
    void workerClient().api.drop(id);
    this.nameAfterInputs(work);
    this.publish();
    if (work.persisted.delete(id)) await store.removeInput(work.id, id);
    await this.save(work);
  }

  async rename(name: string) {
    this.name = name;
    if (!this.work) return;
    this.work.name = name;
    this.work.autoNamed = false;
    await this.save(this.work);
  }

  /** "saving", "saved", or why the session could not be saved; shown on the page. */
  saveState = $state<'idle' | 'saving' | 'saved' | string>('idle');

  /**
   * Save what changed: requests made while a save runs are coalesced into one
   * more save after it (at most every SAVE_GAP_MS while inputs are read), so an
   * older state never lands last and 500 files do not mean 500 saves. Each
   * session has its own loop: a session the user left is still saved.
   */
  private save(work: SessionWork | null = this.work): Promise<void> {
    if (!work) return Promise.resolve();
    work.saveWanted = true;
    if (work === this.work && !work.gone) this.saveState = 'saving';
    work.saveLoop ??= (async () => {
      try {
        while (work.saveWanted) {
          work.saveWanted = false;
          await this.saveNow(work);
          if (work.saveWanted && this.running && work === this.work) {
            await new Promise<void>((r) => {
              const t = setTimeout(r, SAVE_GAP_MS);
              work.hurry = () => {
                clearTimeout(t);
                r();
              };
            });
            work.hurry = undefined;
          }
        }
      } finally {
        work.saveLoop = undefined;
        if (this.current?.work !== work && !this.queue.some((q) => q.work === work)) this.background.delete(work.id);
      }
    })();
    return work.saveLoop;
  }

  /** Save what is done now, without waiting for the gap between saves. */
  private flush(work: SessionWork) {
    void this.save(work);
    work.hurry?.();
  }

  /** Sessions with inputs not saved yet: the open one and those read in the background. */
  private pendingWork(): SessionWork[] {
    const all = new Set<SessionWork>([...this.queue.map((q) => q.work)]);
    if (this.current) all.add(this.current.work);
    if (this.work) all.add(this.work);
    return [...all].filter((w) => !w.gone && unsaved(w).length > 0);
  }

  /**
   * The page is hidden or closed: write each session's unsaved inputs (the
   * bytes of those just dropped, the reports of those read since the last
   * save) and its description in one transaction, started now (awaited writes
   * one after another would stop at the first).
   */
  private flushAll() {
    for (const w of this.pendingWork()) {
      if (!this.keep(w)) continue;
      const records = unsaved(w).map((i) => this.toSave(w, i));
      void store.saveBatch(this.describe(w), records);
    }
  }

  /**
   * Whether a session is to be in the store: once an input could be read, or
   * while some are not tried yet (dropped files are kept at once). When every
   * input was tried and none could be read it is not.
   */
  private keep(w: SessionWork): boolean {
    if (w.inputs.some((i) => i.report && !i.report.error)) w.stored = true;
    return w.stored || w.inputs.some((i) => !i.report);
  }

  /** A session's description: every input, those not read yet as "not analysed yet". */
  private describe(w: SessionWork): SessionMeta {
    return metaOf(w.id, w.name, { inputs: w.inputs.map((i) => i.report ?? placeholder(i)) }, w.createdAt);
  }

  /**
   * What to write for an input: its report (or the placeholder), its file
   * entry, and its bytes the first time. Marks it handed to the store.
   */
  private toSave(w: SessionWork, i: UiInput): InputToSave {
    const report = i.report ?? placeholder(i);
    const kept = keptBytes(report, w.blobs.get(i.id));
    const first = !w.announced.has(i.id);
    w.announced.add(i.id);
    if (i.report) w.persisted.add(i.id);
    if (!w.stored) w.provisional = true;
    const raw: StoredRaw = { inputId: i.id, name: i.name, ...(kept.dropped !== undefined ? { dropped: kept.dropped } : {}) };
    const cpu = w.cpuTables.get(i.id);
    const timeline = w.timelines.get(i.id);
    return { report, raw: { ...raw, ...(cpu !== undefined ? { cpu } : {}), ...(timeline ? { timeline } : {}) }, ...(first && kept.blob ? { blob: kept.blob } : {}) };
  }

  private async saveNow(work: SessionWork) {
    const id = work.id;
    if (work.gone) return;
    const shown = () => this.work === work;
    if (shown()) this.saveState = 'saving';
    try {
      if (!work.inputs.length) {
        if (shown()) this.saveState = 'idle';
        return;
      }
      if (!this.keep(work)) {
        // Every input was tried and none could be read: keep it on screen (the errors say why), not in the list.
        if (work.provisional) {
          work.provisional = false;
          work.announced.clear();
          work.persisted.clear();
          await store.remove(id);
        }
        if (shown()) this.saveState = 'not saved: no input could be read';
        return;
      }
      this.nameAfterInputs(work);
      let failed: string | undefined;
      await store.retryUnsaved(id);
      // Files just dropped: their bytes, "not analysed yet" records and the description, in one transaction.
      const fresh = work.inputs.filter((i) => !work.announced.has(i.id));
      if (fresh.length) {
        const res = await store.saveBatch(this.describe(work), fresh.map((i) => this.toSave(work, i)));
        if (!res.ok) failed = res.reason;
      }
      // Each input's report once, when it is done.
      for (const i of work.inputs) {
        if (!i.report || work.persisted.has(i.id)) continue;
        // In a task of its own: IndexedDB copies the report on the main thread as it is handed
        // over (27 ms for a 77.5 MiB trace's), which otherwise joined the task that drew it.
        await new Promise((r) => setTimeout(r, 0));
        if (!i.report || work.persisted.has(i.id)) continue;
        let res = await store.saveInput(id, i.report, this.toSave(work, i).raw);
        // A trace's timeline file is only a shortcut (the trace can be read again for it): when the
        // record with it cannot be written (a full quota), the record is written without it.
        if (!res.ok && work.timelines.delete(i.id)) res = await store.saveInput(id, i.report, this.toSave(work, i).raw);
        if (!res.ok) failed = res.reason;
      }
      if (work.gone) return;
      const res = await store.saveMeta(this.describe(work));
      if (!res.ok) failed = res.reason;
      // "Saved" only when nothing is waiting to be written: a reload now loses nothing.
      const waiting = work.saveWanted || unsaved(work).length > 0;
      if (shown()) this.saveState = store.unavailable ? `not kept: ${store.unavailable}` : failed ? `not saved: ${failed}; the session lasts until the tab is closed` : waiting ? 'saving' : 'saved';
    } catch (e) {
      if (shown()) this.saveState = `not saved: ${(e as Error)?.message ?? e}`;
    }
  }

  /** Stored bytes of an input, for views that must read the raw data again. */
  blobOf(id: string): Blob | undefined {
    return this.work?.blobs.get(id);
  }

  /** A trace's stored CPU sample tables (untrusted until the worker checks them). */
  cpuTablesOf(id: string): unknown {
    return this.work?.cpuTables.get(id);
  }

  /** A trace's stored timeline (untrusted until the worker checks it). */
  timelineOf(id: string): Blob | undefined {
    return this.work?.timelines.get(id);
  }

  /** Why an input's original bytes were not kept, if they were not. */
  rawDropped(id: string): string | undefined {
    return this.inputs.find((i) => i.id === id)?.rawDropped;
  }
}

/** Inputs of a session not yet handed to the store: just dropped, or read since the last save. */
function unsaved(w: SessionWork): UiInput[] {
  return w.inputs.filter((i) => !w.announced.has(i.id) || (i.report !== undefined && !w.persisted.has(i.id)));
}

/** The record of an input not read yet. */
function placeholder(i: UiInput): InputReport {
  return { id: i.id, name: i.name, kind: 'unknown', bytes: i.bytes, error: NOT_ANALYSED };
}

/** What is kept of an input's original bytes: the file, or why not. */
function keptBytes(r: InputReport, blob: Blob | undefined): { blob?: Blob; dropped?: string } {
  if (!blob) return { dropped: 'not available' };
  if (r.error === 'cancelled') return { dropped: 'the analysis was cancelled' };
  if (blob.size > MAX_STORED_RAW_BYTES) return { dropped: `over the ${formatBytes(MAX_STORED_RAW_BYTES)} kept per file` };
  return { blob };
}

let dateFormat: Intl.DateTimeFormat | undefined;
/**
 * The formatter of session names, made once. Making it loads the locale's
 * date data (a 130 ms main-thread task at the drop, measured on a loaded
 * machine), so the page makes it while idle.
 */
const dateTime = () => (dateFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' }));
// Made when the page is first idle, before the first drop needs it.
if (typeof requestIdleCallback === 'function') requestIdleCallback(() => void dateTime(), { timeout: 2000 });

/**
 * A session's name until the user renames it: the first input that could be
 * read (pasted text is called that, its file name already is a timestamp) and
 * when the session was made, to the second.
 */
export function defaultName(names: string[], when: Date): string {
  const first = names[0] === undefined ? 'session' : isPastedName(names[0]) ? 'Pasted text' : names[0];
  const at = dateTime().format(when);
  return names.length > 1 ? `${first} +${names.length - 1} — ${at}` : `${first} — ${at}`;
}

/** `name`, or `name (2)`, `(3)`… when a saved session already has it: sessions in the list and the compare menus differ. */
export function uniqueName(name: string, taken: string[]): string {
  const used = new Set(taken);
  if (!used.has(name)) return name;
  for (let k = 2; ; k++) if (!used.has(`${name} (${k})`)) return `${name} (${k})`;
}

export const session = new SessionController();
