// What a shared report holds, in a few lines per input, for the preview.

import type { SharedReport } from '../../report/permalink/types';

const PLAIN = new Set(['id', 'name', 'kind', 'bytes', 'decompressedBytes', 'error', 'warnings', 'parseMs', 'findings']);

export interface InputSummary {
  name: string;
  kind: string;
  analyses: string[];
  findings: number;
  error?: string;
}

export function summarise(shared: SharedReport): InputSummary[] {
  return shared.report.inputs.map((i) => ({
    // A redacted name already says its kind ("input 1 (godebug)"): the preview does not say it twice.
    name: i.name.endsWith(` (${i.kind})`) ? i.name.slice(0, -` (${i.kind})`.length) : i.name,
    kind: i.kind,
    analyses: Object.keys(i).filter((k) => !PLAIN.has(k)),
    findings: i.findings?.length ?? 0,
    ...(i.error ? { error: i.error } : {}),
  }));
}
