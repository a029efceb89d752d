// What every cause rule shares: its signature, and evidence rows that point at
// the input (and chart) a figure came from.

import type { Facts, Src } from '../facts';
import type { Anchor, Cause, CauseId, Evidence } from '../types';

export interface CauseRule {
  id: CauseId;
  /** The cause with its confidence, or null when nothing points at it. */
  evaluate(f: Facts): Cause | null;
}

export function ev(from: { src: Src; anchor?: Anchor } | undefined, text: string, anchor?: Anchor): Evidence {
  const a = anchor ?? from?.anchor;
  return { text: from ? `${text} (${from.src.name})` : text, ...(from ? { input: from.src.input } : {}), ...(a ? { anchor: a } : {}) };
}

export const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;
export const coresText = (x: number) => `${Number.isInteger(x) ? x : x.toFixed(x < 10 ? 2 : 1)} core${x === 1 ? '' : 's'}`;
export const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

/** A cause with its confidence clamped and its severity from it. */
export function cause(c: Omit<Cause, 'severity' | 'confidence'> & { confidence: number }): Cause {
  const confidence = Math.round(clamp01(c.confidence) * 100) / 100;
  return { ...c, confidence, severity: confidence >= 0.75 ? 'critical' : 'warning' };
}
