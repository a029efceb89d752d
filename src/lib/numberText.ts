// The one precision rule for numbers in text (findings, cards, tables, chart
// labels): three significant digits, no exponent, no trailing zeros —
// 30.2 ms, 10.1 ms, 0.205 ms, 9.21 ms, 1,230 — and durations in the unit that
// fits them. Report values stay unrounded; only text rounds. src/ui/format.ts
// re-exports these for the views.

/**
 * One formatter per precision, made once: `toLocaleString` with options builds
 * a new Intl.NumberFormat on every call, which made the tables of an early
 * trace result a main-thread task of 100–300 ms (the same text, 60 calls).
 */
const formats = new Map<number, Intl.NumberFormat>();

export function sigText(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return '—';
  let f = formats.get(digits);
  if (!f) formats.set(digits, (f = new Intl.NumberFormat('en-US', { maximumSignificantDigits: digits })));
  return f.format(x);
}

export function secText(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '—';
  if (s >= 3600) return `${sigText(s / 3600)} h`;
  if (s >= 60) return `${sigText(s / 60)} min`;
  return `${sigText(s)} s`;
}

/** Milliseconds: 0.012 ms, 1.34 ms, 30.2 ms, 1.23 s. */
export function msText(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (Math.abs(ms) >= 1000) return secText(ms / 1000);
  return `${sigText(ms)} ms`;
}

/** A duration in the unit that fits its size (ns, µs, ms, s): 56 ns, 100 µs, 1.5 ms. */
export function durationText(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const a = Math.abs(ms);
  if (a === 0) return '0';
  if (a < 1e-3) return `${sigText(ms * 1e6)} ns`;
  if (a < 1) return `${sigText(ms * 1e3)} µs`;
  return msText(ms);
}
