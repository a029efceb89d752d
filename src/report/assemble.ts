// Input reports → the session report: schema tag, inputs in order, and all
// findings ranked most severe first (those another input answers say the answer;
// one per fact: inputs that saw the same thing are named on one finding), and
// the session diagnosis over them.

import { REPORT_SCHEMA, type Finding, type InputReport, type Report } from './schema';
import { version } from '../../package.json';
import { diagnose } from '../diagnosis/diagnose';
import { oneFindingPerFact } from '../diagnosis/sameFact';
import { answerAcrossInputs } from '../diagnosis/answered';

export function assembleReport(inputs: InputReport[], createdAt: Date = new Date()): Report {
  const findings: Finding[] = [];
  for (const inp of inputs) for (const f of inp.findings ?? []) findings.push({ ...f, input: inp.id });
  return {
    schema: REPORT_SCHEMA,
    generator: `gotune ${version}`,
    createdAt: createdAt.toISOString(),
    inputs,
    findings: oneFindingPerFact(answerAcrossInputs(findings, inputs)),
    diagnosis: diagnose(inputs),
  };
}
