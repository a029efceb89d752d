// Goroutine leak profiles of a real Go 1.27.3 program (and Go 1.26 with
// GOEXPERIMENT=goroutineleakprofile): tools/fixtures/goroutineleak, fixtures in
// tests/fixtures/goroutines/leakprofile/go1NN/. Expected counts, functions and
// labels are read from the debug=1 text with plain string splitting.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { parseHeaderLabels } from '../../../src/formats/goroutines/parse';
import { fixtureDir } from './load';

interface Rec {
  count: number;
  func: string;
  labels: Record<string, string> | undefined;
}

/** debug=1 records: "N @ …", "# labels: {…}", then "#\t0x…\tfunc+0x…\tfile:line" (leaf first). */
function records(text: string): { total: number; recs: Rec[] } {
  const lines = text.split('\n');
  const total = Number(lines[0].replace('goroutineleak profile: total ', ''));
  const recs: Rec[] = [];
  for (const l of lines.slice(1)) {
    if (/^\d+ @/.test(l)) recs.push({ count: Number(l.split(' ')[0]), func: '', labels: undefined });
    else if (l.startsWith('# labels: ')) recs[recs.length - 1].labels = JSON.parse(l.slice('# labels: '.length));
    else if (l.startsWith('#\t0x') && recs[recs.length - 1].func === '') recs[recs.length - 1].func = l.split('\t')[2].split('+0x')[0];
  }
  return { total, recs };
}

for (const v of ['go127', 'go126']) {
  const dir = path.join(fixtureDir, 'leakprofile', v);
  const read = (f: string) => new Uint8Array(readFileSync(path.join(dir, f)));
  const { total, recs } = records(readFileSync(path.join(dir, 'leak.debug1.txt'), 'utf8'));
  const goVersion = readFileSync(path.join(dir, 'GOVERSION'), 'utf8').trim();

  describe(`${v} (${goVersion}) goroutineleak profile`, () => {
    it('the fixture leaks 10 + 3 goroutines in two stacks', () => {
      expect(total).toBe(13);
      expect(recs.map((r) => [r.count, r.func])).toEqual([
        [10, 'main.fetchUpstream.func1'],
        [3, 'main.consume'],
      ]);
    });

    for (const form of ['leak.pb.gz', 'leak.debug1.txt', 'leak.debug2.txt']) {
      it(`${form}: one critical proven-leak finding per stack, with its count, function and labels`, () => {
        const { report } = analyzeInput('1', form, read(form));
        expect(report.error).toBeUndefined();
        const g = report.goroutines!;
        expect(g.leakDetection!.leaked).toBe(total);
        const proven = report.findings!.filter((f) => f.rule === 'goroutines.proven-leak');
        expect(proven.length).toBe(recs.length);
        for (const [i, r] of recs.entries()) {
          const f = proven[i];
          expect(f.severity).toBe('critical');
          expect(f.title).toContain(`${r.count} goroutines`);
          expect(f.title).toContain(r.func);
          const grp = g.groups[g.leakDetection!.groups[i]];
          expect(grp.leaked).toBe(r.count);
          expect(grp.function).toBe(r.func);
          // Labels: the profile's own (binary, debug=1), Go 1.27's header labels (debug=2); Go 1.26 prints none in headers.
          if (form !== 'leak.debug2.txt' || v === 'go127') {
            expect(grp.labels).toEqual(r.labels);
            expect(f.evidence.join('\n')).toContain(`labels handler=${r.labels!.handler}`);
          } else expect(grp.labels).toBeUndefined();
        }
        // Heuristic suspects never repeat a proven group.
        const provenGroups = new Set(g.leakDetection!.groups);
        expect(g.leakSuspects.every((s) => !provenGroups.has(s.group))).toBe(true);
        expect(report.findings!.filter((f) => f.rule !== 'goroutines.proven-leak').every((f) => f.severity !== 'critical')).toBe(true);
      });
    }

    it('leak.debug2.txt: the creation site of each proven group, the pool workers left unproven', () => {
      const { report } = analyzeInput('1', 'leak.debug2.txt', read('leak.debug2.txt'));
      const g = report.goroutines!;
      const created = g.leakDetection!.groups.map((i) => g.groups[i].createdBy);
      expect(created).toEqual(['main.fetchUpstream', 'main.startConsumers']);
      const pool = g.groups.find((x) => x.function === 'main.poolWorker')!;
      expect(pool.count).toBe(4);
      expect(pool.leaked).toBeUndefined();
      expect(g.total).toBe(readFileSync(path.join(dir, 'leak.debug2.txt'), 'utf8').split('\n').filter((l) => l.startsWith('goroutine ')).length);
    });

    for (const form of ['none.pb.gz', 'none.debug1.txt', 'none.debug2.txt']) {
      it(`${form}: an empty leak profile is read and says that nothing leaked`, () => {
        const { report } = analyzeInput('1', form, read(form));
        expect(report.error).toBeUndefined();
        expect(report.goroutines!.leakDetection).toEqual({ leaked: 0, groups: [] });
        const f = report.findings!;
        expect(f.some((x) => x.rule === 'goroutines.no-leak')).toBe(true);
        expect(f.some((x) => x.rule === 'goroutines.proven-leak')).toBe(false);
        expect(f.every((x) => x.severity !== 'critical')).toBe(true);
      });
    }

    it('the plain goroutine dump of the same program proves nothing', () => {
      const { report } = analyzeInput('1', 'goroutine.debug2.txt', read('goroutine.debug2.txt'));
      const g = report.goroutines!;
      expect(g.leakDetection).toBeUndefined();
      expect(report.findings!.some((f) => f.rule === 'goroutines.proven-leak' || f.rule === 'goroutines.no-leak')).toBe(false);
      expect(g.groups.every((x) => x.leaked === undefined)).toBe(true);
      // The same stacks are heuristic suspects there.
      expect(g.leakSuspects.map((s) => s.function)).toContain('main.fetchUpstream.func1');
    });
  });
}

describe("Go 1.27 header labels (runtime's tracebackStringNeedsQuoting: quoted only when needed)", () => {
  it('reads bare and quoted keys and values', () => {
    // The bare form is the fixture's `{handler: fetch}`; the quoted one is how the runtime prints a value with a space.
    expect(parseHeaderLabels('handler: fetch')).toEqual({ handler: 'fetch' });
    expect(parseHeaderLabels('handler: fetch, "user id": "a b\\"c"')).toEqual({ handler: 'fetch', 'user id': 'a b"c' });
    expect(parseHeaderLabels('no colon here')).toBeUndefined();
  });
});

describe('Go 1.27 dumps from inside a synctest bubble (real go test output)', () => {
  const dir = path.join(fixtureDir, 'leakprofile', 'go127');
  for (const form of ['bubble.goroutine.debug2.txt', 'bubble.leak.debug2.txt']) {
    it(`${form}: "(durable)" leaves the wait reason, the bubble is kept as a header item`, () => {
      const text = readFileSync(path.join(dir, form), 'utf8');
      const heads = text.split('\n').filter((l) => /^goroutine \d+ \[chan receive[ ,\]]/.test(l));
      const durable = heads.length;
      expect(heads.filter((l) => l.includes('(durable)')).length).toBeGreaterThan(0);
      const { report } = analyzeInput('1', form, new Uint8Array(readFileSync(path.join(dir, form))));
      expect(report.error).toBeUndefined();
      const g = report.goroutines!;
      expect(g.states.find((s) => s.state === 'chan receive')?.count).toBe(durable);
      expect(g.states.some((s) => s.state.includes('(durable)'))).toBe(false);
      expect(g.groups.every((x) => x.leaked === undefined)).toBe(true);
      // The leak profile's debug=2 (written by writeGoroutineLeak) is a leak profile with nothing proven.
      expect(g.leakDetection).toEqual(form === 'bubble.leak.debug2.txt' ? { leaked: 0, groups: [] } : undefined);
    });
  }
});
