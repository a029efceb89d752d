// Display formatting with units. Report values stay unrounded; only the screen rounds.

export { formatBytes } from '../lib/display';
// One precision rule (three significant digits) for every number on screen: see lib/numberText.
export { sigText as fmtSig, msText as fmtMs, secText as fmtSec, durationText as fmtDuration } from '../lib/numberText';
import { sigText as fmtSig } from '../lib/numberText';

/** A percentage: three significant digits unless the caller fixes the decimals. */
export function fmtPct(p: number | null | undefined, digits?: number): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  return digits === undefined ? `${fmtSig(p)}%` : `${p.toFixed(digits)}%`;
}

/** Made once: `toLocaleString('en-US')` builds a new formatter on every call (see lib/numberText). */
const whole = new Intl.NumberFormat('en-US');

export function fmtNum(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return whole.format(n);
}

