// A session's input analyses → one diagnosis: the causes of the catalogue that
// the evidence supports, ranked, with the change to make, or an explicit
// healthy verdict. Pure; runs in the worker and in `npm run analyze`.

import { CAUSES } from './catalogue';
import { gatherFacts, type DiagnosisInput, type Facts, type Src } from './facts';
import { resourcesObtained, settingsInForce } from './inForce';
import type { Cause, Diagnosis } from './types';
import type { Finding } from '../analysis/finding';
import { GROWTH_OF_NOTE, stillLoading, windowStart, type GcSteadyState } from '../analysis/gc/steady';

import { PROBLEM_THRESHOLD, REPORT_THRESHOLD } from './threshold';

export { PROBLEM_THRESHOLD, REPORT_THRESHOLD };

function notesFor(f: Facts): string[] {
  const notes: string[] = [];
  const st = f.gctrace?.gc.steady;
  if (st && unsettled(st))
    notes.push(
      `The live heap grew ${st.liveGrowth.toFixed(1)}× and had not levelled off when the ${st.durationSec.toFixed(1)} s GC log ended: a leak and a start-up still loading data look the same until it does. A log of a minute or more tells them apart.`,
    );
  if (f.gctrace && st && !st.judgeable)
    notes.push(
      `${st.cycles > 1 ? `The GC log covers ${st.cycles} cycles over ${st.durationSec.toFixed(2)} s ${windowStart(st)}` : `The GC log has just one cycle${st.minimumHeapCycles ? ' past the 4 MiB minimum heap' : ''}`}: too short to judge GC frequency or heap growth. A log of a minute or more of steady running can.`,
    );
  if (st?.warmupEndSec != null && st.warmupEndSec > 0) notes.push(`Warm-up: the live heap levelled off at ${st.warmupEndSec.toFixed(2)} s (cycle ${st.warmupEndCycle}); rates and trends are judged after it.`);
  if (f.foreign.length) notes.push(`${namesOf(f.foreign)}: ${f.foreign.length === 1 ? 'a profile' : 'profiles'} of a program not written in Go, left out of the diagnosis.`);
  if (f.dumps.length === 1) notes.push('One goroutine dump: growth (a leak) needs two dumps taken some time apart.');
  if (!f.coresUsed) notes.push(`No CPU profile${f.foreign.length ? ' of a Go program' : ''} or repeated /metrics scrapes: the CPU actually used is unknown.`);
  return notes;
}

/**
 * How the live heap went, for the healthy story, by the heap-leak cause's own
 * test (growth of note). A heap that swings by more than the warm-up test allows
 * never "levels off" by it, though it may not grow at all: that is said as such,
 * not as a heap that has not levelled off.
 */
function heapTrend(st: GcSteadyState): string {
  const log = `this ${st.durationSec.toFixed(1)} s log`;
  if (st.liveGrowth >= GROWTH_OF_NOTE) return st.warmupEndCycle === null ? ` that has not levelled off in ${log}` : '';
  if (st.warmupEndCycle !== null && (st.warmupEndSec ?? 0) > 0) return ' that holds steady after the warm-up';
  return st.liveGrowth <= 1.1 ? ` that did not grow over ${log}` : ` that grew only ${st.liveGrowth.toFixed(2)}× over ${log}`;
}

/** Input names for a sentence: "a.pb.gz", "a.pb.gz and b.pb.gz", "a, b and 3 more". */
function namesOf(srcs: readonly Src[]): string {
  const n = srcs.map((s) => s.name);
  if (n.length <= 2) return n.join(' and ');
  return `${n.slice(0, 2).join(', ')} and ${n.length - 2} more`;
}

/** A heap that grew and had not levelled off in a log too short to tell a leak from a start-up (the heap-leak cause's doubt). */
const unsettled = (st: GcSteadyState) => st.judgeable && stillLoading(st) && st.liveGrowth >= GROWTH_OF_NOTE;

const hasRuntimeData = (f: Facts) => !!(f.gctrace || f.sched || f.cpu || f.memProfiles.length || f.contention.length || f.dumps.length || f.goroutineProfiles.length || f.metrics.length || f.trace || f.leakProfile);

/** The inputs' warnings and criticals, criticals first: what a story without a cause must not call "nothing". */
function alarmsOf(inputs: readonly DiagnosisInput[]): Finding[] {
  const out = inputs.filter((i) => !i.error && !i.partial).flatMap((i) => (i.findings ?? []).filter((x) => x.severity !== 'info'));
  return out.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1));
}

/**
 * "one finding below is a warning (…)", "findings below are warnings (the
 * first: …)", or '' with none. No count past one: the report lists a fact
 * several inputs saw once (report/assemble.ts), which this layer does not see.
 */
function alarmsText(alarms: Finding[]): string {
  if (!alarms.length) return '';
  const crit = alarms.filter((a) => a.severity === 'critical').length;
  if (alarms.length === 1) return `one finding below is ${crit ? 'critical' : 'a warning'} (${alarms[0].title})`;
  return `findings below are ${crit === alarms.length ? 'critical' : crit ? 'critical or warnings' : 'warnings'} (the first: ${alarms[0].title})`;
}

/** " Not covered by this session: …" (what a cause would need and the session lacks), or ''. */
function notCovered(f: Facts): string {
  const unchecked: string[] = [];
  if (!f.coresUsed) unchecked.push('the CPU obtained (no CPU profile or repeated /metrics scrapes)');
  if (!f.gctrace?.gc.steady?.judgeable && !f.metrics.length) unchecked.push('heap growth and GC cost over time (no gctrace of a few seconds or more)');
  if (f.dumps.length + f.goroutineProfiles.length < 2 && !f.leakProfile) unchecked.push('goroutine growth (fewer than two goroutine dumps)');
  return unchecked.length ? ` Not covered by this session: ${unchecked.join('; ')}.` : '';
}

function story(causes: Cause[], f: Facts, verdict: Diagnosis['verdict'], notes: string[], alarms: Finding[], thin: boolean): string {
  if (verdict === 'problem') {
    const top = causes[0];
    const evidence = top.evidenceFor.slice(0, 3).map((e) => e.text).join('; ');
    const also = causes.slice(1).filter((c) => c.confidence >= PROBLEM_THRESHOLD).map((c) => c.title);
    return `${top.summary} ${top.change} Evidence: ${evidence}.${also.length ? ` Also likely: ${also.join('; ')}.` : ''}`;
  }
  if (verdict === 'insufficient') {
    // A critical finding that no known cause explains: the session shows the harm, not why.
    if (!thin && alarms.some((a) => a.severity === 'critical'))
      return `No known cause stands out, but ${alarmsText(alarms)}: this session shows the harm but not why, so the service is not called healthy.${notCovered(f)}`;
    // A finding that warns still stands when no known cause explains it.
    const lead = alarms.length ? `No known cause stands out, but ${alarmsText(alarms)}, and the data is too thin to call the service healthy.` : 'Nothing here points at a problem, but the data is too thin to call the service healthy.';
    return hasRuntimeData(f)
      ? `${lead} ${notes[0] ?? ''}`.trim()
      : f.foreign.length
        ? `${namesOf(f.foreign)} ${f.foreign.length === 1 ? 'is a profile' : 'are profiles'} of a program not written in Go (no function in Go's runtime or package main, no .go file). The diagnosis reads Go's runtime, its collector, heap, scheduler and locks, so it names no cause; the profile view still shows where the time or memory went.`
        : 'Nothing in this session is what the diagnosis reads (a gctrace or schedtrace log, CPU, heap, block or mutex profiles, goroutine dumps or profiles, /metrics scrapes or an execution trace), so it names no cause: only the configuration can be judged, and the findings below are those of the inputs alone.';
  }
  const facts: string[] = [];
  if (f.gomaxprocs) facts.push(`GOMAXPROCS ${f.gomaxprocs.value}${f.coresUsed ? ` with ${f.coresUsed.value.toFixed(2)} cores used` : ''}`);
  if (f.gcShare) facts.push(`GC at ${(f.gcShare.value * 100).toFixed(1)}% of the CPU used`);
  const st = f.gctrace?.gc.steady;
  const heapNote = st?.judgeable ? heapTrend(st) : '';
  if (f.liveHeap) facts.push(`a live heap of ${Math.round(f.liveHeap.value / 1048576)} MiB${heapNote}`);
  const limits = notCovered(f);
  const below = alarms.length ? ` Still, ${alarmsText(alarms)}: read ${alarms.length === 1 ? 'it' : 'them'}.` : ' The findings below are information, not problems.';
  return `Healthy: none of the known causes (GOMAXPROCS above the CPU, a memory limit below the live heap, leaks, GC pressure, lock contention, blocked threads, CPU saturation) stands out${facts.length ? `: ${facts.join(', ')}` : ''}.${below}${limits}`;
}

export function diagnose(inputs: readonly DiagnosisInput[]): Diagnosis {
  const f = gatherFacts(inputs);
  const causes = CAUSES.map((r) => r.evaluate(f))
    .filter((c): c is Cause => c !== null && c.confidence >= REPORT_THRESHOLD)
    .sort((a, b) => b.confidence - a.confidence);
  const notes = notesFor(f);
  const st = f.gctrace?.gc.steady;
  // Too thin to call healthy: no runtime data, a GC log too short with nothing beside it, or a heap not yet levelled off.
  const thin = !hasRuntimeData(f) || (!!st && !st.judgeable && !f.cpu && !f.sched && !f.metrics.length && f.dumps.length < 2) || (!!st && unsettled(st));
  const alarms = alarmsOf(inputs);
  // "Healthy" beside a critical finding contradicts it: with no cause to name, the verdict is that the session cannot tell.
  const critical = alarms.some((a) => a.severity === 'critical');
  const verdict: Diagnosis['verdict'] = causes[0]?.confidence >= PROBLEM_THRESHOLD ? 'problem' : thin || critical ? 'insufficient' : 'healthy';
  return {
    verdict,
    story: story(causes, f, verdict, notes, alarms, thin),
    settings: settingsInForce(f),
    resources: resourcesObtained(f),
    causes,
    notes,
  };
}
