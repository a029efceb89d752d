// Display formatting with units. Report values stay unrounded; only the screen rounds.

export { formatBytes } from '../formats/limits';

/**
 * The one precision rule for numbers on screen: three significant digits
 * (30.2, 10.1, 0.205, 9.21, 1,230), never an exponent, no trailing zeros.
 */
export function fmtSig(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return '—';
  return x.toLocaleString('en-US', { maximumSignificantDigits: digits });
}

/** Milliseconds to three significant digits: 0.012 ms, 1.34 ms, 30.2 ms, 1.23 s. */
export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (Math.abs(ms) >= 1000) return fmtSec(ms / 1000);
  return `${fmtSig(ms)} ms`;
}

/** A duration in the unit that fits its size (ns, µs, ms, s), three significant digits: 56 ns, 100 µs, 1.5 ms. */
export function fmtDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const a = Math.abs(ms);
  if (a === 0) return '0';
  if (a < 1e-3) return `${fmtSig(ms * 1e6)} ns`;
  if (a < 1) return `${fmtSig(ms * 1e3)} µs`;
  if (a < 1000) return `${fmtSig(ms)} ms`;
  return fmtSec(ms / 1000);
}

export function fmtPct(p: number | null | undefined, digits = 0): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  return `${p.toFixed(digits)}%`;
}

export function fmtNum(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US');
}

export function fmtSec(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '—';
  if (s >= 3600) return `${fmtSig(s / 3600)} h`;
  if (s >= 60) return `${fmtSig(s / 60)} min`;
  return `${fmtSig(s)} s`;
}
