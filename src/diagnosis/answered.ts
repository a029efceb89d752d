// Questions one input leaves open that another input of the session answers.
// A goroutine dump alone cannot tell a leak from a pool ("a leak only if the
// count grows between dumps"), but a session with a second dump can; a
// Deployment cannot tell whether Go follows its CPU limit, but the process's
// own GOMAXPROCS (/metrics, schedtrace, gctrace, an execution trace) can. Such
// findings are rewritten to say the answer, before findings are folded per fact.

import type { Finding } from '../analysis/finding';
import { compareDumps, differentPrograms, grewLikeALeak } from '../analysis/goroutines/compare';
import type { GoroutinesAnalysis } from '../analysis/goroutines/types';
import { stateText } from '../analysis/goroutines/analyze';
import { gatherFacts, type DiagnosisInput } from './facts';

export function answerAcrossInputs(findings: Finding[], inputs: readonly DiagnosisInput[]): Finding[] {
  const dumps = inputs.filter((i): i is DiagnosisInput & { goroutines: GoroutinesAnalysis } => !i.error && !i.partial && !!i.goroutines && !i.goroutines.leakDetection);
  const first = dumps[0];
  const last = dumps[dumps.length - 1];
  const cmp = dumps.length >= 2 && !differentPrograms(first.goroutines, last.goroutines) ? compareDumps(first.goroutines, last.goroutines) : undefined;
  const facts = findings.some((f) => f.rule === 'config.gomaxprocs.not-container-aware') ? gatherFacts(inputs) : undefined;
  return findings.map((f) => {
    // A stack many goroutines wait in, in one dump: the other dumps say whether it grows.
    if (cmp && f.subject && f.severity === 'info' && f.anchor?.analysis === 'goroutines' && f.anchor.chart === 'suspects' && f.anchor.index !== undefined) {
      const own = dumps.find((d) => d.id === f.input)?.goroutines.groups[f.anchor.index];
      const row = own && cmp.groups.find((r) => r.matchKey === own.matchKey);
      // As many or fewer in the later dump: not growing. A rise keeps the question open for later dumps (the
      // goroutine-leak cause reads a large one as a leak, and the finding is left as it was).
      if (!row || row.uncertain || grewLikeALeak(row.before, row.after)) return f;
      const counts = `${row.after} goroutine${row.after === 1 ? '' : 's'} wait at the same place (${row.function}), ${stateText(row.state)}: ${row.before} in ${first.name}, ${row.after} in ${last.name}`;
      return row.after <= row.before
        ? { ...f, title: `${counts}, not growing`, detail: `A second dump answers what one dump leaves open: this stack does not grow between ${first.name} and ${last.name}, as a pool, keep-alive connections or pollers that wait by design do not. Not a leak.` }
        : { ...f, title: `${counts}: a leak only if it keeps growing in later dumps`, detail: `The stack grew by ${row.after - row.before} between the dumps, less than a leak of this size shows. A third dump some minutes later tells a slow leak from a count that moves with the load.` };
    }
    // A CPU limit Go may or may not follow: the process says what GOMAXPROCS it runs with.
    if (f.rule === 'config.gomaxprocs.not-container-aware' && facts?.gomaxprocs?.how === 'seen' && facts.cpuLimit) {
      const g = facts.gomaxprocs;
      const most = Math.max(2, Math.ceil(facts.cpuLimit.value - 1e-9));
      if (g.value > most) return f;
      return {
        ...f,
        title: `CPU limit ${facts.cpuLimit.value}: the process runs with GOMAXPROCS ${g.value} (${g.what} in ${g.src.name}), within it`,
        detail: 'The process itself reports a GOMAXPROCS no higher than the CPU limit (rounded up, and at least 2, as Go 1.25+ picks it): whether Go followed the limit or it was set, nothing needs changing here.',
      };
    }
    return f;
  });
}
