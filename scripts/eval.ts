// `npm run eval`: the session diagnosis over every labelled scenario in
// tests/fixtures/scenarios. Prints the confusion table (label × diagnosed
// primary cause), the warnings/criticals each session shows (one per fact)
// against those its inputs raise alone, and those raised on healthy runs.
// Then the GC logs of the what-if runs, labelled by the settings each run
// reports: a run with GOMEMLIMIT set must have the memory limit as its first
// cause, a run without one must not have it named at all.
// Exit 1 when a scenario is misdiagnosed, a healthy run has a false alarm, or
// a what-if run's limit is missed or made up.

import { QUIET_LABELS, scenarioLabel, scenarioNames, scenarioReport } from './scenarios';
import { whatifReport, whatifRuns } from './whatifRuns';

const names = scenarioNames();
const rows: { name: string; label: string; got: string; confidence: number; others: string; shown: number; raised: number }[] = [];
const falseAlarms: string[] = [];
for (const name of names) {
  const label = scenarioLabel(name);
  const r = scenarioReport(name);
  const d = r.diagnosis!;
  const got = d.verdict === 'problem' ? d.causes[0].id : d.verdict;
  // Warnings and criticals on the page (one per fact) against those the inputs raised alone.
  const loud = (s: string) => s !== 'info';
  const shown = r.findings.filter((f) => loud(f.severity)).length;
  const raised = r.inputs.reduce((n, i) => n + (i.findings ?? []).filter((f) => loud(f.severity)).length, 0);
  rows.push({ name, label, got, confidence: d.causes[0]?.confidence ?? 0, others: d.causes.slice(1).map((c) => `${c.id} ${c.confidence}`).join(', '), shown, raised });
  if (QUIET_LABELS.includes(label)) {
    for (const f of r.findings) if (f.severity !== 'info') falseAlarms.push(`${name}: ${f.severity} ${f.rule} (${r.inputs.find((i) => i.id === f.input)?.name}): ${f.title}`);
    for (const c of d.causes) if (c.confidence >= 0.5) falseAlarms.push(`${name}: diagnosis ${c.id} ${c.confidence}`);
  }
}

const labels = [...new Set(rows.map((r) => r.label))].sort();
const gots = [...new Set([...labels, ...rows.map((r) => r.got)])].sort();
const w = Math.max(...labels.map((l) => l.length), 'label \\ diagnosed'.length);
console.log('Per scenario:');
for (const r of rows) console.log(`  ${r.got === r.label ? 'ok  ' : 'MISS'} ${r.name.padEnd(22)} label ${r.label.padEnd(22)} diagnosed ${r.got} ${r.confidence ? `(${r.confidence})` : ''}${r.others ? `; also ${r.others}` : ''}; warnings+criticals shown ${r.shown} (inputs alone: ${r.raised})`);
console.log('\nConfusion table (rows: label, columns: diagnosed primary cause):');
console.log(`${'label \\ diagnosed'.padEnd(w)} ${gots.join(' ')}`);
for (const l of labels) console.log(`${l.padEnd(w)} ${gots.map((g) => String(rows.filter((r) => r.label === l && r.got === g).length || '.').padStart(g.length)).join(' ')}`);
const right = rows.filter((r) => r.got === r.label).length;
console.log(`\n${right}/${rows.length} scenarios diagnosed as labelled.`);
console.log(`False alarms on healthy runs (labelled ${QUIET_LABELS.join(' or ')}; warning/critical findings, causes ≥ 0.5): ${falseAlarms.length}`);
for (const a of falseAlarms) console.log(`  ${a}`);

// The what-if runs: one GC log each, at known settings.
console.log('\nGC logs of the what-if runs (label: GOMEMLIMIT set or not, from the run itself):');
let limitRight = 0;
const runs = whatifRuns();
for (const w of runs) {
  const d = whatifReport(w.run).diagnosis!;
  const top = d.verdict === 'problem' ? d.causes[0].id : d.verdict;
  const named = d.causes.some((c) => c.id === 'memlimit-below-live' && c.confidence >= 0.5);
  const ok = w.gomemlimitEnv ? top === 'memlimit-below-live' : !named;
  if (ok) limitRight++;
  console.log(`  ${ok ? 'ok  ' : 'MISS'} ${w.run.padEnd(36)} GOGC=${w.gogcEnv || '(default)'} GOMEMLIMIT=${w.gomemlimitEnv || '(unset)'} → ${top}${d.causes[0] ? ` (${d.causes[0].confidence})` : ''}`);
}
console.log(`${limitRight}/${runs.length} what-if runs: the memory limit named first where one was set, and nowhere else.`);
process.exitCode = right === rows.length && falseAlarms.length === 0 && limitRight === runs.length ? 0 : 1;
