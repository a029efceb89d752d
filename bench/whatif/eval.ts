// npm run eval:whatif — the what-if model against real runs: for each Go
// version, calibrate on GOGC=100 and print run / predicted / measured / error.

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkVersion, versionDirs } from './check';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const MiB = 1048576;
const range = (r: [number | null, number | null] | undefined) => (r && r[0] !== null ? ` (${r[0].toFixed(1)}–${r[1] === null ? '∞' : r[1].toFixed(1)} s)` : '');
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(0)}%` : '∞');
const f1 = (x: number | null) => (x === null ? 'none' : x.toFixed(1));
const mb = (x: number | null) => (x === null ? '∞' : (x / MiB).toFixed(0));

// --gctrace-only: calibrate without the runtime/metrics series (the model as it was before it read them).
const withMetrics = !process.argv.includes('--gctrace-only');
console.log(withMetrics ? '# calibrated on gctrace + runtime/metrics' : '# calibrated on gctrace alone');
console.log('where a setting was run 3 times (near the limiter\'s 50%), its measured figures are the median of its runs, with their range; a limiter verdict is right where it matches every run, or says "uncertain" where the runs disagree');
console.log('peak heap: the heap at mark termination that 1 GC cycle in 20 reaches (95th percentile), predicted and measured; the largest of a run grows with its number of cycles (40–800 here) and is shown, not scored');
// --dir D: the runs of another workload, made by tools/fixtures/whatif/gen.sh into D/go<version>/ (WHATIF_OUT)
const at = process.argv.indexOf('--dir');
const dirs = at >= 0 && process.argv[at + 1] ? versionDirs(resolve(process.argv[at + 1]), '') : versionDirs(root);
// --base RUN: calibrate on that run instead of gogc100 (a user's run is at whatever settings it had)
const bi = process.argv.indexOf('--base');
const baseRun = bi >= 0 && process.argv[bi + 1] ? process.argv[bi + 1] : 'gogc100';
for (const dir of dirs) {
  let v;
  try {
    v = checkVersion(dir, withMetrics, baseRun);
  } catch (e) {
    console.log(`\n## ${dir.split('/').pop()}: ${e instanceof Error ? e.message : String(e)}`);
    continue;
  }
  const c = v.calibration;
  console.log(`\n## ${v.go}: calibrated on ${baseRun} (cycles ${c.window.firstCycle}–${c.window.lastCycle}, live after mark ${mb(c.liveAfterMarkBytes)} MiB, live ${mb(c.liveBytes)} MiB, GC CPU ${c.gcCpuPercent.toFixed(1)}%, fit ±${pct(c.fit.cyclesPerGiB)} cycles, ±${pct(c.fit.gcCpu)} CPU (±${pct(c.fit.gcCpuMean ?? c.fit.gcCpu)} over the limiter's bucket), ±${pct(c.fit.peakHeap)} peak; non-heap ${mb(c.nonHeapBytes)} MiB (${c.nonHeapSource}${c.nonHeap ? `: ${mb(c.nonHeap.unusedBytes)} MiB free slots in spans, growing ${(c.nonHeap.growthBytesPerSec / MiB).toFixed(1)} MiB/s` : ''}), mutator ${c.mutatorCpuSecPerGiB.toFixed(1)} CPU-s/GiB (${c.mutatorSource ?? 'gctrace'}))\n`);
  console.log('| run | cycles/GiB pred | meas | err | GC CPU % pred | meas | err | peak heap MiB pred | meas | err | largest MiB (not scored) | goal MiB pred | meas (gctrace, not scored) | limiter pred (share %, s to engage) | meas | regime |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of v.rows) {
    const p = r.predicted;
    const x = r.measured;
    console.log(
      `| ${r.run} | ${f1(p.cyclesPerGiB)} ±${pct(p.uncertainty.cyclesPerGiB)}${p.likelyLow === 'cycles' ? ' (likely low)' : ''} | ${x.cyclesPerGiB.toFixed(1)}${x.runs ? ` (${x.runs.cyclesPerGiB[0].toFixed(1)}–${x.runs.cyclesPerGiB[1].toFixed(1)})` : ''} | ${pct(r.err.cyclesPerGiB)} | ${f1(p.gcCpuPercent)}${p.likelyLow === 'gcCpu' ? ' (likely low)' : ''} | ${x.gcCpuPercent.toFixed(1)}${x.runs ? ` (${x.runs.gcCpuPercent[0].toFixed(1)}–${x.runs.gcCpuPercent[1].toFixed(1)})` : ''} | ${pct(r.err.gcCpu)} | ${mb(p.peakHeapBytes)} | ${mb(x.peakHeapBytes)} | ${pct(r.err.peakHeap)} | ${mb(x.largestHeapBytes)} | ${mb(p.heapGoalBytes)} | ${mb(x.goalBytes)} | ${r.limiterPredicted === 'uncertain' ? 'uncertain' : r.limiterPredicted ? 'yes' : 'no'} (${p.limiterGcCpuPercent.toFixed(0)}%${p.secondsUntilLimiter === null ? '' : `, ${p.secondsUntilLimiter.toFixed(1)} s${range(p.secondsUntilLimiterRange)}`}) | ${x.runs ? `${x.runs.engaged} of ${x.runs.count} runs` : x.limiterEngaged ? 'yes' : 'no'}${r.err.limiterRight === false ? ' ✗' : ''} | ${p.regime} |`,
    );
  }
  const within = v.rows.filter((r) => r.err.cyclesPerGiB <= r.predicted.uncertainty.cyclesPerGiB).length;
  console.log(`\ncycles/GiB within the predicted ± in ${within}/${v.rows.length} runs`);
  const low = v.rows.filter((r) => r.predicted.likelyLow === 'cycles');
  if (low.length > 0) {
    const above = low.filter((r) => r.measured.cyclesPerGiB > r.predicted.cyclesPerGiB * (1 + r.predicted.uncertainty.cyclesPerGiB)).length;
    console.log(`cycles/GiB flagged likely low (back to back under the limiter: the mutator's CPU per GiB while the GC marks all the time is not in the calibration run): measured above the predicted ± in ${above}/${low.length}`);
  }
  const cpuLow = v.rows.filter((r) => r.predicted.likelyLow === 'gcCpu');
  if (cpuLow.length > 0) {
    const above = cpuLow.filter((r) => r.measured.gcCpuPercent > r.predicted.gcCpuPercent * (1 + r.predicted.uncertainty.gcCpu)).length;
    console.log(`GC CPU flagged likely low (the calibrated run's GC was marking during most of what it allocated: a dearer mutator, cheaper cycles): measured above the predicted ± in ${above}/${cpuLow.length}`);
  }
  console.log(`median absolute error: cycles/GiB ${pct(v.median.cyclesPerGiB)} (goal ≤10%), GC CPU ${pct(v.median.gcCpu)} (goal ≤20%), peak heap ${pct(v.median.peakHeap)} (goal ≤10%); limiter right in ${v.limiterRight}/${v.rows.length} runs, wrong in ${v.rows.length - v.limiterRight - v.limiterUncertain}, uncertain in ${v.limiterUncertain}`);
}
