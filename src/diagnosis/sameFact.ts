// One finding per fact in a session. Several inputs of one run often see the
// same thing: a 20 ms stop-the-world is in gctrace, in /metrics'
// go_gc_duration_seconds, in /debug/vars' PauseNs ring and in the execution
// trace; two allocation profiles name the same hot function. Listed four times
// it reads as four problems. Here each such group becomes one finding (the most
// severe, the first input on a tie) that names the other inputs that saw it.

import type { Finding } from '../analysis/finding';

/** Rules of different input kinds that state the same fact about the run. */
const SAME_FACT: Record<string, string> = {
  'gc.long-pause': 'long stop-the-world',
  'metrics.long-pause': 'long stop-the-world',
  'trace.long-stw': 'long stop-the-world',
  'gc.frequent': 'frequent GC',
  'metrics.gc-frequency': 'frequent GC',
  'trace.gc-frequent': 'frequent GC',
  'gc.assists': 'GC assists',
  'trace.assists': 'GC assists',
  'metrics.sched-latency': 'scheduling latency',
  'trace.sched-latency': 'scheduling latency',
  'config.gomemlimit.missing': 'no GOMEMLIMIT',
  'metrics.no-gomemlimit': 'no GOMEMLIMIT',
};

/** Another input's finding of the same fact, kept beside the one shown. */
export interface AlsoSeen {
  input?: string;
  title: string;
  severity: Finding['severity'];
}

export type SessionFinding = Finding & { also?: AlsoSeen[] };

const RANK: Record<Finding['severity'], number> = { critical: 0, warning: 1, info: 2 };

/** The fact a finding states: its group for rules listed above, else its rule and subject or title (the same finding from two inputs). */
function factOf(f: Finding): string {
  return SAME_FACT[f.rule] ?? `${f.rule}\u0000${f.subject ?? f.title}`;
}

/**
 * Findings of a session (each with its input), most severe first, one per
 * fact: the others of its group are folded into `also` (the first input's is
 * shown on a tie, but for one subject, where the last input's newer figure is). Findings of one input
 * are never folded together (an input's own findings are distinct by design).
 */
export function oneFindingPerFact(findings: Finding[]): SessionFinding[] {
  const sorted = [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const kept = new Map<string, SessionFinding>();
  const out: SessionFinding[] = [];
  for (const f of sorted) {
    const key = factOf(f);
    const head = kept.get(key);
    if (head && head.input !== f.input && !head.also?.some((a) => a.input === f.input)) {
      if (f.subject !== undefined && f.severity === head.severity) {
        // One subject in several inputs (a leak suspect in two dumps): the later input, the newer figure, is the one shown.
        const { also = [], ...was } = head;
        const next: SessionFinding = { ...f, also: [...also, { input: was.input, title: was.title, severity: was.severity }] };
        out[out.indexOf(head)] = next;
        kept.set(key, next);
        continue;
      }
      (head.also ??= []).push({ input: f.input, title: f.title, severity: f.severity });
      continue;
    }
    const copy: SessionFinding = { ...f };
    if (!head) kept.set(key, copy);
    out.push(copy);
  }
  return out;
}
