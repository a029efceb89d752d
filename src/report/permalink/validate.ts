// Shape check of a decoded link: the envelope, the report's outer shape and
// every finding exactly; analyses only as "an object" (each view is rendered
// inside an error boundary, so a damaged analysis loses its section, not the page).

import { REPORT_SCHEMA } from '../schema';
import { isObject } from './json';
import { LINK_MAX_INPUTS, LINK_VERSION, type SharedReport } from './types';

const SEVERITIES = new Set(['critical', 'warning', 'info']);
const REDACT_KEYS = ['names', 'labels', 'files', 'cmdline'] as const;
/** InputReport fields that are not analyses. */
const PLAIN = new Set(['id', 'name', 'kind', 'bytes', 'decompressedBytes', 'error', 'warnings', 'parseMs', 'findings']);

const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const strList = (v: unknown) => Array.isArray(v) && v.every(isStr);

function checkFinding(f: unknown, where: string): string | undefined {
  if (!isObject(f)) return `${where} is not an object`;
  if (!isStr(f.rule) || !isStr(f.title) || !isStr(f.detail)) return `${where} lacks its rule, title or detail`;
  if (!isStr(f.severity) || !SEVERITIES.has(f.severity)) return `${where} has an unknown severity`;
  if (!strList(f.evidence)) return `${where} has no list of evidence`;
  if (f.input !== undefined && !isStr(f.input)) return `${where} names its input wrongly`;
  if (f.anchor !== undefined && (!isObject(f.anchor) || !isStr(f.anchor.analysis))) return `${where} has a broken anchor`;
  return undefined;
}

/**
 * Undefined when `inp` has an input report's shape (id, name, kind, size,
 * error, warnings, findings exactly; analyses as objects); else what is wrong,
 * starting with `where`. Links and stored sessions are both checked with it.
 */
export function checkInputReport(inp: unknown, where: string): string | undefined {
  if (!isObject(inp)) return `${where} is not an object`;
  if (!isStr(inp.id) || !isStr(inp.name) || !isStr(inp.kind) || !isNum(inp.bytes)) return `${where} lacks its id, name, kind or size`;
  if (inp.error !== undefined && !isStr(inp.error)) return `${where} has a broken error`;
  if (inp.warnings !== undefined && !strList(inp.warnings)) return `${where} has broken warnings`;
  if (inp.decompressedBytes !== undefined && !isNum(inp.decompressedBytes)) return `${where} has a broken size`;
  if (inp.parseMs !== undefined && !isNum(inp.parseMs)) return `${where} has a broken time`;
  if (inp.findings !== undefined) {
    if (!Array.isArray(inp.findings)) return `${where} has broken findings`;
    for (const [j, f] of inp.findings.entries()) {
      const e = checkFinding(f, `${where}, finding ${j + 1}`);
      if (e) return e;
    }
  }
  for (const [k, a] of Object.entries(inp)) if (!PLAIN.has(k) && !isObject(a)) return `${where}: the ${k} analysis is not an object`;
  return undefined;
}

/** Undefined when the value is a SharedReport of this link version; else what is wrong. */
export function checkShared(v: unknown): string | undefined {
  if (!isObject(v)) return 'the content is not a report';
  if (v.v !== LINK_VERSION) return `the content says link version ${String(v.v)}`;
  if (!isStr(v.name)) return 'the session name is missing';
  if (!strList(v.dropped)) return 'the list of what was dropped is missing';
  if (!isObject(v.redacted) || !REDACT_KEYS.every((k) => typeof (v.redacted as Record<string, unknown>)[k] === 'boolean')) return 'the redaction record is missing';
  if (v.wizard !== undefined && !isStr(v.wizard)) return 'the wizard settings are not text';
  const r = v.report;
  if (!isObject(r)) return 'there is no report in it';
  if (r.schema !== REPORT_SCHEMA) return `the report schema is ${JSON.stringify(r.schema)}, this gotune reads ${REPORT_SCHEMA}`;
  if (!isStr(r.generator) || !isStr(r.createdAt)) return 'the report lacks its generator or date';
  if (!Array.isArray(r.inputs) || !Array.isArray(r.findings)) return 'the report lacks its inputs or findings';
  if (r.inputs.length > LINK_MAX_INPUTS) return `the report has ${r.inputs.length} inputs, more than the ${LINK_MAX_INPUTS} a gotune link carries`;
  const ids = new Set<string>();
  for (const [i, inp] of r.inputs.entries()) {
    const where = `input ${i + 1}`;
    const e = checkInputReport(inp, where);
    if (e) return e;
    const id = (inp as { id: string }).id;
    if (ids.has(id)) return `${where} repeats the id ${id}`;
    ids.add(id);
  }
  for (const [j, f] of r.findings.entries()) {
    const e = checkFinding(f, `finding ${j + 1}`);
    if (e) return e;
  }
  return undefined;
}

export const asShared = (v: unknown) => v as SharedReport;
