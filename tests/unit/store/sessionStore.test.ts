// Session storage with a fake key-value backend: two tabs saving at once keep
// every session; IndexedDB missing, quota exceeded or blocked → sessions live
// in memory and the store says why (a full quota by name), later saves still
// work; a corrupt record → named, the rest of the list unaffected; records of
// the older layouts (an index plus one record per session) still open.

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

/**
 * A Map-backed store with structured cloning, like IndexedDB; `fail` makes
 * calls throw. Every call takes a few macrotasks, so calls from two stores
 * (two tabs) interleave as they do in a browser; `update` reads and writes in
 * one step, as one IndexedDB transaction does.
 */
function fakeBackend(fail: { get?: Error; set?: Error; del?: Error; setOnce?: Error } = {}) {
  const data = new Map<string, unknown>();
  const tick = () => new Promise((r) => setTimeout(r, Math.floor(Math.random() * 3)));
  const calls = { set: 0, setMany: 0 };
  /** A write (one key or one transaction) fails as `fail` says: `setOnce` the next one only, `set` every one. */
  const writeFault = () => {
    const once = fail.setOnce;
    fail.setOnce = undefined;
    if (once) throw once;
    if (fail.set) throw fail.set;
  };
  const kv: KeyValue = {
    async get<T>(k: string) {
      await tick();
      if (fail.get) throw fail.get;
      return structuredClone(data.get(k)) as T | undefined;
    },
    async getMany<T>(ks: string[]) {
      await tick();
      if (fail.get) throw fail.get;
      return ks.map((k) => structuredClone(data.get(k))) as (T | undefined)[];
    },
    async set(k, v) {
      await tick();
      calls.set++;
      writeFault();
      data.set(k, structuredClone(v));
    },
    async setMany(entries) {
      await tick();
      calls.setMany++;
      writeFault();
      for (const [k, v] of entries) data.set(k, structuredClone(v));
    },
    async update<T>(k: string, fn: (old: T | undefined) => T) {
      await tick();
      if (fail.set) throw fail.set;
      data.set(k, structuredClone(fn(structuredClone(data.get(k)) as T | undefined)));
    },
    async del(k) {
      await tick();
      if (fail.del) throw fail.del;
      data.delete(k);
    },
    async delMany(ks) {
      await tick();
      if (fail.del) throw fail.del;
      for (const k of ks) data.delete(k);
    },
    async keys() {
      await tick();
      if (fail.get) throw fail.get;
      return [...data.keys()];
    },
  };
  return { data, kv, fail, calls };
}

describe('SessionStore with a working backend', () => {
  it('saves, lists and loads a real session with the current record version', async () => {
    const b = fakeBackend();
    const store = new SessionStore(() => b.kv);
    expect(await store.save(realSession('a1'))).toEqual({ ok: true });
    expect(store.unavailable).toBeUndefined();
    expect((b.data.get('meta:a1') as { v: number }).v).toBe(STORED_VERSION);
    expect((b.data.get('input:a1:in1') as { v: number }).v).toBe(STORED_VERSION);
    const list = await store.list();
    expect(list.map((m) => [m.id, m.damaged])).toEqual([['a1', undefined]]);
    const s = await store.load('a1');
    expect(s?.report.inputs[0].gc?.cycles).toBe(realSession('x').report.inputs[0].gc?.cycles);
    expect(s?.report.findings).toEqual(realSession('x').report.findings);
  });

  it('saving a session again writes only its description and the new inputs, not the records already saved', async () => {
    const b = fakeBackend();
    const store = new SessionStore(() => b.kv);
    const s = realSession('inc');
    await store.saveInput('inc', s.report.inputs[0], s.raw[0]);
    const writes: string[] = [];
    const set = b.kv.set;
    b.kv.set = (k, v) => (writes.push(k), set(k, v));
    await store.saveMeta(s.meta);
    expect(writes).toEqual(['meta:inc']);
  });

  it("keeps a trace's CPU sample tables with its input record; reading them back leaves them for the worker to check", async () => {
    const b = fakeBackend();
    const store = new SessionStore(() => b.kv);
    const s = realSession('cpu');
    const cpu = { v: 1, durationNs: 5, strings: ['main.f', 'f.go'], frames: [4096, 0, 1, 3], stacks: [[0]], counts: [2] };
    await store.saveInput('cpu', s.report.inputs[0], { ...s.raw[0], cpu });
    await store.saveMeta(s.meta);
    expect((await store.load('cpu'))?.raw[0].cpu).toEqual(cpu);
  });

  it("keeps a trace's timeline file with its input record; one that is not a file is dropped, the session still opens", async () => {
    const b = fakeBackend();
    const store = new SessionStore(() => b.kv);
    const s = realSession('tl');
    const timeline = new Blob([new Uint8Array([71, 79, 84, 85, 78, 69, 84, 76])]);
    await store.saveInput('tl', s.report.inputs[0], { ...s.raw[0], timeline });
    await store.saveMeta(s.meta);
    const back = (await store.load('tl'))?.raw[0].timeline;
    expect(back).toBeInstanceOf(Blob);
    expect(new Uint8Array(await back!.arrayBuffer())).toEqual(new Uint8Array([71, 79, 84, 85, 78, 69, 84, 76]));
    // A foreign write put text where the file was: only the shortcut is lost.
    await store.saveInput('tl', s.report.inputs[0], { ...s.raw[0], timeline: 'GOTUNETL' as unknown as Blob });
    const again = await store.load('tl');
    expect(again?.report.inputs).toHaveLength(1);
    expect(again?.raw[0]).not.toHaveProperty('timeline');
  });

  it('two tabs saving at once for many rounds keep every session listed', async () => {
    const b = fakeBackend();
    const tabA = new SessionStore(() => b.kv);
    const tabB = new SessionStore(() => b.kv);
    const base = realSession('x');
    const ids: string[] = [];
    for (let round = 0; round < 30; round++) {
      const a = `a${round}`;
      const c = `b${round}`;
      ids.push(a, c);
      const meta = (id: string) => ({ ...base, meta: { ...base.meta, id, name: `session ${id}` } });
      const [ra, rb] = await Promise.all([tabA.save(meta(a)), tabB.save(meta(c))]);
      expect([ra.ok, rb.ok]).toEqual([true, true]);
    }
    const listed = (await tabA.list()).map((m) => m.id).sort();
    expect(listed).toEqual([...ids].sort());
    expect((await tabB.list()).length).toBe(60);
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

  it('a full quota names the cause, keeps the session in this tab, and a later small session still saves', async () => {
    const b = fakeBackend();
    const store = new SessionStore(() => b.kv);
    await store.save(realSession('earlier'));
    b.fail.setOnce = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const res = await store.save(realSession('big'));
    expect(res.ok).toBe(false);
    expect(!res.ok && res.reason).toMatch(/^the browser's storage quota for this site is full/);
    expect(store.unavailable).toBeUndefined();
    // Listed (marked as not saved) and still openable in this tab; the earlier one stays listed.
    const list = await store.list();
    expect(list.map((m) => m.id).sort()).toEqual(['big', 'earlier']);
    expect(list.find((m) => m.id === 'big')?.unsaved).toMatch(/quota/);
    // IndexedDB never gets a description naming a record it does not hold (after a reload it would not open).
    expect(b.data.has('meta:big')).toBe(false);
    expect((await store.load('big'))?.report.inputs).toHaveLength(1);
    // The next session is saved to the backend.
    expect(await store.save(realSession('small'))).toEqual({ ok: true });
    expect(b.data.has('meta:small')).toBe(true);
    // And the next save of the first one writes what failed.
    await store.retryUnsaved('big');
    expect(await store.saveMeta(realSession('big').meta)).toEqual({ ok: true });
    expect(b.data.has('input:big:in1')).toBe(true);
    expect((await store.list()).find((m) => m.id === 'big')?.unsaved).toBeUndefined();
  });

  it('blocked on every write: the session stays in memory and the store says why', async () => {
    const err = new DOMException('The database connection is blocked.', 'InvalidStateError');
    const b = fakeBackend({ set: err });
    const store = new SessionStore(() => b.kv);
    const res = await store.save(realSession('q1'));
    expect(!res.ok && res.reason).toContain(err.message);
    expect((await store.list()).map((m) => m.id)).toEqual(['q1']);
    expect((await store.load('q1'))?.report.inputs).toHaveLength(1);
    expect(b.data.size).toBe(0);
  });

  it('a read failure falls back to memory instead of throwing', async () => {
    const b = fakeBackend({ get: new DOMException('blocked', 'InvalidStateError') });
    const store = new SessionStore(() => b.kv);
    expect(await store.list()).toEqual([]);
    expect(store.unavailable).toMatch(/blocked/);
  });

  it('a corrupt description is listed as damaged and can be deleted; the other session is unaffected', async () => {
    const b = fakeBackend();
    const store = new SessionStore(() => b.kv);
    await store.save(realSession('good'));
    await store.save(realSession('bad'));
    b.data.set('meta:bad', { v: STORED_VERSION, id: 'bad', name: 'bad one', inputs: 'garbage' });
    const list = await store.list();
    expect(list.find((m) => m.id === 'good')?.damaged).toBeUndefined();
    expect(list.find((m) => m.id === 'bad')?.damaged).toMatch(/dates|inputs/);
    expect(list.find((m) => m.id === 'bad')?.name).toBe('bad one');
    await expect(store.load('bad')).rejects.toBeInstanceOf(DamagedSessionError);
    await store.remove('bad');
    expect((await store.list()).map((m) => m.id)).toEqual(['good']);
    expect([...b.data.keys()].filter((k) => k.includes('bad'))).toEqual([]);
    expect((await store.load('good'))?.meta.name).toBe('session good');
  });

  for (const [what, damage, message] of [
    ['a finding without its title', (r: any) => (r.report.findings = [{ rule: 'x', severity: 'warning' }]), /finding 1 lacks its rule, title or detail/],
    ['an analysis that is a string', (r: any) => (r.report.gc = 'oops'), /the gc analysis is not an object/],
    ['a size that is text', (r: any) => (r.report.bytes = '12'), /lacks its id, name, kind or size/],
    ['a stored file that is not a file', (r: any) => (r.raw.blob = 'AAAA'), /stored file is not a file/],
    ['a newer record version', (r: any) => (r.v = 99), /newer gotune/],
  ] as const) {
    it(`an input record with ${what} is refused naming the session; the list stays`, async () => {
      const b = fakeBackend();
      const store = new SessionStore(() => b.kv);
      await store.save(realSession('good'));
      await store.save(realSession('bad'));
      const rec = structuredClone(b.data.get('input:bad:in1')) as any;
      damage(rec);
      b.data.set('input:bad:in1', rec);
      const err = await store.load('bad').catch((e) => e);
      expect(err).toBeInstanceOf(DamagedSessionError);
      expect(err.sessionName).toBe('session bad');
      expect(err.message).toMatch(message);
      expect((await store.list()).map((m) => m.id).sort()).toEqual(['bad', 'good']);
      expect((await store.load('good'))?.report.inputs).toHaveLength(1);
    });
  }

  it('a missing input record is reported when the session is opened', async () => {
    const b = fakeBackend();
    const store = new SessionStore(() => b.kv);
    await store.save(realSession('gone'));
    b.data.delete('input:gone:in1');
    await expect(store.load('gone')).rejects.toThrow(/record is missing/);
  });
});

// Leaving a page (pagehide) allows one write started at once: saveBatch writes a
// session's new inputs, those an earlier save kept only in memory, and its
// description together, all or none.
describe('saveBatch (the page is being hidden or closed)', () => {
  const second = () => {
    const s = realSession('b1', 'godebug/gctrace-limit.log');
    return { ...s.report.inputs[0], id: 'in2' };
  };

  it('writes the inputs and the description in one transaction; another tab opens every input', async () => {
    const b = fakeBackend();
    const store = new SessionStore(() => b.kv);
    const s = realSession('p1');
    const r2 = second();
    const meta = metaOf('p1', 'left at once', { inputs: [s.report.inputs[0], r2] }, '2026-01-01T00:00:00.000Z');
    expect(await store.saveBatch(meta, [{ report: s.report.inputs[0], raw: s.raw[0] }, { report: r2, raw: { inputId: 'in2', name: r2.name, dropped: 'test' } }])).toEqual({ ok: true });
    expect(b.calls).toEqual({ set: 0, setMany: 1 });
    const other = new SessionStore(() => b.kv);
    expect((await other.load('p1'))?.report.inputs.map((i) => i.id)).toEqual(['in1', 'in2']);
  });

  it('carries an input an earlier save kept only in memory, so the description never names a missing record', async () => {
    const b = fakeBackend();
    const store = new SessionStore(() => b.kv);
    const s = realSession('p2');
    b.fail.setOnce = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect((await store.saveInput('p2', s.report.inputs[0], s.raw[0])).ok).toBe(false);
    expect(b.data.has('input:p2:in1')).toBe(false);
    const r2 = second();
    const meta = metaOf('p2', 'p2', { inputs: [s.report.inputs[0], r2] }, '2026-01-01T00:00:00.000Z');
    expect(await store.saveBatch(meta, [{ report: r2, raw: { inputId: 'in2', name: r2.name, dropped: 'test' } }])).toEqual({ ok: true });
    expect((await new SessionStore(() => b.kv).load('p2'))?.report.inputs.map((i) => i.id)).toEqual(['in1', 'in2']);
    expect((await store.list()).find((m) => m.id === 'p2')?.unsaved).toBeUndefined();
  });

  it('a failed batch writes nothing, says why, and this tab still opens the session', async () => {
    const b = fakeBackend({ set: new DOMException('The quota has been exceeded.', 'QuotaExceededError') });
    const store = new SessionStore(() => b.kv);
    const s = realSession('p3');
    const res = await store.saveBatch(s.meta, [{ report: s.report.inputs[0], raw: s.raw[0] }]);
    expect(!res.ok && res.reason).toMatch(/quota/);
    expect([...b.data.keys()]).toEqual([]);
    expect((await store.load('p3'))?.report.inputs).toHaveLength(1);
    expect((await store.list()).find((m) => m.id === 'p3')?.unsaved).toMatch(/quota/);
  });
});

// Layout 4: a dropped file's bytes are written once, apart from its report,
// together with a "not analysed yet" record and the description, so a reload
// right after the drop keeps every input.
describe('bytes apart from reports (layout 4)', () => {
  const bytes = () => new Blob([readFileSync(resolve(repoRoot, 'tests/fixtures/godebug/gctrace-basic.log'))]);
  const pending = (id: string) => ({ id, name: `${id}.log`, kind: 'unknown', bytes: 10, error: 'not analysed yet' });

  it('a file written when dropped, then its report: the bytes once, and the session opens with both', async () => {
    const b = fakeBackend();
    const store = new SessionStore(() => b.kv);
    const s = realSession('d1');
    const blob = bytes();
    const meta = metaOf('d1', 'dropped', { inputs: [pending('in1'), pending('in2')] }, '2026-01-01T00:00:00.000Z');
    await store.saveBatch(meta, [
      { report: pending('in1'), raw: { inputId: 'in1', name: 'in1.log' }, blob },
      { report: pending('in2'), raw: { inputId: 'in2', name: 'in2.log' }, blob },
    ]);
    // A reload now: both inputs are listed and come back with their bytes, not read yet.
    const early = await new SessionStore(() => b.kv).load('d1');
    expect(early?.report.inputs.map((i) => i.error)).toEqual(['not analysed yet', 'not analysed yet']);
    expect(early?.raw.map((r) => r.blob?.size)).toEqual([blob.size, blob.size]);
    // The first is read: only its report record is written, the bytes are not written again.
    const writes: string[] = [];
    const set = b.kv.set;
    b.kv.set = (k, v) => (writes.push(k), set(k, v));
    await store.saveInput('d1', s.report.inputs[0], { inputId: 'in1', name: s.report.inputs[0].name });
    await store.saveMeta(metaOf('d1', 'dropped', { inputs: [s.report.inputs[0], pending('in2')] }, '2026-01-01T00:00:00.000Z'));
    expect(writes).toEqual(['input:d1:in1', 'meta:d1']);
    expect((b.data.get('input:d1:in1') as { raw: { blob?: Blob } }).raw.blob).toBeUndefined();
    const later = await new SessionStore(() => b.kv).load('d1');
    expect(later?.report.inputs[0].gc?.cycles).toBe(s.report.inputs[0].gc?.cycles);
    expect(later?.raw[0].blob?.size).toBe(blob.size);
    // Removing an input or the session removes its bytes too.
    await store.removeInput('d1', 'in2');
    expect(b.data.has('bytes:d1:in2')).toBe(false);
    await store.remove('d1');
    expect([...b.data.keys()].filter((k) => k.includes('d1'))).toEqual([]);
  });

  it('layout 3 records (bytes inside the input record) still open with their bytes', async () => {
    const b = fakeBackend();
    const s = realSession('l3');
    const blob = bytes();
    b.data.set('meta:l3', { ...s.meta, v: 3 });
    b.data.set('input:l3:in1', { v: 3, report: s.report.inputs[0], raw: { inputId: 'in1', name: 'x', blob } });
    const got = await new SessionStore(() => b.kv).load('l3');
    expect(got?.raw[0].blob?.size).toBe(blob.size);
    expect(got?.report.inputs[0].gc?.cycles).toBe(s.report.inputs[0].gc?.cycles);
  });

  it('bytes that are missing or not a file: that input says so, the session still opens', async () => {
    const b = fakeBackend();
    const store = new SessionStore(() => b.kv);
    const meta = metaOf('m4', 'm4', { inputs: [pending('in1'), pending('in2')] }, '2026-01-01T00:00:00.000Z');
    await store.saveBatch(meta, [
      { report: pending('in1'), raw: { inputId: 'in1', name: 'a' }, blob: bytes() },
      { report: pending('in2'), raw: { inputId: 'in2', name: 'b' }, blob: bytes() },
    ]);
    b.data.delete('bytes:m4:in1');
    b.data.set('bytes:m4:in2', { v: STORED_VERSION, blob: 'not a file' });
    const got = await new SessionStore(() => b.kv).load('m4');
    expect(got?.raw.map((r) => [r.blob, r.dropped])).toEqual([
      [undefined, 'its saved bytes are missing'],
      [undefined, 'its saved bytes are missing'],
    ]);
  });

  it('a description never names an input whose bytes this tab could only keep in memory', async () => {
    const b = fakeBackend();
    const store = new SessionStore(() => b.kv);
    b.fail.setOnce = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const meta = metaOf('q4', 'q4', { inputs: [pending('in1')] }, '2026-01-01T00:00:00.000Z');
    const res = await store.saveBatch(meta, [{ report: pending('in1'), raw: { inputId: 'in1', name: 'a' }, blob: bytes() }]);
    expect(!res.ok && res.reason).toMatch(/quota/);
    // The report is written later (small, fits), but its bytes are still only here: IndexedDB gets no description.
    await store.saveInput('q4', realSession('q4').report.inputs[0], { inputId: 'in1', name: 'a' });
    await store.saveMeta(metaOf('q4', 'q4', realSession('q4').report, '2026-01-01T00:00:00.000Z'));
    expect(b.data.has('meta:q4')).toBe(false);
    expect((await store.list()).find((m) => m.id === 'q4')?.unsaved).toMatch(/quota/);
    // Room again: the retry writes the bytes, and the description follows.
    await store.retryUnsaved('q4');
    expect(await store.saveMeta(metaOf('q4', 'q4', realSession('q4').report, '2026-01-01T00:00:00.000Z'))).toEqual({ ok: true });
    expect(b.data.has('bytes:q4:in1')).toBe(true);
    expect(b.data.has('meta:q4')).toBe(true);
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

  it('sessions of the older layout (index + one record) are listed and open; renaming moves them to the current layout', async () => {
    const b = fakeBackend();
    const s = realSession('v1');
    const v2 = realSession('v2');
    b.data.set('session:v1', { meta: s.meta, report: s.report, raw: s.raw });
    b.data.set('session:v2', { v: 2, meta: v2.meta, report: v2.report, raw: v2.raw });
    b.data.set('sessions', [s.meta, v2.meta, { id: 'lost', name: 'lost one', updatedAt: '', createdAt: '', inputs: [] }]);
    const store = new SessionStore(() => b.kv);
    const list = await store.list();
    expect(list.map((m) => [m.id, m.damaged]).sort()).toEqual([['lost', 'its record is missing'], ['v1', undefined], ['v2', undefined]]);
    expect((await store.load('v1'))?.report.inputs[0].name).toBe(s.report.inputs[0].name);
    await store.rename('v2', 'renamed');
    expect(b.data.has('session:v2')).toBe(false);
    expect((b.data.get('sessions') as { id: string }[]).map((m) => m.id)).toEqual(['v1', 'lost']);
    expect((await store.load('v2'))?.meta.name).toBe('renamed');
    expect((await store.list()).find((m) => m.id === 'v2')?.name).toBe('renamed');
  });

  it('refuses records from a newer version or another report schema, saying why', () => {
    const s = realSession('n');
    expect(() => migrateStored({ ...s, v: STORED_VERSION + 1 })).toThrow(/newer gotune/);
    expect(() => migrateStored({ ...s, report: { ...s.report, schema: 'other/9' } })).toThrow(/schema "other\/9"/);
    expect(() => migrateStored(null)).toThrow(DamagedSessionError);
  });
});
