// Sessions in IndexedDB (idb-keyval): a small index of all sessions plus one
// record per session holding its report and the original bytes of its inputs
// (as Blobs, capped) so a newer version can re-analyse them. When IndexedDB is
// unavailable (private mode, quota, blocked) sessions live in memory and the UI
// says they will not be kept.

import { createStore, del, get, set } from 'idb-keyval';
import { REPORT_SCHEMA, type Report } from '../report/schema';

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
}

export interface StoredRaw {
  inputId: string;
  name: string;
  /** The original bytes, absent when they were over the cap. */
  blob?: Blob;
  /** Why the bytes were not kept. */
  dropped?: string;
}

export interface StoredSession {
  /** Record layout version (STORED_VERSION); absent in records written before versioning (version 1). */
  v?: number;
  meta: SessionMeta;
  report: Report;
  raw: StoredRaw[];
}

/** Layout of the records written now. 1: { meta, report, raw } without `v` (the first app shell). */
export const STORED_VERSION = 2;

export class DamagedSessionError extends Error {}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * A stored record brought to the current layout, or DamagedSessionError saying
 * what is wrong with it. Each step upgrades one version.
 */
export function migrateStored(rec: unknown): StoredSession {
  if (!isObj(rec)) throw new DamagedSessionError('the stored record is not an object');
  let r: Record<string, unknown> = rec;
  const v = r.v === undefined ? 1 : r.v;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new DamagedSessionError(`unknown record version ${JSON.stringify(v)}`);
  if (v > STORED_VERSION) throw new DamagedSessionError(`written by a newer gotune (record version ${v}; this one reads up to ${STORED_VERSION})`);
  if (v === 1) {
    // Version 1 kept no version and could lack `raw` (sessions saved before any input finished).
    r = { ...r, v: 2, raw: Array.isArray(r.raw) ? r.raw : [] };
  }
  const meta = r.meta;
  const report = r.report;
  if (!isObj(meta) || typeof meta.id !== 'string' || typeof meta.name !== 'string') throw new DamagedSessionError('its description (id, name) is missing');
  if (!isObj(report)) throw new DamagedSessionError('its report is missing');
  if (report.schema !== REPORT_SCHEMA) throw new DamagedSessionError(`its report has schema ${JSON.stringify(report.schema)}, expected ${REPORT_SCHEMA}`);
  if (!Array.isArray(report.inputs) || !report.inputs.every((i) => isObj(i) && typeof i.id === 'string' && typeof i.name === 'string' && typeof i.kind === 'string'))
    throw new DamagedSessionError('its report lists inputs without id, name or kind');
  if (!Array.isArray(report.findings)) throw new DamagedSessionError('its report has no findings list');
  if (!Array.isArray(r.raw)) throw new DamagedSessionError('its stored files list is missing');
  return r as unknown as StoredSession;
}

/** The key-value calls the store needs (idb-keyval in the browser; tests pass a fake). */
export interface KeyValue {
  get<T>(k: string): Promise<T | undefined>;
  set(k: string, v: unknown): Promise<void>;
  del(k: string): Promise<void>;
}

function idbKeyValue(): KeyValue {
  if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available in this browser');
  const store = createStore('gotune', 'kv');
  return { get: (k) => get(k, store), set: (k, v) => set(k, v, store), del: (k) => del(k, store) };
}

const INDEX = 'sessions';
const key = (id: string) => `session:${id}`;

export class SessionStore {
  private store: KeyValue | undefined;
  private memory = new Map<string, unknown>();
  /** Why sessions are only in memory, when they are. */
  unavailable: string | undefined;

  constructor(backend?: () => KeyValue) {
    try {
      this.store = (backend ?? idbKeyValue)();
    } catch (e) {
      this.unavailable = `sessions cannot be saved in this browser (${(e as Error).message}); they last until the tab is closed`;
    }
  }

  private async read<T>(k: string): Promise<T | undefined> {
    if (this.store) {
      try {
        return await this.store.get<T>(k);
      } catch (e) {
        this.fallBack(e);
      }
    }
    return this.memory.get(k) as T | undefined;
  }

  private async write(k: string, v: unknown): Promise<void> {
    this.memory.set(k, v);
    if (!this.store) return;
    try {
      await this.store.set(k, v);
    } catch (e) {
      this.fallBack(e);
    }
  }

  private fallBack(e: unknown) {
    this.unavailable = `sessions cannot be saved in this browser (${(e as Error)?.message ?? e}); they last until the tab is closed`;
    this.store = undefined;
  }

  /** Saved sessions, newest first; a session whose record cannot be read is listed with `damaged`. */
  async list(): Promise<SessionMeta[]> {
    const index = await this.read<unknown>(INDEX);
    const out: SessionMeta[] = [];
    for (const m of Array.isArray(index) ? index : []) {
      if (!isObj(m) || typeof m.id !== 'string') continue;
      let damaged: string | undefined;
      try {
        const rec = await this.read<unknown>(key(m.id));
        if (rec === undefined) throw new DamagedSessionError('its record is missing');
        migrateStored(rec);
      } catch (e) {
        damaged = (e as Error).message;
      }
      const str = (x: unknown, d: string) => (typeof x === 'string' ? x : d);
      out.push({
        id: m.id,
        name: str(m.name, `session ${m.id}`),
        createdAt: str(m.createdAt, ''),
        updatedAt: str(m.updatedAt, ''),
        inputs: !damaged && Array.isArray(m.inputs) ? (m.inputs as SessionInputMeta[]) : [],
        ...(damaged ? { damaged } : {}),
      });
    }
    return out.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  /** The session brought to the current layout; undefined when absent; DamagedSessionError when unreadable. */
  async load(id: string): Promise<StoredSession | undefined> {
    const rec = await this.read<unknown>(key(id));
    return rec === undefined ? undefined : migrateStored(rec);
  }

  async save(s: StoredSession): Promise<void> {
    await this.write(key(s.meta.id), { ...s, v: STORED_VERSION });
    const index = await this.read<unknown>(INDEX);
    const rest = (Array.isArray(index) ? (index as SessionMeta[]) : []).filter((m) => m?.id !== s.meta.id);
    await this.write(INDEX, [...rest, s.meta]);
  }

  async rename(id: string, name: string): Promise<void> {
    const s = await this.load(id);
    if (!s) return;
    s.meta = { ...s.meta, name, updatedAt: new Date().toISOString() };
    await this.save(s);
  }

  async remove(id: string): Promise<void> {
    this.memory.delete(key(id));
    if (this.store) {
      try {
        await this.store.del(key(id));
      } catch (e) {
        this.fallBack(e);
      }
    }
    const index = await this.read<unknown>(INDEX);
    await this.write(
      INDEX,
      (Array.isArray(index) ? (index as SessionMeta[]) : []).filter((m) => m?.id !== id),
    );
  }
}

export function newSessionId(): string {
  const b = new Uint8Array(6);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export function metaOf(id: string, name: string, report: Report, createdAt: string): SessionMeta {
  return {
    id,
    name,
    createdAt,
    updatedAt: new Date().toISOString(),
    inputs: report.inputs.map((i) => ({ id: i.id, name: i.name, kind: i.kind, bytes: i.bytes, ...(i.error ? { error: i.error } : {}) })),
  };
}
