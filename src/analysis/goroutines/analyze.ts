// From a parsed dump to the report's `goroutines` analysis and its findings.

import type { GoroutineDump } from '../../formats/goroutines/model';
import { ALWAYS_SUSPICIOUS_STATES, LEAK_PRONE_STATES } from '../../formats/goroutines/states';
import type { Finding } from '../finding';
import { diagnoseGroup } from './diagnose';
import { groupGoroutines, toStackFrame, topFrame } from './group';
import type { CrashInfo, GoroutineGroup, GoroutinesAnalysis, LeakSuspect } from './types';

const MAX_GROUPS = 500;
const MAX_SUSPECTS = 10;

export interface GoroutinesResult {
  analysis: GoroutinesAnalysis;
  findings: Finding[];
}

export function analyzeGoroutines(dump: GoroutineDump): GoroutinesResult {
  const all = groupGoroutines(dump);
  let total = 0;
  let maxWait = 0;
  let locked = 0;
  const states = new Map<string, number>();
  for (const g of dump.goroutines) {
    total += g.count;
    if (g.waitMinutes > maxWait) maxWait = g.waitMinutes;
    if (g.lockedToThread) locked += g.count;
    states.set(g.state, (states.get(g.state) ?? 0) + g.count);
  }
  const groups = all.slice(0, MAX_GROUPS);
  const analysis: GoroutinesAnalysis = {
    style: dump.style,
    total,
    truncated: dump.truncated,
    groupCount: all.length,
    groups,
    states: [...states.entries()].map(([state, count]) => ({ state, count })).sort((a, b) => b.count - a.count),
    leakSuspects: rankSuspects(groups, total),
    maxWaitMinutes: maxWait,
    lockedToThread: locked,
  };
  if (all.length > MAX_GROUPS) {
    analysis.otherGroups = { groups: all.length - MAX_GROUPS, goroutines: all.slice(MAX_GROUPS).reduce((s, g) => s + g.count, 0) };
  }
  if (dump.leakProfile) {
    const proven = groups.filter((g) => (g.leaked ?? 0) > 0);
    analysis.leakDetection = { leaked: all.reduce((s, g) => s + (g.leaked ?? 0), 0), groups: proven.map((g) => g.index) };
  }
  if (dump.reportedTotal !== undefined) analysis.reportedTotal = dump.reportedTotal;
  if (dump.crash) analysis.crash = crashInfo(dump, groups);
  return { analysis, findings: goroutineFindings(analysis) };
}

/** Leak suspects, most suspicious first (§4.5 of the format notes). */
export function rankSuspects(groups: GoroutineGroup[], total: number): LeakSuspect[] {
  const out: LeakSuspect[] = [];
  for (const g of groups) {
    if (g.background || (g.leaked ?? 0) > 0) continue;
    const always = ALWAYS_SUSPICIOUS_STATES.has(g.state);
    const diagnosis = diagnoseGroup(g);
    const share = total > 0 ? g.count / total : 0;
    const proneState = LEAK_PRONE_STATES.has(g.state) || (g.stateInferred !== true && g.state === 'unknown');
    const big = g.count >= 10 || (share >= 0.1 && g.count >= 3);
    const old = g.maxWaitMinutes >= 10;
    const connRule = diagnosis?.rule === 'goroutines.http-client-conns' || diagnosis?.rule === 'goroutines.http-server-idle' || diagnosis?.rule === 'goroutines.sql-pool-exhausted';
    if (!always && !(proneState && (big || old)) && !(connRule && g.count >= 5)) continue;
    const score = g.count * (1 + Math.min(g.maxWaitMinutes, 120) / 30) * (always ? 4 : 1);
    const parts = [`${g.count} goroutine${g.count === 1 ? '' : 's'} (${(share * 100).toFixed(share < 0.01 ? 2 : 0)}% of ${total}) ${stateText(g.state)}`];
    if (g.maxWaitMinutes > 0) parts.push(`waiting up to ${g.maxWaitMinutes} minute${g.maxWaitMinutes === 1 ? '' : 's'}`);
    if (g.createdBy) parts.push(`all started by ${g.createdBy}`);
    const s: LeakSuspect = {
      group: g.index,
      count: g.count,
      state: g.state,
      function: g.function,
      location: g.location,
      maxWaitMinutes: g.maxWaitMinutes,
      share,
      score: Math.round(score * 100) / 100,
      reason: parts.join(', ') + '.',
    };
    if (g.createdBy) s.createdBy = g.createdBy;
    if (diagnosis) s.diagnosis = diagnosis;
    out.push(s);
  }
  out.sort((a, b) => b.score - a.score || b.count - a.count);
  return out.slice(0, MAX_SUSPECTS);
}

function crashInfo(dump: GoroutineDump, groups: GoroutineGroup[]): CrashInfo {
  const c = dump.crash!;
  const info: CrashInfo = { kind: c.kind, message: c.message, detail: c.detail };
  if (c.recovered) info.recovered = true;
  if (dump.runtimeStack) info.runtimeStack = dump.runtimeStack.map((i) => toStackFrame(dump.frames[i]));
  if (c.goroutineId === undefined) return info;
  info.goroutineId = c.goroutineId;
  const g = dump.goroutines.find((x) => x.id === c.goroutineId);
  if (!g) return info;
  const stack = g.frames.map((i) => toStackFrame(dump.frames[i]));
  const top = topFrame(stack);
  info.stack = stack;
  if (top) {
    info.function = top.func;
    info.location = `${top.file}:${top.line}`;
  }
  const grp = groups.find((x) => x.ids.includes(g.id));
  if (grp) info.group = grp.index;
  return info;
}

/** "in chan send", or a note that debug=1 dumps do not record states. */
export function stateText(state: string): string {
  return state === 'unknown' ? 'in the same stack (debug=1 dumps record no wait state)' : `in ${state}`;
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** States a goroutine cannot leave by itself, whatever the program does next. */
const STUCK_RULES = new Set(['goroutines.abandoned-send', 'goroutines.nil-channel', 'goroutines.empty-select', 'goroutines.waitgroup', 'goroutines.sql-pool-exhausted']);

/**
 * One dump shows how many goroutines wait, not whether they accumulate: a worker
 * pool in select, keep-alive connections and pollers look the same as a leak.
 * Warnings need a stack that cannot finish by itself, or long waits; critical
 * needs both numbers and waits of an hour.
 */
function suspectSeverity(s: GoroutinesAnalysis['leakSuspects'][number]): Finding['severity'] {
  if (s.count >= 10000 || (s.maxWaitMinutes >= 60 && s.count >= 100)) return 'critical';
  const stuck = s.diagnosis !== undefined && STUCK_RULES.has(s.diagnosis.rule);
  if ((stuck && s.count >= 100) || (s.maxWaitMinutes >= 10 && s.count >= 50) || s.count >= 5000) return 'warning';
  return 'info';
}

export function goroutineFindings(a: GoroutinesAnalysis): Finding[] {
  const out: Finding[] = [];
  const c = a.crash;
  if (c) {
    const where = c.function ? ` in ${c.function} (${c.location})` : '';
    const ev = [`message: ${c.message}`, ...c.detail.slice(0, 5)];
    if (c.goroutineId !== undefined) ev.push(`goroutine ${c.goroutineId}${where}`);
    if (c.kind === 'fatal' && /all goroutines are asleep/.test(c.message)) {
      const blocked = a.groups.filter((g) => g.state !== 'running').slice(0, 4);
      out.push({
        rule: 'goroutines.deadlock',
        severity: 'critical',
        title: 'The runtime detected a deadlock: every goroutine is blocked',
        detail: 'No goroutine can make progress, so the runtime stopped the program. The groups below wait on each other; look for a lock that is never released or a channel nobody sends on.',
        evidence: [...ev, ...blocked.map((g) => `${plural(g.count, 'goroutine')} in ${g.state} at ${g.function} (${g.location})`)],
        anchor: { analysis: 'goroutines', chart: 'crash' },
      });
    } else if (c.kind === 'test-timeout') {
      out.push({
        rule: 'goroutines.test-timeout',
        severity: 'critical',
        title: `A test hung: ${c.message}`,
        detail: 'go test killed the binary after its -timeout and printed every goroutine. The running test is listed below; its goroutines show what it waits for.',
        evidence: ev,
        anchor: { analysis: 'goroutines', chart: 'crash' },
      });
    } else if (c.kind === 'signal') {
      out.push({
        rule: 'goroutines.signal-dump',
        severity: 'info',
        title: `Dump written on ${c.message.split(':')[0]}`,
        detail: 'The process printed all goroutines because it received a signal (kill -QUIT or a crash signal).',
        evidence: ev,
        anchor: { analysis: 'goroutines', chart: 'crash' },
      });
    } else {
      out.push({
        rule: c.kind === 'fatal' ? 'goroutines.fatal-error' : 'goroutines.panic',
        severity: 'critical',
        title: c.kind === 'fatal' ? `Fatal runtime error: ${c.message}` : `The process panicked${where}: ${c.message}`,
        detail:
          c.kind === 'fatal'
            ? 'A fatal error cannot be recovered. The goroutine that hit it is shown first.'
            : 'An unrecovered panic in any goroutine ends the whole process. Its goroutine is shown first; recover in the goroutine that panics or fix the cause.',
        evidence: ev,
        anchor: { analysis: 'goroutines', chart: 'crash' },
      });
    }
  }
  const ld = a.leakDetection;
  if (ld && ld.leaked === 0) {
    out.push({
      rule: 'goroutines.no-leak',
      severity: 'info',
      title: 'The runtime found no leaked goroutine',
      detail: 'This is a goroutine leak profile: the garbage collector checked which blocked goroutines can never be woken and found none at this moment. Blocked goroutines can still pile up for other reasons; compare dumps over time.',
      evidence: [a.style === 'debug1' ? `goroutineleak profile: total ${a.reportedTotal ?? 0}` : `${plural(a.total, 'goroutine')} in the dump, none marked (leaked)`],
      anchor: { analysis: 'goroutines', chart: 'groups' },
    });
  }
  for (const gi of ld?.groups.slice(0, 5) ?? []) {
    const g = a.groups[gi];
    const n = g.leaked ?? 0;
    const ev = [`${plural(n, 'goroutine')}${g.state === 'unknown' ? '' : ` in ${g.state}`}, blocked for good at ${g.function} (${g.location})`];
    if (g.createdBy) ev.push(`created by ${g.createdBy}${g.createdAt ? ` at ${g.createdAt}` : ''}`);
    if (g.labels) ev.push(`labels ${Object.entries(g.labels).map(([k, v]) => `${k}=${v}`).join(', ')}`);
    ev.push(a.style === 'debug1' ? 'listed by the goroutineleak profile' : 'marked (leaked) by the runtime');
    out.push({
      rule: 'goroutines.proven-leak',
      severity: 'critical',
      title: `Proven leak: ${plural(n, 'goroutine')} can never run again (${g.function})`,
      detail: 'The garbage collector proved these goroutines blocked on something no running goroutine can reach (Go’s goroutine leak detection), so they and everything they reference stay in memory for the life of the process. Give the channel a receiver or a buffer, close it, or select on a context.',
      evidence: ev,
      anchor: { analysis: 'goroutines', chart: 'suspects', index: g.index },
    });
  }
  for (const s of a.leakSuspects.slice(0, 3)) {
    const severity = suspectSeverity(s);
    const ev = [s.reason, `waiting at ${s.function} (${s.location})`];
    const g = a.groups[s.group];
    if (g?.createdAt) ev.push(`created at ${g.createdAt}`);
    // After the runtime's leak detection, an unmarked group is reachable from running code: still worth a look, not a leak it proved.
    if (ld) ev.push('not marked (leaked) by the runtime: something still running can reach what they wait on');
    out.push({
      rule: s.diagnosis?.rule ?? 'goroutines.leak-suspect',
      severity: ld ? 'info' : severity,
      title: ld
        ? `Blocked, not proven leaked: ${plural(s.count, 'goroutine')} ${s.diagnosis ? `— ${s.diagnosis.title}` : stateText(s.state)} (${s.function})`
        : severity === 'info'
          ? `${plural(s.count, 'goroutine')} wait at the same place (${s.function}), ${stateText(s.state)}: a leak only if the count grows between dumps`
          : `Leak suspect: ${plural(s.count, 'goroutine')} ${s.diagnosis ? `— ${s.diagnosis.title}` : stateText(s.state)} (${s.function})`,
      detail:
        ld || severity !== 'info'
          ? (s.diagnosis?.advice ?? 'Many goroutines wait at the same place; if the count grows between dumps, they leak.')
          : `One dump cannot tell a leak from a pool, a set of keep-alive connections or pollers that wait by design. Take a second dump later: if this stack grows, ${s.diagnosis ? `it is likely ${s.diagnosis.title}. ${s.diagnosis.advice}` : 'it leaks.'}`,
      evidence: ev,
      anchor: { analysis: 'goroutines', chart: 'suspects', index: s.group },
      subject: s.function,
    });
  }
  if (a.lockedToThread > 0) {
    out.push({
      rule: 'goroutines.locked-threads',
      severity: 'info',
      title: `${plural(a.lockedToThread, 'goroutine is', 'goroutines are')} locked to an OS thread`,
      detail: 'runtime.LockOSThread pins a goroutine to its thread; each one holds an OS thread (cgo, GUI or namespace code). Many of them raise the thread count.',
      evidence: a.groups.filter((g) => g.lockedToThread > 0).slice(0, 3).map((g) => `${g.lockedToThread} at ${g.function} (${g.location}), ${g.state}`),
      anchor: { analysis: 'goroutines', chart: 'groups' },
    });
  }
  if (a.truncated) {
    out.push({
      rule: 'goroutines.truncated',
      severity: 'info',
      title: 'The dump is incomplete',
      detail: 'The text ends in the middle of a goroutine (or the records add up to less than the header total). Counts cover only what is there; /debug/pprof/goroutine?debug=2 is cut at 64 MiB, use debug=1 for big processes.',
      evidence: [`${a.total} goroutines read${a.reportedTotal !== undefined ? `, header says ${a.reportedTotal}` : ''}`],
    });
  }
  return out;
}
