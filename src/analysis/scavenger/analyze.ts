// Scavenger model → the `scavenger` analysis: memory returned to the OS over
// time (timed by the gctrace cycle before each line when the log has one).

import { NONE } from '../../formats/godebug/cursor';
import type { ScavengerModel } from '../../formats/godebug/scavenger';
import type { GodebugModel } from '../../formats/godebug/stream';
import { formatBytes } from '../../lib/display';
import type { Finding } from '../finding';
import { peakIndices } from '../downsample';
import { cycleBefore, gctraceOf } from '../gcCycleTime';
import { nearestRank, sortedCopy } from '../percentiles';
import type { ScavengerAnalysis } from './types';

const MAX_POINTS = 2000;
const orNull = (v: number) => (v === NONE ? null : v);

export function analyzeScavenger(m: ScavengerModel, all?: GodebugModel): { scavenger: ScavengerAnalysis; findings: Finding[] } {
  const gc = gctraceOf(all);
  const L = m.lines;
  let total = 0;
  let bg = NONE;
  let eager = NONE;
  let eagerUnforced = NONE;
  let peakReleased = NONE;
  let lastReleased = NONE;
  let peakRetained = NONE;
  let forced = 0;
  let resets = 0;
  const utils: number[] = [];
  for (const l of L) {
    if (l.workBytes !== NONE) total += l.workBytes;
    if (l.bgBytes !== NONE) bg = Math.max(0, bg) + l.bgBytes;
    if (l.eagerBytes !== NONE) {
      eager = Math.max(0, eager) + l.eagerBytes;
      if (!l.forced) eagerUnforced = Math.max(0, eagerUnforced) + l.eagerBytes;
      else if (eagerUnforced === NONE) eagerUnforced = 0;
    }
    if (l.releasedBytes !== NONE) {
      peakReleased = Math.max(peakReleased, l.releasedBytes);
      lastReleased = l.releasedBytes;
    }
    if (l.retainedBytes !== NONE) peakRetained = Math.max(peakRetained, l.retainedBytes);
    if (l.utilPercent !== NONE) utils.push(l.utilPercent);
    if (l.forced) forced++;
    if (l.controllerReset) resets++;
  }
  const us = sortedCopy(utils);
  const idx = peakIndices(L.length, MAX_POINTS, (i) => Math.max(0, L[i].workBytes));
  const timeOf = (i: number) => {
    if (!gc) return null;
    const k = cycleBefore(gc, L[i].line);
    return k < 0 ? 0 : gc.t[k];
  };
  const scavenger: ScavengerAnalysis = {
    source: L.some((l) => l.shape === 'scav') ? 'scavtrace' : 'scvg',
    lines: L.length,
    forced,
    controllerResets: resets,
    totalWorkBytes: total,
    bgWorkBytes: orNull(bg),
    eagerWorkBytes: orNull(eager),
    eagerUnforcedBytes: orNull(eagerUnforced),
    peakReleasedBytes: orNull(peakReleased),
    lastReleasedBytes: orNull(lastReleased),
    peakRetainedBytes: orNull(peakRetained),
    minUtilPercent: us.length ? us[0] : null,
    medianUtilPercent: us.length ? nearestRank(us, 0.5) : null,
    series: {
      tSec: idx.map(timeOf),
      workBytes: idx.map((i) => orNull(L[i].workBytes)),
      bgBytes: idx.map((i) => orNull(L[i].bgBytes)),
      eagerBytes: idx.map((i) => orNull(L[i].eagerBytes)),
      releasedBytes: idx.map((i) => orNull(L[i].releasedBytes)),
      retainedBytes: idx.map((i) => orNull(L[i].retainedBytes)),
      utilPercent: idx.map((i) => orNull(L[i].utilPercent)),
      forced: idx.map((i) => L[i].forced),
    },
    truncated: m.truncated,
  };
  return { scavenger, findings: scavengerFindings(scavenger) };
}

function scavengerFindings(s: ScavengerAnalysis): Finding[] {
  const out: Finding[] = [];
  const eager = s.eagerUnforcedBytes ?? 0;
  if (eager >= 64 * 1048576 && eager > (s.bgWorkBytes ?? 0)) {
    out.push({
      rule: 'scavenger.eager',
      severity: 'info',
      title: `${formatBytes(eager)} returned to the OS synchronously (eager scavenging)`,
      detail:
        'Eager scavenging happens on the allocation path when the heap grows or the process is at its memory limit: allocating goroutines pay for returning memory to the OS. Together with a busy GC it points at a memory limit too close to the live heap.',
      evidence: [
        `eager ${formatBytes(eager)} outside forced scavenges, background ${formatBytes(s.bgWorkBytes ?? 0)}`,
        `${s.lines} scavenger lines, ${s.forced} forced`,
      ],
      anchor: { analysis: 'scavenger', chart: 'released' },
    });
  }
  return out;
}
