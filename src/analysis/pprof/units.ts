// pprof's measurement rules (google/pprof internal/measurement), reproduced so
// values print exactly as `go tool pprof` prints them: unit scaling, the
// "minimum" output unit, %.2f / %5.2g with Go's round-half-to-even on exact
// decimal ties (JS toFixed rounds ties away from zero).

interface Unit {
  name: string;
  aliases: string[];
  factor: number;
}
interface UnitType {
  def: Unit;
  units: Unit[];
}

const UNIT_TYPES: UnitType[] = [
  {
    units: [
      { name: 'B', aliases: ['b', 'byte'], factor: 1 },
      { name: 'kB', aliases: ['kb', 'kbyte', 'kilobyte'], factor: 1024 },
      { name: 'MB', aliases: ['mb', 'mbyte', 'megabyte'], factor: 1024 ** 2 },
      { name: 'GB', aliases: ['gb', 'gbyte', 'gigabyte'], factor: 1024 ** 3 },
      { name: 'TB', aliases: ['tb', 'tbyte', 'terabyte'], factor: 1024 ** 4 },
      { name: 'PB', aliases: ['pb', 'pbyte', 'petabyte'], factor: 1024 ** 5 },
    ],
    def: { name: 'B', aliases: [], factor: 1 },
  },
  {
    units: [
      { name: 'ns', aliases: ['ns', 'nanosecond'], factor: 1 },
      { name: 'us', aliases: ['μs', 'us', 'microsecond'], factor: 1e3 },
      { name: 'ms', aliases: ['ms', 'millisecond'], factor: 1e6 },
      { name: 's', aliases: ['s', 'sec', 'second'], factor: 1e9 },
      { name: 'hrs', aliases: ['hour', 'hr'], factor: 3600e9 },
    ],
    def: { name: 's', aliases: [], factor: 1e9 },
  },
  {
    units: [
      { name: 'n*GCU', aliases: ['nanogcu'], factor: 1e-9 },
      { name: 'u*GCU', aliases: ['microgcu'], factor: 1e-6 },
      { name: 'm*GCU', aliases: ['milligcu'], factor: 1e-3 },
      { name: 'GCU', aliases: ['gcu'], factor: 1 },
      { name: 'k*GCU', aliases: ['kilogcu'], factor: 1e3 },
      { name: 'M*GCU', aliases: ['megagcu'], factor: 1e6 },
      { name: 'G*GCU', aliases: ['gigagcu'], factor: 1e9 },
      { name: 'T*GCU', aliases: ['teragcu'], factor: 1e12 },
      { name: 'P*GCU', aliases: ['petagcu'], factor: 1e15 },
    ],
    def: { name: 'GCU', aliases: [], factor: 1 },
  },
];

function sniffUnit(ut: UnitType, unit: string): Unit | undefined {
  let u = unit.toLowerCase();
  if (u.length > 2 && u.endsWith('s')) u = u.slice(0, -1);
  return ut.units.find((x) => x.aliases.includes(u));
}

/** measurement.Scale: `value` in `from` expressed in `to` ('minimum'/'auto' pick a unit). */
export function scale(value: number, from: string, to: string): [number, string] {
  if (value < 0) {
    const [v, u] = scale(-value, from, to);
    return [-v, u];
  }
  for (const ut of UNIT_TYPES) {
    const fu = sniffUnit(ut, from);
    if (!fu) continue;
    const v = value * fu.factor;
    if (to === 'minimum' || to === 'auto') {
      let f = 0;
      let name = '';
      for (const u of ut.units) {
        if (u.factor >= f && v / u.factor >= 1) {
          f = u.factor;
          name = u.name;
        }
      }
      if (f !== 0) return [v / f, name];
      return [v / ut.def.factor, ut.def.name];
    }
    const tu = sniffUnit(ut, to);
    if (!tu) return [v / ut.def.factor, ut.def.name];
    return [v / tu.factor, tu.name];
  }
  switch (to) {
    case 'count':
    case 'sample':
    case 'unit':
    case 'minimum':
    case 'auto':
      return [value, ''];
    default:
      return [value, to];
  }
}

/** True when `unit` is a time unit pprof knows (ns…hours). */
export function isTimeUnit(unit: string): boolean {
  return sniffUnit(UNIT_TYPES[1], unit) !== undefined;
}
/** True when `unit` is a byte unit pprof knows. */
export function isByteUnit(unit: string): boolean {
  return sniffUnit(UNIT_TYPES[0], unit) !== undefined;
}

/** Exact decimal digits of |x| (toFixed/toExponential are exact at high precision). */
function isTie(exact: string, keep: number): boolean {
  // exact: digits only; a tie is "5" at position `keep` followed by zeros only.
  return exact[keep] === '5' && /^0*$/.test(exact.slice(keep + 1));
}

/** Go's fmt "%.{d}f" (round half to even on exact ties). */
export function goFixed(x: number, d: number): string {
  if (!Number.isFinite(x)) return String(x);
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let s = a.toFixed(d);
  // Only an exact decimal tie rounds differently; most values are far from one.
  const scaled = a * 10 ** d;
  const frac = scaled - Math.floor(scaled);
  if (a < 1e21 && Math.abs(frac - 0.5) < 1e-6) {
    const ex = a.toFixed(Math.min(100, d + 40));
    const dot = ex.indexOf('.');
    const frac = ex.slice(dot + 1);
    if (isTie(frac, d)) {
      const kept = ex.slice(0, dot + 1 + d).replace(/\.$/, '');
      const last = kept.charCodeAt(kept.length - 1) - 48;
      if (last % 2 === 0) s = kept;
    }
  }
  return (neg ? '-' : '') + s;
}

/** Go's fmt "%.{p}g" for p ≥ 1. */
export function goG(x: number, p: number): string {
  if (x === 0) return '0';
  const neg = x < 0;
  const a = Math.abs(x);
  let e = a.toExponential(p - 1);
  // Only an exact decimal tie rounds differently; check for one only when close.
  const sc = a / 10 ** (Math.floor(Math.log10(a)) - p + 1);
  const near = Math.abs(sc - Math.floor(sc) - 0.5) < 1e-6;
  const exact = near ? a.toExponential(Math.min(100, p + 40)) : '';
  const mant = near ? exact.slice(0, exact.indexOf('e')).replace('.', '') : '';
  if (near && isTie(mant, p)) {
    const kept = mant.slice(0, p);
    if ((kept.charCodeAt(p - 1) - 48) % 2 === 0) e = kept[0] + (p > 1 ? '.' + kept.slice(1) : '') + exact.slice(exact.indexOf('e'));
  }
  const ei = e.indexOf('e');
  let digits = e.slice(0, ei).replace('.', '');
  const exp = Number(e.slice(ei + 1));
  digits = digits.replace(/0+$/, '') || '0';
  const nd = digits.length;
  const dp = exp + 1;
  let eprec = p;
  if (eprec > nd && nd >= dp) eprec = nd;
  let out: string;
  if (exp < -4 || exp >= eprec) {
    const m = digits[0] + (nd > 1 ? '.' + digits.slice(1) : '');
    const ae = Math.abs(exp);
    out = `${m}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  } else {
    const prec = p > dp ? nd : p;
    const decimals = Math.max(prec - dp, 0);
    // digits × 10^(dp - nd), printed with `decimals` decimals.
    let intPart: string;
    let fracPart: string;
    if (dp <= 0) {
      intPart = '0';
      fracPart = '0'.repeat(-dp) + digits;
    } else if (dp >= nd) {
      intPart = digits + '0'.repeat(dp - nd);
      fracPart = '';
    } else {
      intPart = digits.slice(0, dp);
      fracPart = digits.slice(dp);
    }
    fracPart = (fracPart + '0'.repeat(decimals)).slice(0, decimals);
    out = decimals > 0 ? `${intPart}.${fracPart}` : intPart;
  }
  return (neg ? '-' : '') + out;
}

/** measurement.ScaledLabel. */
export function scaledLabel(value: number, from: string, to: string): string {
  const [v, u] = scale(value, from, to);
  let sv = goFixed(v, 2);
  if (sv.endsWith('.00')) sv = sv.slice(0, -3);
  if (sv === '0' || sv === '-0') return '0';
  return sv + u;
}

/** measurement.Percentage: at least two digits, "  100%" near 100. */
export function percentage(value: number, total: number): string {
  const ratio = total !== 0 ? Math.abs(value / total) * 100 : 0;
  if (ratio >= 99.95 && ratio <= 100.05) return '  100%';
  if (ratio >= 1) return goFixed(ratio, 2).padStart(5) + '%';
  return goG(ratio, 2).padStart(5) + '%';
}

/** report.selectOutputUnit with unit=minimum: the unit for a table whose smallest non-zero value is `minValue`. */
export function selectOutputUnit(minValue: number, total: number, sampleUnit: string): string {
  let min = minValue;
  const max = total;
  if (min === 0) min = max;
  const [, minUnit] = scale(min, sampleUnit, 'minimum');
  const [, maxUnit] = scale(max, sampleUnit, 'minimum');
  let unit = minUnit;
  if (minUnit !== maxUnit && min * 100 < max) [, unit] = scale(100 * min, sampleUnit, 'minimum');
  return unit !== '' ? unit : sampleUnit;
}

/** The unit pprof -top picks for these rows: from the smallest non-zero flat (else cum) value. */
export function rowsOutputUnit(rows: { flat: number; cum: number }[], total: number, sampleUnit: string): string {
  let minValue = 0;
  for (const r of rows) {
    let m = Math.abs(r.flat);
    if (m === 0) m = Math.abs(r.cum);
    if (m > 0 && (minValue === 0 || m < minValue)) minValue = m;
  }
  return rows.length ? selectOutputUnit(minValue, total, sampleUnit) : 'minimum';
}

/** A value in a sample type's unit, auto-scaled for display ("1.50s", "12.3MB", "42"). */
export function formatValue(value: number, unit: string): string {
  return scaledLabel(value, unit.toLowerCase(), 'auto');
}
