// Sessions in IndexedDB (idb-keyval): a small index of all sessions plus one
// record per session holding its report and the original bytes of its inputs
// (as Blobs, capped) so a newer version can re-analyse them. When IndexedDB is
// unavailable (private mode, quota, blocked) sessions live in memory and the UI
// says they will not be kept.

import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { Report } from './schema';

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
  meta: SessionMeta;
  report: Report;
  raw: StoredRaw[];
}

const INDEX = 'sessions';
const key = (id: string) => `session:${id}`;

export class SessionStore {
  private store: UseStore | undefined;
  private memory = new Map<string, unknown>();
  /** Why sessions are only in memory, when they are. */
  unavailable: string | undefined;

  constructor() {
    try {
      if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available in this browser');
      this.store = createStore('gotune', 'kv');
    } catch (e) {
      this.unavailable = (e as Error).message;
    }
  }

  private async read<T>(k: string): Promise<T | undefined> {
    if (this.store) {
      try {
        return await get<T>(k, this.store);
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
      await set(k, v, this.store);
    } catch (e) {
      this.fallBack(e);
    }
  }

  private fallBack(e: unknown) {
    this.unavailable = `sessions cannot be saved in this browser (${(e as Error)?.message ?? e}); they last until the tab is closed`;
    this.store = undefined;
  }

  async list(): Promise<SessionMeta[]> {
    const all = (await this.read<SessionMeta[]>(INDEX)) ?? [];
    return [...all].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  async load(id: string): Promise<StoredSession | undefined> {
    return this.read<StoredSession>(key(id));
  }

  async save(s: StoredSession): Promise<void> {
    await this.write(key(s.meta.id), s);
    const all = (await this.read<SessionMeta[]>(INDEX)) ?? [];
    const rest = all.filter((m) => m.id !== s.meta.id);
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
        await del(key(id), this.store);
      } catch (e) {
        this.fallBack(e);
      }
    }
    const all = (await this.read<SessionMeta[]>(INDEX)) ?? [];
    await this.write(
      INDEX,
      all.filter((m) => m.id !== id),
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
