// Mixed streams: every line of the real logs is claimed by a stream (or is the
// program's own output); log-shipper prefixes do not change the figures;
// logs cut mid-line or mid-block warn "truncated" and keep what came before;
// line shapes of older Go versions quoted in public issues are read.

import { describe, expect, it } from 'vitest';
import { STREAMS } from '../../../src/formats/godebug/format';
import { forEachLine } from '../../../src/formats/godebug/lines';
import { fixtureNames, linesOf, parseText, readFixture, sharedFiles } from './streams-load';

const ctx = { progress() {}, checkCancelled() {}, warn() {} };

/** Line numbers no stream accepted. */
function unclaimed(text: string): { no: number; line: string; unterminated: boolean }[] {
  const live = STREAMS.map((d) => d.create());
  const out: { no: number; line: string; unterminated: boolean }[] = [];
  forEachLine(new TextEncoder().encode(text), ctx, (line, info) => {
    let any = false;
    for (const s of live) if (s.accept(line, info)) any = true;
    if (!any) out.push({ no: info.lineNo, line, unterminated: info.unterminated });
  });
  return out;
}

describe('every line of the real logs is classified', () => {
  for (const name of fixtureNames) {
    it(name, () => {
      const text = readFixture(name);
      for (const u of unclaimed(text)) {
        // Application output (stdout of the workload), and blank lines left when
        // the runtime's prints from two threads interleaved.
        if (/(^| )app: /.test(u.line) || u.line.trim() === '') continue;
        // interleaved.log ends with a gctrace line cut by the process exit ("gc 88 @"):
        // gctrace's own cut detection handles (or not) that one.
        if (u.unterminated && /^gc \d+ @/.test(u.line)) continue;
        throw new Error(`${name}:${u.no} not classified: ${u.line}`);
      }
    });
  }

  it('counts per stream match the marker counts of the text', () => {
    const text = readFixture('interleaved.log');
    const { model } = parseText(text);
    const lines = linesOf(text);
    expect(model.classified.schedtrace).toBe(lines.filter((l) => /SCHED \d+ms: |^ {2}[PMG]\d+: /.test(l)).length);
    expect(model.classified.gcpacertrace).toBe(lines.filter((l) => l.includes('pacer: ')).length);
    expect(model.classified.scavenger).toBe(lines.filter((l) => l.startsWith('scav ')).length);
    expect(model.classified.inittrace).toBe(lines.filter((l) => / ms clock, \d+ bytes, /.test(l)).length);
  });
});

describe('log-shipper prefixes', () => {
  const text = readFixture('interleaved.log');
  const plain = parseText(text).analyses;
  const wrap: Record<string, (l: string, i: number) => string> = {
    'kubectl --timestamps': (l, i) => `2026-11-23T16:28:54.${String(100000 + i)}Z ${l}`,
    'CRI': (l) => `2026-11-23T16:28:54.352240501Z stderr F ${l}`,
    'JSON log records': (l) => JSON.stringify({ log: `${l}\n`, stream: 'stderr', time: '2026-11-23T16:28:54Z' }),
  };
  for (const [label, fn] of Object.entries(wrap)) {
    it(`${label}: same sched, pacer, scavenger and init figures`, () => {
      const wrapped = linesOf(text).map(fn).join('\n') + '\n';
      const a = parseText(wrapped).analyses;
      expect(a.sched!.samples).toBe(plain.sched!.samples);
      expect(a.sched!.perP).toEqual(plain.sched!.perP);
      expect(a.sched!.goroutines).toEqual(plain.sched!.goroutines);
      expect(a.pacer!.utilPercent).toEqual(plain.pacer!.utilPercent);
      expect(a.scavenger!.totalWorkBytes).toBe(plain.scavenger!.totalWorkBytes);
      expect(a.init!.packages).toBe(plain.init!.packages);
    });
  }
});

describe('truncated streams', () => {
  const text = readFixture('interleaved.log');
  const lines = linesOf(text);
  const schedIdx = lines.map((l, i) => (l.startsWith('SCHED ') ? i : -1)).filter((i) => i >= 0);

  it('a scheddetail block cut after a few P/M lines warns and keeps the samples before', () => {
    const last = schedIdx[schedIdx.length - 1];
    const cut = lines.slice(0, last + 3).join('\n') + '\n'; // SCHED + 2 detail lines of the last block
    const { analyses, warnings } = parseText(cut);
    expect(warnings.some((w) => w.startsWith('schedtrace: truncated') && w.includes('cut short'))).toBe(true);
    expect(analyses.sched!.samples).toBe(schedIdx.length);
    expect(analyses.sched!.truncated).toContain(`line ${last + 1}`);
  });

  it('a SCHED line cut mid-line warns and is dropped, the samples before are kept', () => {
    const k = schedIdx[4];
    const cut = lines.slice(0, k).join('\n') + '\n' + lines[k].slice(0, 60);
    const { analyses, warnings } = parseText(cut);
    expect(warnings.some((w) => w.startsWith('schedtrace: truncated') && w.includes(`line ${k + 1} was cut mid-line`))).toBe(true);
    expect(analyses.sched!.samples).toBe(4);
  });

  for (const [stream, marker, key] of [
    ['gcpacertrace', 'pacer: ', 'pacer'],
    ['scavenger', 'scav ', 'scavenger'],
    ['inittrace', 'init ', 'init'],
  ] as const) {
    it(`${stream}: a line cut mid-line warns "truncated", the lines before are kept`, () => {
      const idx = lines.map((l, i) => (l.startsWith(marker) ? i : -1)).filter((i) => i >= 0);
      const k = idx[Math.floor(idx.length / 2)];
      const cut = lines.slice(0, k).join('\n') + '\n' + lines[k].slice(0, Math.floor(lines[k].length / 2));
      const { analyses, warnings } = parseText(cut);
      expect(warnings.some((w) => w.startsWith(`${stream}: truncated`)), warnings.join('\n')).toBe(true);
      const before = lines.slice(0, k).filter((l) => l.startsWith(marker));
      const a = analyses[key]!;
      const n = key === 'pacer' ? (a as { cycles: number; assists: number }).cycles + (a as { assists: number }).assists : key === 'scavenger' ? (a as { lines: number }).lines : (a as { packages: number }).packages;
      const expected = key === 'pacer' ? before.filter((l) => !l.includes('sweep done')).length : before.length;
      expect(n).toBe(expected);
    });
  }

  it('a complete log gives no truncation warning for these streams', () => {
    const { warnings } = parseText(readFixture('gomaxprocs-64.log'));
    expect(warnings.filter((w) => /^(schedtrace|gcpacertrace|scavenger|inittrace): /.test(w))).toEqual([]);
  });
});

describe('line shapes of older Go versions (verbatim from public issues, see docs/go-runtime-formats.md)', () => {
  it('gcpacertrace 1.5–1.17: H_m_prev lines and workers=N++<float>', () => {
    // golang/go#40225 (~1.14) and the doubled plus sign of 1.6–1.17 assist lines.
    const text = [
      'pacer: assist ratio=+2.820698e+001 (scan 40 MB in 55->56 MB) workers=6++0.000000e+000',
      'pacer: H_m_prev=417832176 h_t=+9.500000e-001 H_T=814772743 h_a=+9.569395e-001 H_a=817672280 h_g=+1.000000e+000 H_g=835664352 u_a=+6.598878e-001 u_g=+3.000000e-001 W_a=32201064 goalΔ=+5.000000e-002 actualΔ=+6.939477e-003 u_a/u_g=+2.199626e+000',
    ].join('\n');
    const p = parseText(text).analyses.pacer!;
    expect(p.formatVersions).toBe('1.5-1.17');
    expect(p.utilPercent!.max).toBeCloseTo(65.98878, 4);
    expect(p.goalPercent).toBeCloseTo(30, 6);
    expect(p.maxOvershootBytes).toBe(817672280 - 835664352);
    expect(p.maxDedicatedWorkers).toBe(6);
  });

  it('scavenger: scvg (≤1.14), scav with generation (1.15–1.16), work/total (1.17–1.20)', () => {
    const text = [
      'scvg1: 0 MB released',
      'scvg1: inuse: 0, idle: 0, sys: 1, released: 0, consumed: 1 (MB)',
      'scvg: 5 MB released',
      'forced scvg: 12 KB released',
      'scav 3 1024 KiB work, 2048 KiB total, 97% util',
      'scav 0 KiB work, 1320 KiB total, 99% util',
    ].join('\n');
    const s = parseText(text).analyses.scavenger!;
    expect(s.lines).toBe(6);
    expect(s.totalWorkBytes).toBe(5 * 1048576 + 12 * 1024 + 1024 * 1024);
    expect(s.peakRetainedBytes).toBe(1048576);
    expect(s.peakReleasedBytes).toBe(2048 * 1024);
    expect(s.forced).toBe(1);
  });

  it('scheddetail before 1.12 (helpgc, -1, numeric flags) and 1.13 P lines without timerslen', () => {
    const text = [
      'SCHED 2002ms: gomaxprocs=2 idleprocs=0 threads=3 spinningthreads=0 idlethreads=5 runqueue=4 gcwaiting=0 nmidlelocked=0 stopwait=0 sysmonwait=0',
      '  P0: status=0 schedtick=2972 syscalltick=29458 m=-1 runqsize=0 gfreecnt=6',
      '  P1: status=1 schedtick=3415 syscalltick=33283 m=18 runqsize=3 gfreecnt=12',
      '  M22: p=-1 curg=-1 mallocing=0 throwing=0 preemptoff= locks=0 dying=0 helpgc=0 spinning=false blocked=true lockedg=-1',
      '  M18: p=1 curg=7 mallocing=0 throwing=0 preemptoff= locks=0 dying=0 helpgc=0 spinning=false blocked=false lockedg=-1',
      '  M0: p=-1 curg=-1 mallocing=0 throwing=0 preemptoff= locks=0 dying=0 helpgc=0 spinning=false blocked=true lockedg=-1',
      '  G7: status=2() m=18 lockedm=-1',
      '  G8: status=4(force gc (idle)) m=-1 lockedm=-1',
    ].join('\n');
    const { analyses, warnings } = parseText(text);
    const s = analyses.sched!;
    expect(warnings).toEqual([]);
    expect(s.formatVersions).toContain('helpgc');
    expect(s.perP.map((p) => p.runqMax)).toEqual([0, 3]);
    expect(s.goroutines!.maxRunning).toBe(1);
    expect(s.goroutines!.waitReasons).toEqual([{ reason: 'force gc (idle)', count: 1 }]);
  });
});

const sharedKinds = ['schedtrace', 'scheddetail', 'gcpacertrace', 'scvg', 'inittrace'];
const shared = sharedKinds.flatMap((k) => sharedFiles(k));
if (shared.length === 0) console.log('skipping GODEBUG stream conformance: ../shared/fixtures/logs is absent');

describe.skipIf(shared.length === 0)('conformance: public pastes in ../shared/fixtures/logs', () => {
  for (const file of shared) {
    it(file.split('/').pop()!, async () => {
      const { readFileSync } = await import('node:fs');
      const text = readFileSync(file, 'utf8');
      const { analyses } = parseText(text);
      const lines = linesOf(text).filter((l) => !l.startsWith('#'));
      if (text.includes('SCHED ')) {
        const sched = lines.filter((l) => l.startsWith('SCHED '));
        expect(analyses.sched!.samples).toBe(sched.length);
        expect(analyses.sched!.maxThreads).toBe(Math.max(...sched.map((l) => Number(/threads=(\d+)/.exec(l)![1]))));
        expect(analyses.sched!.maxGlobalRunqueue).toBe(Math.max(...sched.map((l) => Number(/runqueue=(\d+)/.exec(l)![1]))));
      }
      if (text.includes('pacer: ')) {
        expect(analyses.pacer!.assists).toBe(lines.filter((l) => l.includes('assist ratio=')).length);
        expect(analyses.pacer!.cycles).toBe(lines.filter((l) => l.includes('H_m_prev=') || l.includes('% CPU (')).length);
      }
      if (/scvg|scav /.test(text)) expect(analyses.scavenger!.lines).toBe(lines.filter((l) => /scvg|scav /.test(l)).length);
      if (text.includes('init ')) expect(analyses.init!.packages).toBe(lines.filter((l) => l.startsWith('init ')).length);
    });
  }
});
