// PprofProfile → the report's `profile` analysis and findings.

import type { ParseContext } from '../../formats/types';
import type { PprofProfile } from '../../formats/pprof/model';
import type { InputAnalyses } from '../inputAnalyses';
import { allocHotspots, cpuShares, profileFindings } from './findings';
import { goroutineGroups } from './goroutines';
import { isGoProgram } from './goProgram';
import { analyzeGoroutines } from '../goroutines/analyze';
import { dumpFromProfile } from '../goroutines/fromPprof';
import { basePrepared } from './prepare';
import { sampleIndexByName } from './sampleIndex';
import { computeTotal, topTable } from './top';
import type { ProfileAnalysis } from './types';

function labelSummary(p: PprofProfile): ProfileAnalysis['labels'] {
  const byKey = new Map<string, { unit: string | null; counts: Map<string, number> }>();
  for (let j = 0; j < p.labelKey.length; j++) {
    const key = p.strings[p.labelKey[j]];
    if (key.startsWith('pprof::')) continue;
    const isStr = p.labelStr[j] !== 0;
    let e = byKey.get(key);
    if (!e) byKey.set(key, (e = { unit: isStr ? null : p.strings[p.labelUnit[j]] || key, counts: new Map() }));
    const v = isStr ? p.strings[p.labelStr[j]] : String(p.labelNum[j]);
    e.counts.set(v, (e.counts.get(v) ?? 0) + 1);
  }
  return [...byKey].map(([key, e]) => ({
    key,
    unit: e.unit,
    values: [...e.counts].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([value, count]) => ({ value, count })),
  }));
}

export function analyzeProfile(p: PprofProfile, _ctx?: ParseContext): InputAnalyses {
  const prep = basePrepared(p);
  const t = p.sampleTypes.length ? sampleIndexByName(p, '') : -1;
  const totals = p.sampleTypes.map((_, i) => computeTotal(p, i));
  let top: ProfileAnalysis['top'] = [];
  // Untrimmed (nodefraction 0): the first rows' flat and cum are the same as in
  // pprof's trimmed -top, and the first view of the profile reuses this table.
  if (t >= 0) top = topTable(p, { sampleIndex: t, nodeFraction: 0, edgeFraction: 0 }, prep).rows.slice(0, 20).map((r) => ({ name: r.name, flat: r.flat, cum: r.cum }));
  let cpuCores: number | null = null;
  const ci = p.sampleTypes.findIndex((s) => s.type === 'cpu' && s.unit === 'nanoseconds');
  if (ci >= 0 && p.durationNanos > 0) cpuCores = totals[ci] / p.durationNanos;
  const isGoroutine = p.sampleTypes.length === 1 && (p.sampleTypes[0].type === 'goroutine' || p.sampleTypes[0].type === 'goroutineleak');
  const profile: ProfileAnalysis = {
    source: p.source,
    sampleTypes: p.sampleTypes.map((s) => ({ type: s.type, unit: s.unit })),
    defaultSampleType: t >= 0 ? p.sampleTypes[t].type : '',
    defaultSampleIndex: t,
    durationNanos: p.durationNanos || null,
    period: p.period,
    periodType: p.periodType,
    timeNanos: p.timeNanos || null,
    comments: p.comments,
    dropFrames: p.dropFrames,
    docUrl: p.docUrl,
    numSamples: p.numSamples,
    numLocations: p.numLocations,
    numFunctions: p.numFunctions,
    totals,
    top,
    labels: labelSummary(p),
    cpuCores,
    goroutines: isGoroutine ? goroutineGroups(p, 50) : null,
    goProgram: isGoProgram(p),
  };
  if (ci >= 0 && totals[ci] > 0 && profile.goProgram !== false) profile.cpuShares = cpuShares(prep, ci);
  const bytesType = p.sampleTypes.findIndex((s) => (s.type === 'alloc_space' || s.type === 'inuse_space' || s.type === 'space') && s.unit === 'bytes');
  if (bytesType >= 0 && totals[bytesType] > 0) profile.allocHotspots = allocHotspots(p, prep, bytesType).rows;
  const findings = t >= 0 ? profileFindings(p, prep, t, cpuCores) : [];
  if (p.sampleTypes.length === 1 && p.sampleTypes[0].type === 'goroutineleak') {
    // Every sample of a goroutineleak profile is a goroutine the runtime proved leaked.
    const dump = dumpFromProfile(p);
    dump.leakProfile = true;
    dump.reportedTotal = dump.goroutines.reduce((s, g) => s + g.count, 0);
    const g = analyzeGoroutines(dump);
    return { profile, goroutines: g.analysis, findings: [...g.findings, ...findings] };
  }
  return { profile, findings };
}
