// The timeline's time ruler: tick marks at 1, 2 or 5 × 10^k ns, labelled from
// the start of the trace in the unit that fits the step (ns, µs, ms, s), and
// the window text shown beside the timeline.

const UNITS: [number, string][] = [
  [1e9, 's'],
  [1e6, 'ms'],
  [1e3, 'µs'],
  [1, 'ns'],
];

export interface Tick {
  /** Nanoseconds from the trace start. */
  rel: number;
  label: string;
}

/** A tick step of about `span / n` ns: 1, 2 or 5 × 10^k. */
export function tickStep(span: number, n: number): number {
  const raw = Math.max(span / Math.max(1, n), 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

/** `rel` ns in a unit at most 100 steps long (572.5 ms, not 572500 µs), with the decimals that tell ticks apart. */
export function timeText(rel: number, step: number): string {
  const [div, unit] = UNITS.find(([d]) => step * 100 >= d) ?? UNITS[UNITS.length - 1];
  const decimals = Math.max(0, Math.ceil(-Math.log10(step / div) - 1e-9));
  return `${(rel / div).toFixed(Math.min(decimals, 6))} ${unit}`;
}

/** Ticks over [r0, r1] (ns from the trace start), about one per `every` pixels of `width`. */
export function ticks(r0: number, r1: number, width: number, every = 90): Tick[] {
  const step = tickStep(r1 - r0, width / every);
  const out: Tick[] = [];
  for (let t = Math.ceil(r0 / step) * step; t <= r1 && out.length < 200; t += step) out.push({ rel: t, label: timeText(t, step) });
  return out;
}

/** A duration in ns in the unit that fits it, three significant digits. */
export function spanText(ns: number): string {
  const [div, unit] = UNITS.find(([d]) => Math.abs(ns) >= d) ?? UNITS[UNITS.length - 1];
  return `${Number((ns / div).toPrecision(3)).toLocaleString('en-US')} ${unit}`;
}

/** A time from the trace start in ms to the µs, as the window fields take it: 303.919 ms. */
export function atText(rel: number): string {
  return `${(rel / 1e6).toFixed(3)} ms`;
}
