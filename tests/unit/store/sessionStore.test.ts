// Session storage faults with a fake key-value backend: IndexedDB missing,
// quota exceeded or blocked → sessions live in memory and the store says they
// will not be kept; a corrupt record → listed as damaged and deletable, others
// unaffected; records of the older layout (version 1, no `v`) still open.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { assembleReport } from '../../../src/report/assemble';
import { DamagedSessionError, metaOf, migrateStored, SessionStore, STORED_VERSION, type KeyValue, type StoredSession } from '../../../src/store/sessionStore';
import { repoRoot } from '../paths';

function realSession(id: string, file = 'godebug/gctrace-basic.log'): StoredSession {
  const bytes = new Uint8Array(readFileSync(resolve(repoRoot, 'tests/fixtures', file)));
  const report = assembleReport([analyzeInput('in1', file, bytes).report]);
  return { meta: metaOf(id, `session ${id}`, report, '2026-01-01T00:00:00.000Z'), report, raw: [{ inputId: 'in1', name: file, dropped: 'test' }] };
}

/** A Map-backed store with structured cloning, like IndexedDB; `fail` makes calls throw. */
function fakeBackend(fail: { get?: Error; set?: Error; del?: Error } = {}) {
  const data = new Map<string, unknown>();
  const kv: KeyValue = {
    async get<T>(k: string) {
      if (fail.get) throw fail.get;
      return structuredClone(data.get(k)) as T | undefined;
    },
    async set(k, v) {
      if (fail.set) throw fail.set;
      data.set(k, structuredClone(v));
    },
    async del(k) {
      if (fail.del) throw fail.del;
      data.delete(k);
    },
  };
  return { data, kv, fail };
}

describe('SessionStore with a working backend', () => {
  it('saves, lists and loads a real session with the current record version', async () => {
    const b = fakeBackend();
    const store = new SessionStore(() => b.kv);
    await store.save(realSession('a1'));
    expect(store.unavailable).toBeUndefined();
    expect((b.data.get('session:a1') as StoredSession).v).toBe(STORED_VERSION);
    const list = await store.list();
    expect(list.map((m) => [m.id, m.damaged])).toEqual([['a1', undefined]]);
    const s = await store.load('a1');
    expect(s?.report.inputs[0].gc?.cycles).toBe(realSession('x').report.inputs[0].gc?.cycles);
  });
});

describe('storage faults', () => {
  it('IndexedDB missing: works in memory and says sessions are not kept', async () => {
    const store = new SessionStore(() => {
      throw new Error('IndexedDB is not available in this browser');
    });
    expect(store.unavailable).toMatch(/not available.*until the tab is closed/);
    await store.save(realSession('m1'));
    expect((await store.list()).map((m) => m.id)).toEqual(['m1']);
    expect((await store.load('m1'))?.meta.id).toBe('m1');
  });

  for (const [what, err] of [
    ['quota exceeded', new DOMException('The quota has been exceeded.', 'QuotaExceededError')],
    ['blocked', new DOMException('The database connection is blocked.', 'InvalidStateError')],
  ] as const) {
    it(`${what} on save: the session stays in memory, the store says so`, async () => {
      const b = fakeBackend();
      const store = new SessionStore(() => b.kv);
      b.fail.set = err;
      await store.save(realSession('q1'));
      expect(store.unavailable).toContain(err.message);
      expect(store.unavailable).toMatch(/until the tab is closed/);
      expect((await store.list()).map((m) => m.id)).toEqual(['q1']);
      expect((await store.load('q1'))?.report.inputs).toHaveLength(1);
      expect(b.data.size).toBe(0);
    });
  }

  it('a read failure falls back to memory instead of throwing', async () => {
    const b = fakeBackend({ get: new DOMException('blocked', 'InvalidStateError') });
    const store = new SessionStore(() => b.kv);
    expect(await store.list()).toEqual([]);
    expect(store.unavailable).toMatch(/blocked/);
  });

  it('a corrupt record is listed as damaged and can be deleted; the other session is unaffected', async () => {
    const b = fakeBackend();
    const store = new SessionStore(() => b.kv);
    await store.save(realSession('good'));
    await store.save(realSession('bad'));
    b.data.set('session:bad', { meta: { id: 'bad' }, report: 'garbage' });
    b.data.set('INDEX-extra', 1);
    const list = await store.list();
    expect(list.find((m) => m.id === 'good')?.damaged).toBeUndefined();
    expect(list.find((m) => m.id === 'bad')?.damaged).toMatch(/description|report/);
    await expect(store.load('bad')).rejects.toBeInstanceOf(DamagedSessionError);
    await store.remove('bad');
    expect((await store.list()).map((m) => m.id)).toEqual(['good']);
    expect((await store.load('good'))?.meta.name).toBe('session good');
  });

  it('a missing record behind an index entry is listed as damaged', async () => {
    const b = fakeBackend();
    const store = new SessionStore(() => b.kv);
    await store.save(realSession('gone'));
    b.data.delete('session:gone');
    expect((await store.list())[0].damaged).toMatch(/missing/);
  });

  it('a corrupt index is treated as empty, not as a crash', async () => {
    const b = fakeBackend();
    const store = new SessionStore(() => b.kv);
    b.data.set('sessions', 'not a list');
    expect(await store.list()).toEqual([]);
    await store.save(realSession('n1'));
    expect((await store.list()).map((m) => m.id)).toEqual(['n1']);
  });
});

describe('record migration', () => {
  it('version 1 (no `v`, as the first app shell wrote it) opens as the current version', () => {
    const current = realSession('old');
    const v1 = { meta: current.meta, report: current.report, raw: current.raw };
    const m = migrateStored(structuredClone(v1));
    expect(m.v).toBe(STORED_VERSION);
    expect(m.report).toEqual(current.report);
    expect(m.raw).toEqual(current.raw);
    // Version 1 records saved before any input finished had no `raw`.
    expect(migrateStored({ meta: current.meta, report: current.report }).raw).toEqual([]);
  });

  it('a version-1 record stored in the backend loads through the store', async () => {
    const b = fakeBackend();
    const s = realSession('v1');
    b.data.set('session:v1', { meta: s.meta, report: s.report, raw: s.raw });
    b.data.set('sessions', [s.meta]);
    const store = new SessionStore(() => b.kv);
    expect((await store.list())[0].damaged).toBeUndefined();
    expect((await store.load('v1'))?.report.inputs[0].name).toBe(s.report.inputs[0].name);
  });

  it('refuses records from a newer version or another report schema, saying why', () => {
    const s = realSession('n');
    expect(() => migrateStored({ ...s, v: STORED_VERSION + 1 })).toThrow(/newer gotune/);
    expect(() => migrateStored({ ...s, report: { ...s.report, schema: 'other/9' } })).toThrow(/schema "other\/9"/);
    expect(() => migrateStored(null)).toThrow(DamagedSessionError);
  });
});
