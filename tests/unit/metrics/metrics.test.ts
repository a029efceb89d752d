// /metrics scrapes and /debug/vars of one real Go 1.26 process
// (tests/fixtures/metrics, client_golang v1.25.0, run with GOMAXPROCS=2
// GOMEMLIMIT=256MiB GOGC=50 by tools/fixtures/metrics/gen.sh).

import { describe, expect, it } from 'vitest';
import { ratesFromPoints } from '../../../src/analysis/metrics/rates';
import { parsePromFloat, parseSampleLine } from '../../../src/formats/prometheus/parse';
import { loadExpvar, loadProm, rank, readFixture, values } from './load';

// The settings gen.sh ran the process with.
const GOMAXPROCS = 2;
const GOMEMLIMIT = 256 * 1024 * 1024;
const GOGC = 50;

describe('expvar /debug/vars', () => {
  const text = readFixture('debug-vars.json');
  const raw = JSON.parse(text).memstats as { NumGC: number; PauseNs: number[]; PauseEnd: number[]; GCCPUFraction: number; NumForcedGC: number };
  const a = loadExpvar(text);

  it('pause percentiles equal the raw PauseNs ring recomputed here (wrapped: NumGC > 256)', () => {
    expect(raw.NumGC).toBeGreaterThan(256);
    // Rotate the ring so the oldest pause comes first: cycle NumGC is at (NumGC-1)%256.
    const start = raw.NumGC % 256;
    const ordered = [...raw.PauseNs.slice(start), ...raw.PauseNs.slice(0, start)];
    const sorted = ordered.map((ns) => ns / 1e6).sort((x, y) => x - y);
    const r = a.metrics!.pauseRing!;
    expect(r.count).toBe(256);
    expect(r.pausesMs).toEqual(ordered.map((ns) => ns / 1e6));
    expect(r.p50Ms).toBe(rank(sorted, 0.5));
    expect(r.p90Ms).toBe(rank(sorted, 0.9));
    expect(r.p99Ms).toBe(rank(sorted, 0.99));
    expect(r.maxMs).toBe(sorted[sorted.length - 1]);
    expect(r.lastCycle).toBe(raw.NumGC);
    const ends = [...raw.PauseEnd.slice(start), ...raw.PauseEnd.slice(0, start)];
    expect(r.spanSec).toBeCloseTo((ends[255] - ends[0]) / 1e9, 9);
    expect(a.gc!.pauseMs.p99).toBe(r.p99Ms);
    expect(a.gc!.gcCpuPercent).toBeCloseTo(raw.GCCPUFraction * 100, 10);
    expect(a.gc!.source).toMatch(/^expvar/);
  });

  it('a ring that has not wrapped uses only the first NumGC entries', () => {
    const small = JSON.parse(text);
    small.memstats.NumGC = 5;
    const b = loadExpvar(JSON.stringify(small));
    expect(b.metrics!.pauseRing!.pausesMs).toEqual(raw.PauseNs.slice(0, 5).map((ns) => ns / 1e6));
  });

  it('lists the other published vars', () => {
    expect(a.metrics!.otherVars!.map((v) => v.name)).toEqual(Object.keys(JSON.parse(text)).filter((k) => k !== 'cmdline' && k !== 'memstats'));
  });

  it('the summary max of the same moment equals the ring max (both are runtime pause records)', () => {
    const scrape = readFixture('scrape-5.txt');
    expect(values(scrape, 'go_gc_duration_seconds_count')[0]).toBe(raw.NumGC);
    expect(loadProm(scrape).metrics!.pauseQuantiles!.maxMs).toBeCloseTo(a.metrics!.pauseRing!.maxMs, 9);
  });

  it('refuses non-JSON with a clear message', () => {
    expect(() => loadExpvar('{"memstats": {')).toThrow(/not valid JSON/);
  });
});

describe('Prometheus /metrics (default registry)', () => {
  const text = readFixture('scrape-5.txt');
  const a = loadProm(text).metrics!;

  it('GOMAXPROCS, GOGC and GOMEMLIMIT as the process was started with', () => {
    expect(a.gomaxprocs).toBe(GOMAXPROCS);
    expect(a.gogcPercent).toBe(GOGC);
    expect(a.gomemlimitBytes).toBe(GOMEMLIMIT);
    expect(a.memoryLimitSet).toBe(true);
    expect(a.collector).toBe('client_golang ≥ 1.20');
  });

  it('go_gc_duration_seconds quantiles in ms', () => {
    const q = (x: string) => values(text, `go_gc_duration_seconds{quantile="${x}"}`)[0] * 1000;
    expect(a.pauseQuantiles!.p50Ms).toBeCloseTo(q('0.5'), 12);
    expect(a.pauseQuantiles!.maxMs).toBeCloseTo(q('1'), 12);
    expect(a.pauseQuantiles!.count).toBe(values(text, 'go_gc_duration_seconds_count')[0]);
  });

  it('no gc block without a pause distribution that gives p90/p99', () => {
    expect(loadProm(text).gc).toBeUndefined();
  });
});

describe('several scrapes', () => {
  const text = readFixture('scrapes.txt');
  const a = loadProm(text).metrics!;
  const counts = values(text, 'go_gc_duration_seconds_count');
  const times = values(text, 'go_memstats_last_gc_time_seconds');
  const allocs = values(text, 'go_memstats_alloc_bytes_total');
  const cpu = values(text, 'process_cpu_seconds_total');

  it('splits the concatenated text into its scrapes', () => {
    expect(a.scrapes).toBe(counts.length);
    expect(a.scrapes).toBe(5);
  });

  it('rates between the first and last scrape', () => {
    const dt = times[4] - times[0];
    expect(a.rates!.clock).toBe('last GC time');
    expect(a.rates!.gcPerSec).toBeCloseTo((counts[4] - counts[0]) / dt, 9);
    expect(a.rates!.allocBytesPerSec).toBeCloseTo((allocs[4] - allocs[0]) / dt, 3);
    expect(a.rates!.cpuCores).toBeCloseTo((cpu[4] - cpu[0]) / dt, 9);
    expect(a.rates!.points).toHaveLength(4);
  });

  it('the same rates from five separate files', () => {
    const points = [1, 2, 3, 4, 5].flatMap((i) => loadProm(readFixture(`scrape-${i}.txt`)).metrics!.points);
    const r = ratesFromPoints(points)!;
    expect(r.gcPerSec).toBeCloseTo(a.rates!.gcPerSec!, 9);
    expect(r.cpuCores).toBeCloseTo(a.rates!.cpuCores!, 9);
  });
});

describe('runtime/metrics histograms', () => {
  const text = readFixture('runtime-metrics.txt');
  const out = loadProm(text);
  const a = out.metrics!;

  function bucketsOf(name: string): { le: number; cum: number }[] {
    return text
      .split('\n')
      .filter((l) => l.startsWith(`${name}_bucket{le="`))
      .map((l) => {
        const le = l.split('"')[1];
        return { le: le === '+Inf' ? Infinity : Number(le), cum: Number(l.split(' ').pop()) };
      });
  }

  it('pause percentiles are the upper bounds of the buckets holding the nearest ranks', () => {
    const b = bucketsOf('go_sched_pauses_total_gc_seconds');
    const n = b[b.length - 1].cum;
    const at = (q: number) => b.find((x) => x.cum >= Math.ceil(q * n))!.le;
    const h = a.pauseHistograms.find((x) => x.name === 'go_sched_pauses_total_gc_seconds')!;
    expect(h.count).toBe(n);
    expect(h.p50Sec).toBe(at(0.5));
    expect(h.p90Sec).toBe(at(0.9));
    expect(h.p99Sec).toBe(at(0.99));
    expect(out.gc!.pauseMs.p99).toBeCloseTo(at(0.99) * 1000, 12);
    expect(out.gc!.cycles).toBe(values(text, 'go_gc_cycles_total_gc_cycles_total')[0]);
  });

  it('GC CPU share from the CPU classes, limiter state, scheduling latency', () => {
    const gc = values(text, 'go_cpu_classes_gc_total_cpu_seconds_total')[0];
    const total = values(text, 'go_cpu_classes_total_cpu_seconds_total')[0];
    expect(a.gcCpuPercent).toBeCloseTo((gc / total) * 100, 9);
    expect(a.gcLimiterEngaged).toBe(values(text, 'go_gc_limiter_last_enabled_gc_cycle')[0] !== 0);
    expect(a.schedLatency!.count).toBe(values(text, 'go_sched_latencies_seconds_count')[0]);
    expect(a.gomaxprocs).toBe(GOMAXPROCS);
    expect(a.memoryClasses!.length).toBeGreaterThan(5);
  });
});

describe('exposition grammar', () => {
  it('NaN and ±Inf values', () => {
    expect(parsePromFloat('NaN')).toBeNaN();
    expect(parsePromFloat('+Inf')).toBe(Infinity);
    expect(parsePromFloat('-Inf')).toBe(-Infinity);
    expect(parsePromFloat('1.5e-05')).toBe(1.5e-5);
    expect(parseSampleLine('go_gc_pauses_seconds_total_sum NaN')!.value).toBeNaN();
    expect(parseSampleLine('x_bucket{le="+Inf"} 3 1700000000000')).toEqual({ name: 'x_bucket', labels: { le: '+Inf' }, value: 3, timestampMs: 1700000000000 });
    expect(parseSampleLine('a{b="c\\"d",e="f"} 1')!.labels).toEqual({ b: 'c"d', e: 'f' });
    expect(parseSampleLine('not a sample')).toBeNull();
  });

  it('NaN values never reach the report', () => {
    const r = loadProm('# TYPE go_gc_duration_seconds summary\ngo_gc_duration_seconds{quantile="0.5"} NaN\ngo_gc_duration_seconds_sum NaN\ngo_gc_duration_seconds_count 0\n');
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
    expect(r.metrics!.pauseQuantiles!.p50Ms).toBeNull();
  });
});

describe('many scrapes', () => {
  it('keeps report series to 2000 points while rates use every scrape', () => {
    // The real scrapes repeated 900 times (4500 scrapes), each copy shifted so time and counters keep growing.
    const base = readFixture('scrapes.txt');
    const parts: string[] = [];
    for (let k = 0; k < 900; k++) {
      parts.push(
        base
          .replace(/^(go_memstats_last_gc_time_seconds) (\S+)$/gm, (_, n, v) => `${n} ${Number(v) + k * 10}`)
          .replace(/^(go_gc_duration_seconds_count) (\S+)$/gm, (_, n, v) => `${n} ${Number(v) + k * 100000}`),
      );
    }
    const a = loadProm(parts.join('')).metrics!;
    expect(a.scrapes).toBe(4500);
    expect(a.points.length).toBe(2000);
    expect(a.rates!.points.length).toBeLessThanOrEqual(2000);
    const t = values(base, 'go_memstats_last_gc_time_seconds');
    const c = values(base, 'go_gc_duration_seconds_count');
    expect(a.rates!.gcPerSec).toBeCloseTo((c[4] + 899 * 100000 - c[0]) / (t[4] + 8990 - t[0]), 6);
  });
});

describe('client_golang v1.12.1: `_total` histograms, -5e-324 bucket, NaN sums', () => {
  const text = readFixture('client_golang-1.12.1.txt');
  const out = loadProm(text);
  const a = out.metrics!;

  it('reads the wrongly named pause histogram with the percentiles of its buckets', () => {
    const cum = text
      .split('\n')
      .filter((l) => l.startsWith('go_gc_pauses_seconds_total_bucket{'))
      .map((l) => ({ le: l.split('"')[1], n: Number(l.split(' ').pop()) }))
      .filter((b) => b.le === '+Inf' || Number(b.le) > 0);
    const n = cum[cum.length - 1].n;
    const at = (q: number) => Number(cum.find((b) => b.n >= Math.ceil(q * n))!.le);
    const h = a.pauseHistograms.find((x) => x.name === 'go_gc_pauses_seconds_total')!;
    expect(text).toContain('go_gc_pauses_seconds_total_sum NaN');
    expect(h.sumSec).toBeNull();
    expect(h.count).toBe(n);
    expect(h.p50Sec).toBe(at(0.5));
    expect(h.p99Sec).toBe(at(0.99));
    expect(a.collector).toMatch(/1\.12\.0–1\.12\.1/);
    expect(a.schedLatency!.name).toBe('go_sched_latencies_seconds_total');
  });

  it('no NaN or Infinity reaches the report', () => {
    expect(JSON.stringify(out)).not.toMatch(/NaN|Infinity/);
  });
});

describe('findings', () => {
  it('the busy GC of the fixture process: frequency from the scrapes and the GC CPU share', () => {
    const text = readFixture('scrapes.txt');
    const counts = values(text, 'go_gc_duration_seconds_count');
    const times = values(text, 'go_memstats_last_gc_time_seconds');
    const rate = (counts[4] - counts[0]) / (times[4] - times[0]);
    const f = loadProm(text).findings!;
    const freq = f.find((x) => x.rule === 'metrics.gc-frequency')!;
    expect(freq.title).toBe(`The GC runs ${rate.toFixed(0)} times per second`);
    expect(freq.severity).toBe(rate >= 50 ? 'warning' : 'info');
    const rt = readFixture('runtime-metrics.txt');
    const cpu = (values(rt, 'go_cpu_classes_gc_total_cpu_seconds_total')[0] / values(rt, 'go_cpu_classes_total_cpu_seconds_total')[0]) * 100;
    const g = loadProm(rt).findings!.find((x) => x.rule === 'metrics.gc-cpu')!;
    // The runtime divides by GOMAXPROCS × uptime (/cpu/classes/total), not by the CPU used: the title says so.
    expect(g.title).toBe(`GC took ${cpu.toFixed(1)}% of the CPU time GOMAXPROCS allows`);
  });

  it('no GOMEMLIMIT finding when the limit is set, one when it is math.MaxInt64', () => {
    expect(loadProm(readFixture('scrape-5.txt')).findings!.some((x) => x.rule === 'metrics.no-gomemlimit')).toBe(false);
    const unset = readFixture('scrape-5.txt').replace(/^go_gc_gomemlimit_bytes .*$/m, 'go_gc_gomemlimit_bytes 9.223372036854776e+18');
    expect(loadProm(unset).findings!.some((x) => x.rule === 'metrics.no-gomemlimit')).toBe(true);
  });
});

describe('Go 1.27.3 scrapes (tests/fixtures/metrics/go127)', () => {
  const rm = readFixture('go127/runtime-metrics.txt');
  it('the runtime/metrics collector has the Go 1.26+ goroutine states, read under their Prometheus names', () => {
    const m = loadProm(rm).metrics!;
    const want = {
      running: values(rm, 'go_sched_goroutines_running_goroutines')[0],
      runnable: values(rm, 'go_sched_goroutines_runnable_goroutines')[0],
      waiting: values(rm, 'go_sched_goroutines_waiting_goroutines')[0],
      notInGo: values(rm, 'go_sched_goroutines_not_in_go_goroutines')[0],
    };
    expect(Object.values(want).every((v) => Number.isFinite(v))).toBe(true);
    expect(m.goroutineStates).toEqual(want);
    // The states add up to /sched/goroutines (system goroutines included; go_goroutines is NumGoroutine).
    expect(want.running + want.runnable + want.waiting + want.notInGo).toBe(values(rm, 'go_sched_goroutines_goroutines')[0]);
    expect(m.goroutines).toBe(values(rm, 'go_goroutines')[0]);
    expect(m.threads).toBe(values(rm, 'go_threads')[0]);
    expect(m.goVersion).toBe('go1.27.3');
  });
  it('the default collector has no state breakdown (null, not zeros)', () => {
    expect(loadProm(readFixture('go127/scrape-5.txt')).metrics!.goroutineStates).toBeNull();
  });
  it('five scrapes of the Go 1.27 process read as a series, and /debug/vars too', () => {
    expect(loadProm(readFixture('go127/scrapes.txt')).metrics!.scrapes).toBe(5);
    const raw = JSON.parse(readFixture('go127/debug-vars.json'));
    expect(loadExpvar(readFixture('go127/debug-vars.json')).metrics!.numGc).toBe(raw.memstats.NumGC);
  });
});
