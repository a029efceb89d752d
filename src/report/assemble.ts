// Input reports → the session report: schema tag, inputs in order, and all
// findings ranked most severe first, and the session diagnosis over them.

import { REPORT_SCHEMA, type Finding, type InputReport, type Report } from './schema';
import { version } from '../../package.json';
import { diagnose } from '../diagnosis/diagnose';

const RANK: Record<Finding['severity'], number> = { critical: 0, warning: 1, info: 2 };

export function assembleReport(inputs: InputReport[], createdAt: Date = new Date()): Report {
  const findings: Finding[] = [];
  for (const inp of inputs) for (const f of inp.findings ?? []) findings.push({ ...f, input: inp.id });
  findings.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  return {
    schema: REPORT_SCHEMA,
    generator: `gotune ${version}`,
    createdAt: createdAt.toISOString(),
    inputs,
    findings,
    diagnosis: diagnose(inputs),
  };
}
