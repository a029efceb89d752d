// Goroutine dumps from real Go 1.26 programs (tests/fixtures/goroutines; the crashes also from Go 1.27 in go127/): counts
// checked against the runtime's own totals and aggregation (debug=1 of the same
// moment), crash preambles, prefixes and cut dumps.

import { describe, expect, it } from 'vitest';
import { compareDumps, differentPrograms } from '../../../src/analysis/goroutines/compare';
import { debug1Records, headerLines, load, loadText, readFixture, reportedTotal } from './load';

const readFixtureAt = readFixture;
const loadAt = load;

describe.each(['leak-1', 'leak-2'])('%s: debug=2 and debug=1 of the same moment', (name) => {
  const d1Text = readFixture(`${name}.debug1.txt`);
  const d2Text = readFixture(`${name}.debug2.txt`);
  const d1 = load(`${name}.debug1.txt`);
  const d2 = load(`${name}.debug2.txt`);
  const total = reportedTotal(d1Text);

  it('debug=1 records add up to the runtime total', () => {
    expect(d1.dump.style).toBe('debug1');
    expect(d1.analysis.reportedTotal).toBe(total);
    expect(d1.analysis.total).toBe(total);
    expect(d1.analysis.truncated).toBe(false);
  });

  it('debug=2 has one goroutine per header and as many as the runtime total', () => {
    expect(d2.dump.style).toBe('traceback');
    expect(d2.analysis.total).toBe(headerLines(d2Text).length);
    expect(d2.analysis.total).toBe(total);
  });

  it('each runtime debug=1 record matches the debug=2 groups with that stack', () => {
    for (const r of debug1Records(d1Text)) {
      if (r.top.startsWith('runtime/pprof.')) continue; // the dumping goroutine itself
      const matching = d2.analysis.groups.filter((g) => g.stack.some((f) => f.func === r.top));
      const sameKey = d1.analysis.groups.find((g) => g.count === r.count && g.stack[0]?.func === r.top);
      expect(sameKey, `debug=1 group for ${r.top}`).toBeDefined();
      const inD2 = d2.analysis.groups.filter((g) => g.matchKey === sameKey!.matchKey).reduce((s, g) => s + g.count, 0);
      expect(inD2, r.top).toBe(r.count);
      expect(matching.length).toBeGreaterThan(0);
    }
  });

  it('the top leak suspect is the leaking fetch goroutine, in chan send', () => {
    const leak = debug1Records(d1Text)[0]; // the runtime sorts records by count
    const top = d2.analysis.leakSuspects[0];
    expect(top.function).toBe(leak.top);
    expect(top.count).toBe(leak.count);
    expect(top.state).toBe('chan send');
    expect(top.diagnosis?.rule).toBe('goroutines.abandoned-send');
    expect(top.createdBy).toBe('main.fetchUpstream');
    const minutes = headerLines(d2Text).filter((l) => l.includes('[chan send')).map((l) => Number(/, (\d+) minutes/.exec(l)?.[1] ?? 0));
    expect(top.maxWaitMinutes).toBe(Math.max(...minutes));
  });

  it('debug=1 keeps pprof labels and names the same top suspect', () => {
    const leak = debug1Records(d1Text)[0];
    const g = d1.analysis.groups[d1.analysis.leakSuspects[0].group];
    expect(g.function).toBe(leak.top);
    expect(JSON.stringify(g.labels)).toBe(JSON.stringify(JSON.parse(leak.labels!)));
  });

  it('HTTP client and server connection groups get their Go diagnoses', () => {
    const rules = new Set(d2.analysis.leakSuspects.map((s) => s.diagnosis?.rule));
    expect(rules.has('goroutines.http-client-conns')).toBe(true);
    expect(rules.has('goroutines.http-server-idle')).toBe(true);
  });

  it('the locked thread is counted', () => {
    expect(d2.analysis.lockedToThread).toBe(headerLines(d2Text).filter((l) => l.includes('locked to thread')).length);
    expect(d2.analysis.lockedToThread).toBeGreaterThan(0);
  });
});

describe('two dumps of a growing leak', () => {
  const early = load('leak-1.debug2.txt').analysis;
  const late = load('leak-2.debug2.txt').analysis;
  const r1 = debug1Records(readFixture('leak-1.debug1.txt'))[0];
  const r2 = debug1Records(readFixture('leak-2.debug1.txt'))[0];

  it('sorts the growing group first with the runtime counts of both moments', () => {
    const c = compareDumps(early, late);
    expect(c.groups[0].function).toBe(r2.top);
    expect(c.groups[0].before).toBe(r1.count);
    expect(c.groups[0].after).toBe(r2.count);
    expect(c.groups[0].delta).toBe(r2.count - r1.count);
    expect(c.totalAfter - c.totalBefore).toBe(reportedTotal(readFixture('leak-2.debug1.txt')) - reportedTotal(readFixture('leak-1.debug1.txt')));
  });

  it('marks a 0 as uncertain when that dump had groups beyond the report', () => {
    const cut = { ...early, groups: early.groups.slice(0, 3), otherGroups: { groups: early.groups.length - 3, goroutines: 1 } };
    const c = compareDumps(cut, late);
    for (const r of c.groups) expect(r.uncertain ?? false, r.function).toBe(r.before === 0);
    expect(compareDumps(early, late).groups.some((r) => r.uncertain)).toBe(false);
  });

  it('matches stacks across styles (debug=1 before, debug=2 after)', () => {
    const c = compareDumps(load('leak-1.debug1.txt').analysis, late);
    expect(c.groups[0].function).toBe(r2.top);
    expect(c.groups[0].before).toBe(r1.count);
    expect(c.groups[0].after).toBe(r2.count);
  });
});

describe('cut in the middle', () => {
  const full = readFixture('leak-2.debug2.txt');
  const cutText = readFixture('leak-2.cut.txt');
  const cut = load('leak-2.cut.txt');

  it('keeps every complete goroutine and says it was cut', () => {
    const complete = headerLines(cutText).length - 1; // the last header's goroutine is cut
    expect(full.startsWith(cutText)).toBe(true);
    expect(cut.analysis.total).toBe(complete);
    expect(cut.analysis.truncated).toBe(true);
    expect(cut.warnings.join(' ')).toMatch(/cut in the middle/);
    expect(cut.findings.some((f) => f.rule === 'goroutines.truncated')).toBe(true);
  });

  it('a dump cut inside its first goroutine keeps that goroutine, marked cut, with a warning', () => {
    const r = loadText(full.split('\n').slice(0, 3).join('\n'));
    expect(r.dump.goroutines).toHaveLength(1);
    expect(r.dump.goroutines[0]).toMatchObject({ id: 1, state: 'running', cut: true });
    expect(r.dump.goroutines[0].frames.map((i) => r.dump.frames[i].func)).toEqual(['runtime/pprof.writeGoroutineStacks']);
    expect(r.warnings.join(' ')).toMatch(/cut inside its first goroutine: goroutine 1 at line 1 is shown with the 1 frame before the cut/);
    expect(r.findings.some((f) => f.rule === 'goroutines.truncated')).toBe(true);
  });

  it('a cut at any line keeps the goroutines that ended before it', () => {
    const lines = full.split('\n');
    for (const n of [20, 57, 120, 241, 533]) {
      const text = lines.slice(0, n).join('\n');
      const blocks = text.split('\n\n');
      const last = blocks[blocks.length - 1];
      const lastComplete = /\ncreated by [^\n]+\n\t[^\n]+:\d+ \+0x[0-9a-f]+$/.test(last);
      const expected = headerLines(text).length - (lastComplete ? 0 : 1);
      expect(loadText(text).analysis.total, `cut after line ${n}`).toBe(expected);
    }
  });
});

// The same crashes written by Go 1.26.8 (the folder's own files) and by Go 1.27.3 (go127/).
describe.each(['', 'go127/'])('crashes %s', (v) => {
  const readFixture = (n: string) => readFixtureAt(`${v}${n}`);
  const load = (n: string) => loadAt(`${v}${n}`);
  it('deadlock: fatal error with the blocked goroutines', () => {
    const text = readFixture('deadlock.txt');
    const { analysis: a, findings } = load('deadlock.txt');
    expect(a.crash?.kind).toBe('fatal');
    expect(a.crash?.message).toBe(text.split('\n')[0].slice('fatal error: '.length));
    expect(a.crash?.goroutineId).toBe(Number(headerLines(text)[0].split(' ')[1]));
    expect(a.total).toBe(headerLines(text).length);
    expect(findings[0].rule).toBe('goroutines.deadlock');
    expect(findings[0].severity).toBe('critical');
  });

  it('panic in a goroutine: the panicking goroutine and its function', () => {
    for (const f of ['panic-goroutine.txt', 'panic-goroutine-all.txt']) {
      const text = readFixture(f);
      const { analysis: a, findings } = load(f);
      expect(a.crash?.kind).toBe('panic');
      expect(a.crash?.message).toBe(text.split('\n')[0].slice('panic: '.length));
      const firstHeader = headerLines(text)[0];
      expect(a.crash?.goroutineId).toBe(Number(firstHeader.split(' ')[1]));
      const lines = text.split('\n');
      const funcLine = lines[lines.indexOf(firstHeader) + 1];
      expect(a.crash?.function).toBe(funcLine.slice(0, funcLine.lastIndexOf('(')));
      expect(a.total).toBe(headerLines(text).length);
      expect(findings[0].rule).toBe('goroutines.panic');
    }
  });

  it('recovered and re-panicked (Go 1.25+ one-line form)', () => {
    const { analysis: a } = load('repanic.txt');
    expect(a.crash?.recovered).toBe(true);
    expect(a.crash?.message).toBe('assignment to entry in nil map');
  });

  it('SIGQUIT dump: gp=/m= headers, registers skipped, goroutine 0 and locked thread', () => {
    const text = readFixture('sigquit.txt');
    const { analysis: a, dump } = load('sigquit.txt');
    expect(a.crash?.kind).toBe('signal');
    expect(a.total).toBe(headerLines(text).length);
    expect(dump.goroutines.map((g) => g.id)).toEqual(headerLines(text).map((l) => Number(l.split(' ')[1])));
    expect(a.lockedToThread).toBe(headerLines(text).filter((l) => l.includes('locked to thread')).length);
    expect(a.groups.filter((g) => !g.background).every((g) => !g.function.startsWith('runtime.'))).toBe(true);
  });

  it('CI log with timestamp prefixes: go test timeout', () => {
    const text = readFixture('ci-test-timeout.txt');
    const stripped = text.split('\n').map((l) => l.replace(/^\S+Z /, '')).join('\n');
    const { analysis: a, findings } = load('ci-test-timeout.txt');
    expect(a.total).toBe(headerLines(stripped).length);
    expect(a.crash?.kind).toBe('test-timeout');
    expect(a.crash?.detail).toContain('TestHang (2s)');
    expect(findings[0].rule).toBe('goroutines.test-timeout');
    expect(a.leakSuspects[0].function).toBe('gotune/tools/fixtures/goroutines/hang.waitForReady');
  });
});

describe('elided frames and ancestors, Go 1.27', () => {
  it('keeps every goroutine and the elided count', () => {
    const text = readFixtureAt('go127/deep-ancestors.txt');
    const { dump, analysis } = loadAt('go127/deep-ancestors.txt');
    expect(analysis.total).toBe(headerLines(text).length);
    const block = text.split('\n\n').find((b) => b.includes('frames elided'))!;
    const g = dump.goroutines.find((x) => x.id === Number(block.split(' ')[1]))!;
    expect(g.elided).toBe(Number(/\.\.\.(\d+) frames elided/.exec(block)![1]));
  });
});

describe('bad input', () => {
  it('text without goroutines is refused with a clear message', () => {
    expect(() => loadText('hello\nworld\n')).toThrow(/no goroutines found/);
  });
});

describe('elided frames and ancestors (GODEBUG=tracebackancestors=5)', () => {
  const text = readFixture('deep-ancestors.txt');
  const { dump, analysis } = load('deep-ancestors.txt');
  const blocks = text.split('\n\n');

  it('keeps the printed frames of a deep stack and the elided count', () => {
    const block = blocks.find((b) => b.includes('frames elided'))!;
    const id = Number(block.split(' ')[1]);
    const own = block.split('\n[originating from')[0].split('\n');
    const fileLines = own.filter((l) => l.startsWith('\t')).length - 1; // minus the created-by line
    const g = dump.goroutines.find((x) => x.id === id)!;
    expect(g.frames.length).toBe(fileLines);
    expect(g.elided).toBe(Number(/\.\.\.(\d+) frames elided/.exec(block)![1]));
  });

  it('ancestor blocks neither add frames nor replace the creator', () => {
    expect(analysis.total).toBe(headerLines(text).length);
    for (const block of blocks.filter((b) => b.includes('[originating from'))) {
      const own = block.split('\n[originating from')[0];
      const id = Number(own.split(' ')[1]);
      const g = dump.goroutines.find((x) => x.id === id)!;
      const ownFrames = own.split('\n').filter((l) => l.startsWith('\t')).length - 1;
      expect(g.frames.length, `goroutine ${id}`).toBe(ownFrames);
      const created = /\ncreated by (\S+) in goroutine (\d+)\n/.exec(own)!;
      expect(dump.frames[g.createdBy!].func).toBe(created[1]);
      expect(g.parentId).toBe(Number(created[2]));
    }
  });
});

describe('database/sql pool exhausted', () => {
  const text = readFixture('sql-pool.debug2.txt');
  const { analysis } = load('sql-pool.debug2.txt');

  it('the waiting callers are the top suspect, diagnosed as a pool without free connections', () => {
    const waiting = text.split('\n\n').filter((b) => b.includes('database/sql.(*DB).conn(') && b.includes('main.loadUser(')).length;
    const top = analysis.leakSuspects[0];
    expect(top.count).toBe(waiting);
    expect(top.diagnosis?.rule).toBe('goroutines.sql-pool-exhausted');
    expect(analysis.groups[top.group].stack.some((f) => f.func === 'main.loadUser')).toBe(true);
  });
});

describe('Go 1.27 labels in traceback headers (synthetic: Go 1.27 is not installed here)', () => {
  // Shape per go.dev/doc/go1.27 and golang/go#76349: labels inside the header brackets.
  const text = [
    'goroutine 7 [chan send, 3 minutes, labels:{"handler": "fetch", "tenant": "a,b"}]:',
    'main.fetchUpstream.func1()',
    '\t/src/main.go:59 +0x49',
    'created by main.fetchUpstream in goroutine 3',
    '\t/src/main.go:58 +0x76',
    '',
  ].join('\n');

  it('reads the labels and keeps state and wait', () => {
    const { dump } = loadText(text);
    const g = dump.goroutines[0];
    expect(g.state).toBe('chan send');
    expect(g.waitMinutes).toBe(3);
    expect(g.labels).toEqual({ handler: 'fetch', tenant: 'a,b' });
    expect(g.extra).toBeUndefined();
  });
});

describe('dumps of the same program or not', () => {
  it('two dumps of the leaking service (debug=2 and debug=1 forms too) are comparable', () => {
    expect(differentPrograms(load('leak-1.debug2.txt').analysis, load('leak-2.debug2.txt').analysis)).toBeUndefined();
    expect(differentPrograms(load('leak-1.debug1.txt').analysis, load('leak-2.debug2.txt').analysis)).toBeUndefined();
  });

  it('a one-goroutine panic and the dump of a service share no function of the program: not compared, with why', () => {
    const why = differentPrograms(load('panic-goroutine.txt').analysis, load('leak-2.debug2.txt').analysis);
    expect(why).toMatch(/two different programs/);
    expect(why).toMatch(/main\./);
  });
});
