// Sessions in IndexedDB (idb-keyval), one key per thing so no write ever
// rewrites another session's data:
//   meta:<session id>            the session's name, dates and input list (what the start page lists)
//   bytes:<session id>:<input>   one input's original bytes (a Blob, capped), written once, when it is dropped
//   input:<session id>:<input>   one input's report: "not analysed yet" when it is dropped, its real report when read
//                                (with, for a trace, its CPU sample tables and its timeline file: see StoredRaw)
// A session is written as soon as its files are dropped (description, bytes,
// placeholders), so a reload or a closed tab at any moment loses no input: the
// ones not read yet are read when the session is opened again.
// The list of sessions is the set of meta: keys, so there is no shared index
// for two tabs to overwrite. Records of older layouts (a `sessions` index plus
// one `session:<id>` record holding everything) are still listed and opened.
// What IndexedDB returns is checked like any input: a damaged record is named,
// the rest of the list stays. A write that fails (quota, blocked) keeps the
// data in this tab's memory, says why, and the next write tries again.

import { createStore, del, delMany, get, getMany, keys, set, setMany, update } from 'idb-keyval';
import { REPORT_SCHEMA, type InputReport, type Report } from '../report/schema';
import { assembleReport } from '../report/assemble';
import { checkInputReport } from '../report/permalink/validate';

export interface SessionInputMeta {
  id: string;
  name: string;
  kind: string;
  bytes: number;
  error?: string;
}

export interface SessionMeta {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  inputs: SessionInputMeta[];
  /** Set by list() when the stored record cannot be read: why. The session can only be deleted. */
  damaged?: string;
  /** Set by list() when the session is only in this tab's memory: why it was not saved. */
  unsaved?: string;
}

export interface StoredRaw {
  inputId: string;
  name: string;
  /** The original bytes, absent when they were over the cap. */
  blob?: Blob;
  /** Why the bytes were not kept. */
  dropped?: string;
  /**
   * A trace's CPU samples as tables (src/analysis/gotrace/cpuTables.ts), so
   * its CPU profile is rebuilt without re-reading the trace. Untrusted: the
   * worker checks them before use (restoreTraceCpu).
   */
  cpu?: unknown;
  /**
   * A trace's timeline as one file (src/analysis/gotrace/timelineFile.ts: an overview, then the columns),
   * so reopening shows the timeline without reading the trace again.
   * Untrusted: the worker checks it whole before use (restoreTimeline).
   */
  timeline?: Blob;
}

/** A session as load() gives it (whatever layout it was stored in). */
export interface StoredSession {
  v?: number;
  meta: SessionMeta;
  report: Report;
  raw: StoredRaw[];
}

/** The record of one input (layout 3). */
export interface StoredInput {
  v: number;
  report: InputReport;
  raw: StoredRaw;
}

/**
 * Layout of the records written now. 1: { meta, report, raw } without `v` in
 * `session:<id>` plus a `sessions` index; 2: the same with `v`; 3: meta:<id> and
 * one input:<id>:<input> record per input (its bytes inside), no index; 4: the
 * bytes apart, in bytes:<id>:<input>, written once when the file is dropped.
 */
export const STORED_VERSION = 4;

/** An input's original bytes (layout 4). */
export interface StoredBytes {
  v: number;
  blob: Blob;
}

/** An input to write: its report (or the "not analysed yet" placeholder), its file entry, and its bytes when they are to be written now. */
export interface InputToSave {
  report: InputReport;
  raw: StoredRaw;
  blob?: Blob;
}

export class DamagedSessionError extends Error {
  /** The session's name, when its description could be read. */
  sessionName?: string;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';

function checkVersion(r: Record<string, unknown>): number {
  const v = r.v === undefined ? 1 : r.v;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new DamagedSessionError(`unknown record version ${JSON.stringify(v)}`);
  if (v > STORED_VERSION) throw new DamagedSessionError(`written by a newer gotune (record version ${v}; this one reads up to ${STORED_VERSION})`);
  return v;
}

function checkRaw(x: unknown, where: string): StoredRaw {
  if (!isObj(x) || !isStr(x.inputId) || !isStr(x.name)) throw new DamagedSessionError(`${where}: its stored file entry lacks an input id or name`);
  if (x.blob !== undefined && !(typeof Blob !== 'undefined' && x.blob instanceof Blob)) throw new DamagedSessionError(`${where}: its stored file is not a file`);
  if (x.dropped !== undefined && !isStr(x.dropped)) throw new DamagedSessionError(`${where}: its stored file note is not text`);
  // A stored timeline that is not a file is only a lost shortcut: the trace is read again for it.
  if (x.timeline !== undefined && !(typeof Blob !== 'undefined' && x.timeline instanceof Blob)) delete x.timeline;
  return x as unknown as StoredRaw;
}

/** A session description (meta: record) checked field by field; DamagedSessionError saying what is wrong. */
export function checkMeta(x: unknown): SessionMeta & { v: number } {
  if (!isObj(x)) throw new DamagedSessionError('its description is not an object');
  const v = checkVersion(x);
  if (!isStr(x.id) || !isStr(x.name)) throw new DamagedSessionError('its description (id, name) is missing');
  if (!isStr(x.createdAt) || !isStr(x.updatedAt)) throw new DamagedSessionError('its dates are missing');
  if (!Array.isArray(x.inputs)) throw new DamagedSessionError('its list of inputs is missing');
  const ids = new Set<string>();
  for (const [i, m] of x.inputs.entries()) {
    if (!isObj(m) || !isStr(m.id) || !isStr(m.name) || !isStr(m.kind) || typeof m.bytes !== 'number' || (m.error !== undefined && !isStr(m.error)))
      throw new DamagedSessionError(`input ${i + 1} in its list lacks its id, name, kind or size`);
    if (ids.has(m.id)) throw new DamagedSessionError(`input ${i + 1} in its list repeats the id ${m.id}`);
    ids.add(m.id);
  }
  return x as unknown as SessionMeta & { v: number };
}

/** One input's record (layout 3) checked: the report exactly as links are checked, and its file entry. */
export function checkStoredInput(x: unknown, where: string): StoredInput {
  if (x === undefined) throw new DamagedSessionError(`${where}: its record is missing`);
  if (!isObj(x)) throw new DamagedSessionError(`${where}: its record is not an object`);
  checkVersion(x);
  const wrong = checkInputReport(x.report, where);
  if (wrong) throw new DamagedSessionError(wrong);
  checkRaw(x.raw, where);
  return x as unknown as StoredInput;
}

/**
 * A record of layout 1 or 2 (`session:<id>`) brought to what load() returns,
 * or DamagedSessionError saying what is wrong with it.
 */
export function migrateStored(rec: unknown): StoredSession {
  if (!isObj(rec)) throw new DamagedSessionError('the stored record is not an object');
  let r: Record<string, unknown> = rec;
  const v = checkVersion(r);
  if (v === 1) {
    // Version 1 kept no version and could lack `raw` (sessions saved before any input finished).
    r = { ...r, v: 2, raw: Array.isArray(r.raw) ? r.raw : [] };
  }
  const meta = r.meta;
  const report = r.report;
  if (!isObj(meta) || typeof meta.id !== 'string' || typeof meta.name !== 'string') throw new DamagedSessionError('its description (id, name) is missing');
  if (!isObj(report)) throw new DamagedSessionError('its report is missing');
  if (report.schema !== REPORT_SCHEMA) throw new DamagedSessionError(`its report has schema ${JSON.stringify(report.schema)}, expected ${REPORT_SCHEMA}`);
  if (!Array.isArray(report.inputs)) throw new DamagedSessionError('its report lists no inputs');
  for (const [i, inp] of report.inputs.entries()) {
    const wrong = checkInputReport(inp, `input ${i + 1}`);
    if (wrong) throw new DamagedSessionError(wrong);
  }
  if (!Array.isArray(report.findings)) throw new DamagedSessionError('its report has no findings list');
  if (!Array.isArray(r.raw)) throw new DamagedSessionError('its stored files list is missing');
  r.raw.forEach((x, i) => checkRaw(x, `stored file ${i + 1}`));
  // Session findings are made again from the checked input findings.
  const inputs = report.inputs as unknown as InputReport[];
  return { v: STORED_VERSION, meta: metaOf(meta.id, meta.name, { inputs }, isStr(meta.createdAt) ? meta.createdAt : '', isStr(meta.updatedAt) ? meta.updatedAt : ''), report: assembleReport(inputs, dateOr(report.createdAt)), raw: r.raw as StoredRaw[] };
}

const dateOr = (s: unknown) => {
  const d = new Date(isStr(s) ? s : NaN);
  return Number.isNaN(d.getTime()) ? new Date(0) : d;
};

/** The key-value calls the store needs (idb-keyval in the browser; tests pass a fake). */
export interface KeyValue {
  get<T>(k: string): Promise<T | undefined>;
  getMany<T>(ks: string[]): Promise<(T | undefined)[]>;
  set(k: string, v: unknown): Promise<void>;
  /** Write several keys in one transaction (all or none). */
  setMany(entries: [string, unknown][]): Promise<void>;
  /** Read and write one key in one transaction (no other write lands in between). */
  update<T>(k: string, fn: (old: T | undefined) => T): Promise<void>;
  del(k: string): Promise<void>;
  delMany(ks: string[]): Promise<void>;
  keys(): Promise<string[]>;
}

function idbKeyValue(): KeyValue {
  if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available in this browser');
  const s = createStore('gotune', 'kv');
  return {
    get: (k) => get(k, s),
    getMany: (ks) => getMany(ks, s),
    set: (k, v) => set(k, v, s),
    setMany: (entries) => setMany(entries, s),
    update: (k, fn) => update(k, fn, s),
    del: (k) => del(k, s),
    delMany: (ks) => delMany(ks, s),
    keys: async () => (await keys(s)).filter(isStr),
  };
}

/** The `sessions` index of layouts 1 and 2. */
const LEGACY_INDEX = 'sessions';
const legacyKey = (id: string) => `session:${id}`;
const metaKey = (id: string) => `meta:${id}`;
const inputKey = (id: string, inputId: string) => `input:${id}:${inputId}`;
const bytesKey = (id: string, inputId: string) => `bytes:${id}:${inputId}`;
/** Whether a key holds one of this session's inputs (report or bytes). */
const ownInputKey = (id: string, k: string) => k.startsWith(`input:${id}:`) || k.startsWith(`bytes:${id}:`);

/** Why a write failed, in words a person can act on (a full quota says how full). */
export async function describeStorageError(e: unknown): Promise<string> {
  const name = (e as { name?: string })?.name;
  const msg = (e as Error)?.message ?? String(e);
  if (name === 'QuotaExceededError' || /quota/i.test(msg)) {
    let usage = '';
    try {
      const est = typeof navigator !== 'undefined' ? await navigator.storage?.estimate?.() : undefined;
      if (est?.usage !== undefined && est.quota) usage = ` (${(est.usage / 1e6).toFixed(1)} MB used of ${(est.quota / 1e6).toFixed(1)} MB)`;
    } catch {
      // no estimate: the message stays without numbers
    }
    return `the browser's storage quota for this site is full${usage}; delete older sessions to make room`;
  }
  return msg ? `${name && name !== 'Error' ? `${name}: ` : ''}${msg}` : `${name ?? 'an unknown error'}`;
}

export type SaveResult = { ok: true } | { ok: false; reason: string };

export class SessionStore {
  private store: KeyValue | undefined;
  /** Records this tab could not write (or everything, without IndexedDB): read in place of IndexedDB's. */
  private memory = new Map<string, unknown>();
  /** Why a session is only in memory, by session id. */
  private unsavedWhy = new Map<string, string>();
  /** Set once this page saw there is no index of the older layout (none is ever written again). */
  private noLegacy = false;
  /** Why sessions are only in memory, when IndexedDB cannot be used at all. */
  unavailable: string | undefined;

  constructor(backend?: () => KeyValue) {
    try {
      this.store = (backend ?? idbKeyValue)();
    } catch (e) {
      this.unavailable = `sessions cannot be saved in this browser (${(e as Error).message || (e as Error).name || 'IndexedDB failed'}); they last until the tab is closed`;
    }
  }

  private async read<T>(k: string): Promise<T | undefined> {
    if (this.memory.has(k)) return this.memory.get(k) as T;
    if (!this.store) return undefined;
    try {
      return await this.store.get<T>(k);
    } catch (e) {
      this.readFailed(e);
      return undefined;
    }
  }

  private readFailed(e: unknown) {
    this.unavailable = `saved sessions cannot be read in this browser (${(e as Error)?.message || (e as Error)?.name || e}); new ones last until the tab is closed`;
  }

  /** Write one record; on failure keep it in memory and return why. */
  private async write(k: string, v: unknown): Promise<string | undefined> {
    if (!this.store) {
      this.memory.set(k, v);
      return this.unavailable ?? 'IndexedDB is not available';
    }
    try {
      await this.store.set(k, v);
      this.memory.delete(k);
      return undefined;
    } catch (e) {
      this.memory.set(k, v);
      return describeStorageError(e);
    }
  }

  private async allKeys(): Promise<string[]> {
    const mem = [...this.memory.keys()];
    if (!this.store) return mem;
    try {
      return [...new Set([...(await this.store.keys()), ...mem])];
    } catch (e) {
      this.readFailed(e);
      return mem;
    }
  }

  /** Saved sessions, newest first; a session whose description cannot be read is listed with `damaged`. */
  async list(): Promise<SessionMeta[]> {
    const all = await this.allKeys();
    const ids = all.filter((k) => k.startsWith('meta:')).map((k) => k.slice(5));
    const out: SessionMeta[] = [];
    let metas: unknown[] = [];
    if (this.store && ids.length) {
      try {
        metas = await this.store.getMany(ids.map(metaKey));
      } catch (e) {
        this.readFailed(e);
      }
    }
    ids.forEach((id, i) => {
      const m = this.memory.has(metaKey(id)) ? this.memory.get(metaKey(id)) : metas[i];
      if (m === undefined) return; // deleted meanwhile
      const why = this.unsavedWhy.get(id);
      try {
        const meta = checkMeta(m);
        if (meta.id !== id) throw new DamagedSessionError(`its description names another session (${meta.id.slice(0, 40)})`);
        out.push({ id, name: meta.name, createdAt: meta.createdAt, updatedAt: meta.updatedAt, inputs: meta.inputs, ...(why ? { unsaved: why } : {}) });
      } catch (e) {
        out.push(damagedEntry(id, m, (e as Error).message));
      }
    });
    // Sessions saved by older versions (an index plus one record each).
    const legacy = await this.read<unknown>(LEGACY_INDEX);
    for (const m of Array.isArray(legacy) ? legacy : []) {
      if (!isObj(m) || !isStr(m.id) || ids.includes(m.id) || out.some((o) => o.id === m.id)) continue;
      let damaged: string | undefined;
      try {
        const rec = await this.read<unknown>(legacyKey(m.id));
        if (rec === undefined) throw new DamagedSessionError('its record is missing');
        migrateStored(rec);
      } catch (e) {
        damaged = (e as Error).message;
      }
      const entry = damagedEntry(m.id, m, damaged ?? '');
      if (!damaged) {
        delete entry.damaged;
        entry.inputs = Array.isArray(m.inputs) ? (m.inputs as SessionInputMeta[]).filter((i) => isObj(i) && isStr(i.name) && isStr(i.kind) && typeof i.bytes === 'number') : [];
      }
      out.push(entry);
    }
    return out.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  /** The session; undefined when absent; DamagedSessionError (naming the session when its name is readable) when unreadable. */
  async load(id: string): Promise<StoredSession | undefined> {
    const m = await this.read<unknown>(metaKey(id));
    if (m === undefined) {
      const rec = await this.read<unknown>(legacyKey(id));
      return rec === undefined ? undefined : migrateStored(rec);
    }
    const name = isObj(m) && isStr(m.name) ? m.name : undefined;
    try {
      const meta = checkMeta(m);
      const ks = meta.inputs.map((i) => inputKey(id, i.id));
      let recs: unknown[] = ks.map((k) => this.memory.get(k));
      const missing = ks.filter((k, i) => recs[i] === undefined && !this.memory.has(k));
      if (missing.length && this.store) {
        const got = await this.store.getMany(missing);
        const byKey = new Map(missing.map((k, i) => [k, got[i]]));
        recs = ks.map((k, i) => recs[i] ?? byKey.get(k));
      }
      const inputs = recs.map((r, i) => checkStoredInput(r, `input ${i + 1} (${meta.inputs[i].name.slice(0, 200)})`));
      inputs.forEach((r, i) => {
        if (r.report.id !== meta.inputs[i].id) throw new DamagedSessionError(`input ${i + 1}: its record holds another input`);
      });
      const reports = inputs.map((r) => r.report);
      return { v: STORED_VERSION, meta: { id, name: meta.name, createdAt: meta.createdAt, updatedAt: meta.updatedAt, inputs: meta.inputs }, report: assembleReport(reports, dateOr(meta.updatedAt)), raw: await this.withBytes(id, inputs.map((r) => r.raw)) };
    } catch (e) {
      const err = new DamagedSessionError((e as Error).message);
      if (name !== undefined) err.sessionName = name.slice(0, 200);
      throw err;
    }
  }

  /**
   * The file entries with their bytes (layout 4 keeps them apart; layout 3
   * inside the entry). Bytes that are missing or not a file leave the entry
   * without them: that input cannot be read again, the rest of the session opens.
   */
  private async withBytes(id: string, raws: StoredRaw[]): Promise<StoredRaw[]> {
    const want = raws.filter((r) => !r.blob && r.dropped === undefined).map((r) => bytesKey(id, r.inputId));
    const got = new Map<string, unknown>();
    const fromStore = want.filter((k) => {
      if (!this.memory.has(k)) return true;
      got.set(k, this.memory.get(k));
      return false;
    });
    if (fromStore.length && this.store) {
      try {
        (await this.store.getMany(fromStore)).forEach((v, i) => got.set(fromStore[i], v));
      } catch (e) {
        this.readFailed(e);
      }
    }
    return raws.map((r) => {
      if (r.blob || r.dropped !== undefined) return r;
      const b = got.get(bytesKey(id, r.inputId));
      return isObj(b) && typeof Blob !== 'undefined' && b.blob instanceof Blob ? { ...r, blob: b.blob } : { ...r, dropped: 'its saved bytes are missing' };
    });
  }

  /**
   * Save one input's report record (its bytes were written when it was
   * dropped, see saveBatch). Called once per input when it is done (the
   * session description is saved separately, after it), so a session of 500
   * files writes each file once, not the whole session after every file.
   */
  async saveInput(sessionId: string, report: InputReport, raw: StoredRaw): Promise<SaveResult> {
    const why = await this.write(inputKey(sessionId, report.id), { v: STORED_VERSION, report, raw } satisfies StoredInput);
    if (why) this.unsavedWhy.set(sessionId, why);
    return why ? { ok: false, reason: why } : { ok: true };
  }

  /**
   * Save a session's description (after its inputs' records). It never names
   * an input whose record could not be written: IndexedDB gets the description
   * of what was saved (nothing, when no input was), and this tab keeps the whole
   * one in memory, so after a reload the list shows only what can be opened.
   */
  async saveMeta(meta: SessionMeta): Promise<SaveResult> {
    const { damaged: _d, unsaved: _u, ...clean } = meta;
    const full = { ...clean, v: STORED_VERSION };
    const saved = full.inputs.filter((i) => !this.memory.has(inputKey(meta.id, i.id)) && !this.memory.has(bytesKey(meta.id, i.id)));
    let why: string | undefined;
    if (saved.length === full.inputs.length) why = await this.write(metaKey(meta.id), full);
    else {
      if (saved.length) await this.write(metaKey(meta.id), { ...full, inputs: saved });
      this.memory.set(metaKey(meta.id), full);
    }
    if (why) this.unsavedWhy.set(meta.id, why);
    else if (saved.length === full.inputs.length) this.unsavedWhy.delete(meta.id);
    await this.dropLegacy(meta.id);
    const reason = this.unsavedWhy.get(meta.id);
    return reason ? { ok: false, reason } : { ok: true };
  }

  /** Write again the input records of a session that an earlier save could only keep in memory. */
  async retryUnsaved(sessionId: string): Promise<void> {
    if (this.store) for (const [k, v] of [...this.memory]) if (ownInputKey(sessionId, k)) await this.write(k, v);
  }

  /**
   * Save a session's new input records (with their bytes, when given), the
   * ones an earlier save could only keep in memory, and its description in ONE
   * transaction, started before this returns its first await. Used when files
   * are dropped (so a reload right after keeps them all) and when the page is
   * hidden or closed (`pagehide`), where a chain of awaited writes would stop
   * after the first. All or none, so the description never names an input
   * that is missing.
   */
  async saveBatch(meta: SessionMeta, inputs: InputToSave[]): Promise<SaveResult> {
    const { damaged: _d, unsaved: _u, ...clean } = meta;
    const entries: [string, unknown][] = [...this.memory].filter(([k]) => ownInputKey(meta.id, k));
    for (const i of inputs) {
      const { blob: _b, ...raw } = i.raw;
      if (i.blob) entries.push([bytesKey(meta.id, i.report.id), { v: STORED_VERSION, blob: i.blob } satisfies StoredBytes]);
      entries.push([inputKey(meta.id, i.report.id), { v: STORED_VERSION, report: i.report, raw } satisfies StoredInput]);
    }
    entries.push([metaKey(meta.id), { ...clean, v: STORED_VERSION }]);
    let why: string | undefined;
    if (!this.store) why = this.unavailable ?? 'IndexedDB is not available';
    else {
      try {
        await this.store.setMany(entries);
        for (const [k] of entries) this.memory.delete(k);
        this.unsavedWhy.delete(meta.id);
        return { ok: true };
      } catch (e) {
        why = await describeStorageError(e);
      }
    }
    for (const [k, v] of entries) this.memory.set(k, v);
    this.unsavedWhy.set(meta.id, why);
    return { ok: false, reason: why };
  }

  /** Save a whole session (every input's record and bytes, and its description) in one transaction. */
  async save(s: StoredSession): Promise<SaveResult> {
    const inputs = s.report.inputs.map((report) => {
      const raw = s.raw.find((x) => x.inputId === report.id) ?? { inputId: report.id, name: report.name, dropped: 'not available' };
      return { report, raw, blob: raw.blob };
    });
    const res = await this.saveBatch(s.meta, inputs);
    await this.dropLegacy(s.meta.id);
    return res;
  }

  /** Forget one input's record and bytes (the session description is saved by the caller). */
  async removeInput(sessionId: string, inputId: string): Promise<void> {
    const ks = [inputKey(sessionId, inputId), bytesKey(sessionId, inputId)];
    for (const k of ks) this.memory.delete(k);
    try {
      await this.store?.delMany(ks);
    } catch {
      // Left behind; it is not listed in the description, so it is never read.
    }
  }

  /** Rename in one transaction, so a rename never undoes a save made meanwhile. */
  async rename(id: string, name: string): Promise<void> {
    const now = new Date().toISOString();
    const m = this.memory.get(metaKey(id));
    if (isObj(m)) this.memory.set(metaKey(id), { ...m, name, updatedAt: now });
    else if (this.store && (await this.read(metaKey(id))) !== undefined) {
      try {
        await this.store.update<unknown>(metaKey(id), (old) => (isObj(old) ? { ...old, name, updatedAt: now } : old));
      } catch {
        // Stays with its old name; the page shows what list() returns.
      }
    } else {
      // An older layout: saved again as layout 3.
      const s = await this.load(id);
      if (s) await this.save({ ...s, meta: { ...s.meta, name, updatedAt: now } });
    }
  }

  async remove(id: string): Promise<void> {
    const own = (await this.allKeys()).filter((k) => ownInputKey(id, k) || k === metaKey(id) || k === legacyKey(id));
    for (const k of own) this.memory.delete(k);
    this.unsavedWhy.delete(id);
    if (this.store) {
      try {
        // The description first: the session leaves the list at once.
        await this.store.del(metaKey(id));
        await this.store.delMany(own);
      } catch {
        // What is left without a description is never listed.
      }
    }
    await this.dropLegacy(id);
  }

  /** Take a session out of the older layout's index, in one transaction. */
  private async dropLegacy(id: string): Promise<void> {
    if (!this.store || this.noLegacy) return;
    try {
      const index = await this.store.get<unknown>(LEGACY_INDEX);
      if (!Array.isArray(index)) this.noLegacy = true;
      if (!Array.isArray(index) || !index.some((m) => isObj(m) && m.id === id)) return;
      await this.store.update<unknown>(LEGACY_INDEX, (old) => (Array.isArray(old) ? old.filter((m) => !(isObj(m) && m.id === id)) : old));
      await this.store.del(legacyKey(id));
    } catch {
      // The older entry stays listed; deleting it from the list tries again.
    }
  }
}

function damagedEntry(id: string, m: unknown, why: string): SessionMeta {
  const o = isObj(m) ? m : {};
  return { id, name: isStr(o.name) ? o.name : `session ${id}`, createdAt: isStr(o.createdAt) ? o.createdAt : '', updatedAt: isStr(o.updatedAt) ? o.updatedAt : '', inputs: [], damaged: why };
}

export function newSessionId(): string {
  const b = new Uint8Array(6);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export function metaOf(id: string, name: string, report: Pick<Report, 'inputs'>, createdAt: string, updatedAt = new Date().toISOString()): SessionMeta {
  return {
    id,
    name,
    createdAt,
    updatedAt,
    inputs: report.inputs.map((i) => ({ id: i.id, name: i.name, kind: i.kind, bytes: i.bytes, ...(i.error ? { error: i.error } : {}) })),
  };
}
