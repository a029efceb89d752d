// YAML output with a Why per line: the document is written by the `yaml`
// package, then parsed back with source ranges so each line can be matched to
// the most specific key (path) that has a reason attached.

import { Document, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { EmittedLine, Why } from '../types';
import { lineFinder } from '../../lib/lineFinder';

/** A path into the document: keys and sequence indexes, joined with "." ("env.0.value"). */
export type YamlPath = string;

export interface YamlAnnotations {
  /** Reasons by path; a line takes the reason of the deepest annotated path that covers it. */
  whys: Map<YamlPath, Why>;
  /** Short trailing comments by path (written after the value). */
  comments?: Map<YamlPath, string>;
  /** A comment block at the top of the document. */
  header?: string;
  /** Reason for lines no path covers (the header comment). */
  documentWhy?: Why;
}

interface Span {
  path: string;
  start: number;
  end: number;
}

function collect(node: unknown, path: string[], out: Span[]): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const p = [...path, String(pair.key.value)];
      const start = pair.key.range?.[0];
      const valueNode = pair.value as Node | null;
      const end = valueNode?.range?.[1] ?? pair.key.range?.[1];
      if (start !== undefined && end !== undefined) out.push({ path: p.join('.'), start, end });
      collect(pair.value, p, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const p = [...path, String(i)];
      const r = (item as Node).range;
      if (r) out.push({ path: p.join('.'), start: r[0], end: r[1] });
      collect(item, p, out);
    });
  }
}

/** Write `value` as YAML and attach reasons to its lines. */
export function emitYaml(value: unknown, ann: YamlAnnotations): { text: string; lines: EmittedLine[] } {
  const doc = new Document(value);
  for (const [path, comment] of ann.comments ?? []) {
    const node = doc.getIn(path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)), true) as Node | undefined;
    if (node) node.comment = ` ${comment}`;
  }
  if (ann.header) doc.commentBefore = ann.header.split('\n').map((l) => ` ${l}`).join('\n');
  const text = doc.toString({ lineWidth: 0 });
  const parsed = parseDocument(text);
  const spans: Span[] = [];
  collect(parsed.contents, [], spans);
  const lineOf = lineFinder(text);
  const rawLines = text.replace(/\n$/, '').split('\n');
  const best: { depth: number; why?: Why }[] = rawLines.map(() => ({ depth: -1 }));
  for (const span of spans) {
    const w = ann.whys.get(span.path);
    if (!w) continue;
    const depth = span.path.split('.').length;
    const first = lineOf(span.start) - 1;
    const last = lineOf(Math.max(span.start, span.end - 1)) - 1;
    for (let l = first; l <= last && l < best.length; l++) {
      if (depth > best[l].depth) best[l] = { depth, why: w };
    }
  }
  return {
    text,
    lines: rawLines.map((t, i) => {
      const w = best[i].why ?? (t.trim() ? ann.documentWhy : undefined);
      return w ? { text: t, why: w } : { text: t };
    }),
  };
}
