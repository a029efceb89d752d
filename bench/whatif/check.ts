// The what-if model's check against real runs (tests/fixtures/whatif): calibrate
// on each Go version's GOGC=100 run, predict every other run at its settings,
// and compare with what the run measured (runtime/metrics deltas and gctrace
// over its steady phase). Used by `npm run eval:whatif` and the unit test.

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { GcTraceModel } from '../../src/formats/godebug/gctrace';
import { godebugFormat } from '../../src/formats/godebug/format';
import type { ParseContext } from '../../src/formats/types';
import { calibrate, PEAK_QUANTILE } from '../../src/whatif/calibrate';
import { quantile } from '../../src/whatif/stats';
import { GiB, predict } from '../../src/whatif/predict';
import type { WhatifCalibration, WhatifPrediction } from '../../src/whatif/types';
import type { RuntimeMetricsSample } from '../../src/whatif/runtimeMetrics';

export interface RunMeasured {
  cyclesPerGiB: number;
  gcCpuPercent: number;
  /** The heap at mark termination 1 cycle in 20 reaches (as the model's peak heap). */
  peakHeapBytes: number;
  /** The largest heap at mark termination of the run (grows with its number of cycles; not scored). */
  largestHeapBytes: number;
  limiterEngaged: boolean;
  /**
   * Where the setting was run more than once (`<run>.r2`, `<run>.r3`…: the settings whose GC CPU sits near
   * the limiter's 50%): how many of its runs engaged the limiter, of how many. The figures above are then the
   * median over the runs, and `limiterEngaged` is the majority's.
   */
  runs?: { count: number; engaged: number; gcCpuPercent: [number, number]; cyclesPerGiB: [number, number] };
  /** Length of the steady phase, seconds (the limiter's bucket needs time to fill). */
  steadySec: number;
  /** Median heap goal gctrace printed (the goal at mark termination, mgcpacer.go endCycle: lastHeapGoal). */
  goalBytes: number;
}

export interface CheckRow {
  go: string;
  run: string;
  gogc: number | null;
  memoryLimitBytes: number | null;
  predicted: WhatifPrediction;
  measured: RunMeasured;
  /**
   * limiterRight: true where the verdict matches every run of the setting, or is 'uncertain' where its runs
   * disagree; false where a yes or no is contradicted by any run; null where the model says 'uncertain' and
   * every run agrees.
   */
  err: { cyclesPerGiB: number; gcCpu: number; peakHeap: number; limiterRight: boolean | null };
  /** What the model says the run could show: engaged within its steady seconds, or uncertain. */
  limiterPredicted: boolean | 'uncertain';
}

export interface VersionCheck {
  go: string;
  calibration: WhatifCalibration;
  rows: CheckRow[];
  median: { cyclesPerGiB: number; gcCpu: number; peakHeap: number };
  limiterRight: number;
  limiterUncertain: number;
}

const ctx: ParseContext = { progress() {}, checkCancelled() {}, warn() {} };

export function gctraceModel(text: string): GcTraceModel {
  const model = godebugFormat.parse(new TextEncoder().encode(text), ctx);
  const gc = model.streams.gctrace as GcTraceModel | undefined;
  if (!gc) throw new Error('no gctrace lines');
  return gc;
}

export interface RunJson {
  go: string;
  gogcEnv: string;
  memoryLimit: number;
  delta: Record<string, number>;
  before: Record<string, number>;
  after: Record<string, number>;
  /** runtime/metrics just before the mutators were told to stop. */
  atStop?: Record<string, number>;
  peakMappedBytes: number;
  steadySec: number;
  /** Memory and CPU classes every 200 ms: names[0] is "t" (seconds since the steady phase began). */
  series?: { names: string[]; rows: number[][] };
}

/**
 * Index of the first gctrace cycle of the steady phase: the first numbered past the cycles completed when
 * it began (/gc/cycles/total in `before`; gctrace numbers cycles from 1, so the collection main.go forces
 * before the phase is line `before`). Not the last "(forced)" line: under back-to-back GC, runtime.GC()
 * can find the cycle it asks for already started by the heap trigger (mgc.go GC: gcStart with
 * gcTriggerCycle n+1 does nothing once cycle n+1 is under way, and only a cycle it starts is userForced),
 * and no line of the phase's start says "(forced)" — Go 1.25.5 limit1.2x and Go 1.26.8 limit0.8x, whose
 * last "(forced)" line is the one after the live heap was built, 4 s before the phase.
 * Without `before`, after the last "(forced)" line.
 */
export function steadyStart(j: RunJson, m: GcTraceModel): number {
  const done = j.before?.['/gc/cycles/total:gc-cycles'];
  if (typeof done === 'number' && Number.isFinite(done)) {
    for (let i = 0; i < m.count; i++) if (m.run[i] === m.run[m.count - 1] && m.n[i] > done) return i;
    return m.count;
  }
  let forced = -1;
  for (let i = 0; i < m.count; i++) if (m.forced[i]) forced = i;
  return forced + 1;
}

/**
 * The run's runtime/metrics series on gctrace's clock: the steady phase begins
 * when the collection forced before it (steadyStart) ends.
 */
export function runtimeSamples(j: RunJson, m: GcTraceModel): RuntimeMetricsSample[] {
  if (!j.series) return [];
  const forced = steadyStart(j, m) - 1;
  const t0 = forced < 0 ? 0 : m.t[forced] + (m.sweepTermMs[forced] + m.concurrentMs[forced] + m.markTermMs[forced]) / 1000;
  const names = j.series.names;
  return j.series.rows.map((r) => {
    const values: Record<string, number> = {};
    for (let k = 1; k < names.length; k++) values[names[k]] = r[k];
    return { tSec: t0 + r[0], values };
  });
}

/** A run's stdout (tools/fixtures/whatif/main.go), gzipped. */
export function readRunJson(path: string): RunJson {
  return JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as RunJson;
}

function settingsOf(j: RunJson): { gogc: number | null; memoryLimitBytes: number | null } {
  const gogc = j.gogcEnv === 'off' ? null : j.gogcEnv ? Number(j.gogcEnv) : 100;
  const memoryLimitBytes = j.memoryLimit >= 2 ** 62 ? null : j.memoryLimit;
  return { gogc, memoryLimitBytes };
}

/**
 * Whether the limiter engaged during the run's steady phase: its last enabled cycle falls in the phase, read
 * before the mutators stop (main.go atStop: once they exit, an unfinished mark on idle Ps can fill the bucket
 * at the very end).
 */
export function limiterEngagedIn(j: RunJson): boolean {
  return (j.atStop ?? j.after)['/gc/limiter/last-enabled:gc-cycle'] > j.before['/gc/cycles/total:gc-cycles'];
}

/** The setting a run belongs to: a repeat `<run>.r2` is a run of `<run>`. */
export const settingOf = (run: string): string => run.replace(/\.r\d+$/, '');

/** The window the model is compared on: the steady phase's cycles (steadyStart; runtime/metrics deltas cover the same phase). */
function measured(j: RunJson, m: GcTraceModel): RunMeasured {
  const d = j.delta;
  const forced = steadyStart(j, m) - 1;
  const ends: number[] = [];
  const goals: number[] = [];
  for (let i = forced + 1; i < m.count; i++) ends.push(m.heapEnd[i]);
  // the first goal after the forced cycle was set by it
  for (let i = forced + 2; i < m.count; i++) goals.push(m.heapGoal[i]);
  return {
    cyclesPerGiB: d['/gc/cycles/total:gc-cycles'] / (d['/gc/heap/allocs:bytes'] / GiB),
    gcCpuPercent: (100 * (d['/cpu/classes/gc/total:cpu-seconds'] - d['/cpu/classes/gc/mark/idle:cpu-seconds'])) / d['/cpu/classes/total:cpu-seconds'],
    peakHeapBytes: quantile(ends, PEAK_QUANTILE),
    largestHeapBytes: Math.max(...ends),
    limiterEngaged: limiterEngagedIn(j),
    steadySec: j.steadySec,
    goalBytes: med(goals),
  };
}

/** The figures of a setting's runs together: the median of each, the limiter's majority, and the spread. */
function overRuns(xs: RunMeasured[]): RunMeasured {
  if (xs.length === 1) return xs[0];
  const m = (f: (x: RunMeasured) => number) => med(xs.map(f));
  const span = (f: (x: RunMeasured) => number): [number, number] => [Math.min(...xs.map(f)), Math.max(...xs.map(f))];
  const engaged = xs.filter((x) => x.limiterEngaged).length;
  return {
    cyclesPerGiB: m((x) => x.cyclesPerGiB),
    gcCpuPercent: m((x) => x.gcCpuPercent),
    peakHeapBytes: m((x) => x.peakHeapBytes),
    largestHeapBytes: Math.max(...xs.map((x) => x.largestHeapBytes)),
    limiterEngaged: engaged * 2 > xs.length,
    runs: { count: xs.length, engaged, gcCpuPercent: span((x) => x.gcCpuPercent), cyclesPerGiB: span((x) => x.cyclesPerGiB) },
    steadySec: Math.min(...xs.map((x) => x.steadySec)),
    goalBytes: m((x) => x.goalBytes),
  };
}

/** Right, wrong or not judged (null) for a verdict against a setting's runs (CheckRow.err.limiterRight). */
export function limiterScore(predicted: boolean | 'uncertain', x: RunMeasured): boolean | null {
  const count = x.runs?.count ?? 1;
  const engaged = x.runs?.engaged ?? (x.limiterEngaged ? 1 : 0);
  const mixed = engaged > 0 && engaged < count;
  if (predicted === 'uncertain') return mixed ? true : null;
  return !mixed && predicted === (engaged === count);
}

/**
 * The limiter verdict for a run of `seconds`: the model predicts the steady
 * state, and from an empty bucket the limiter engages only after
 * secondsUntilLimiter (mgclimit.go: GOMAXPROCS × 1 s of capacity).
 */
export function limiterWithin(p: WhatifPrediction, seconds: number): boolean | 'uncertain' {
  if (p.limiter === 'uncertain') return 'uncertain';
  if (p.limiter !== 'yes' || p.secondsUntilLimiter === null) return false;
  // the bucket's fill time at the share ± its uncertainty straddles the run's length: either can happen
  const [soonest, latest] = p.secondsUntilLimiterRange ?? [p.secondsUntilLimiter, p.secondsUntilLimiter];
  if (soonest !== null && soonest <= seconds && (latest === null || latest > seconds)) return 'uncertain';
  return p.secondsUntilLimiter <= seconds;
}

const relErr = (p: number | null, x: number) => (p === null ? Infinity : Math.abs(p - x) / x);
const med = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** `withMetrics` false: calibrate on gctrace (and the peak mapped memory) alone, as before the runtime/metrics series. */
/** `baseRun`: the run the model is calibrated on (gogc100 unless asked), predicting every other setting. */
export function checkVersion(dir: string, withMetrics = true, baseRun = 'gogc100'): VersionCheck {
  const load = (name: string) => ({
    json: readRunJson(join(dir, `${name}.json.gz`)),
    model: gctraceModel(gunzipSync(readFileSync(join(dir, `${name}.gctrace.gz`))).toString('utf8')),
  });
  const base = load(baseRun);
  const cal = calibrate(
    base.model,
    withMetrics
      ? { peakTotalBytes: base.json.peakMappedBytes, runtimeMetrics: runtimeSamples(base.json, base.model), metricsOnGctraceClock: true }
      : { peakTotalBytes: base.json.peakMappedBytes },
  );
  if ('refused' in cal) throw new Error(`${dir}: calibration refused: ${cal.refused}`);
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.json.gz'))
    .map((f) => f.slice(0, -'.json.gz'.length));
  // repeats of a setting: <run>.r2, <run>.r3… beside <run>
  const repeats = (run: string) => names.filter((n) => n !== run && settingOf(n) === run).sort();
  const runs = names.filter((n) => n !== baseRun && settingOf(n) === n).sort();
  const rows: CheckRow[] = runs.map((run) => {
    const r = load(run);
    const s = settingsOf(r.json);
    const p = predict(cal.calibration, { ...s, containerLimitBytes: null });
    const x = overRuns([r, ...repeats(run).map(load)].map((q) => measured(q.json, q.model)));
    const lim = limiterWithin(p, x.steadySec);
    return {
      go: r.json.go,
      run,
      ...s,
      predicted: p,
      measured: x,
      limiterPredicted: lim,
      err: {
        cyclesPerGiB: relErr(p.cyclesPerGiB, x.cyclesPerGiB),
        gcCpu: relErr(p.gcCpuPercent, x.gcCpuPercent),
        peakHeap: relErr(p.peakHeapBytes, x.peakHeapBytes),
        limiterRight: limiterScore(lim, x),
      },
    };
  });
  return {
    go: base.json.go,
    calibration: cal.calibration,
    rows,
    median: {
      cyclesPerGiB: med(rows.map((r) => r.err.cyclesPerGiB)),
      gcCpu: med(rows.map((r) => r.err.gcCpu)),
      peakHeap: med(rows.map((r) => r.err.peakHeap)),
    },
    limiterRight: rows.filter((r) => r.err.limiterRight === true).length,
    limiterUncertain: rows.filter((r) => r.err.limiterRight === null).length,
  };
}

/** One folder per Go version under tests/fixtures/whatif (or `under` another folder of `root`). */
export function versionDirs(root: string, under = 'tests/fixtures/whatif'): string[] {
  const d = join(root, under);
  if (!existsSync(d)) return [];
  return readdirSync(d)
    .filter((f) => f.startsWith('go'))
    .map((f) => join(d, f))
    .sort();
}
