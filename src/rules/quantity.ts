// Kubernetes resource quantities ("500m", "1.5", "512Mi", "1G", "2e3"), parsed
// exactly (BigInt rationals, no float rounding) with the grammar of the
// Kubernetes API reference (Quantity). Like Quantity.Value()/MilliValue(),
// fractional results round up.
// https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/

/** value = num / den, den > 0. */
export interface Rational {
  num: bigint;
  den: bigint;
}

const BINARY: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};
// decimalSI: n, u, m, "", k, M, G, T, P, E as powers of ten.
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

// The fraction's digits only after its dot: `\d+\.?\d*` let two runs share a long digit string and
// backtrack quadratically when the quantity does not match (a million digits then a letter).
const RE = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|[numkMGTPE]?)$/;

/** Exact value of a quantity, or an error message saying what is wrong. */
export function parseQuantity(text: string): Rational | string {
  const s = text.trim();
  if (s === '') return 'empty quantity';
  const m = RE.exec(s);
  if (!m) return `"${text}" is not a Kubernetes quantity (examples: 500m, 1.5, 512Mi, 1Gi, 2G)`;
  const [, sign, number, suffix] = m;
  const [intPart, frac = ''] = number.split('.');
  let num = BigInt((intPart || '0') + frac);
  let den = 10n ** BigInt(frac.length);
  if (sign === '-') num = -num;
  if (suffix in BINARY) {
    num *= BINARY[suffix];
  } else {
    const exp = suffix.startsWith('e') || suffix.startsWith('E') ? Number(suffix.slice(1)) : DECIMAL[suffix];
    if (Math.abs(exp) > 30) return `"${text}": exponent out of range`;
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den *= 10n ** BigInt(-exp);
  }
  return { num, den };
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n === b > 0n ? q + 1n : q;
}

function nonNegative(q: Rational | string, text: string, what: string): Rational | string {
  if (typeof q === 'string') return q;
  if (q.num < 0n) return `${what} "${text}" is negative`;
  return q;
}

/** CPU quantity in millicores (rounded up, like Quantity.MilliValue), or an error message. */
export function parseCpuMillis(text: string): number | string {
  const q = nonNegative(parseQuantity(text), text, 'CPU quantity');
  if (typeof q === 'string') return q;
  return Number(ceilDiv(q.num * 1000n, q.den));
}

/** Memory quantity in bytes (rounded up, like Quantity.Value), or an error message. */
export function parseMemoryBytes(text: string): number | string {
  const q = nonNegative(parseQuantity(text), text, 'memory quantity');
  if (typeof q === 'string') return q;
  const v = ceilDiv(q.num, q.den);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) return `memory quantity "${text}" is too large`;
  return Number(v);
}

/** What resourceFieldRef with divisor 1 yields for a CPU quantity: ceil(milli / 1000). */
export function downwardCpu(millis: number): number {
  return Math.ceil(millis / 1000);
}

/** "1.5 CPU", "0.5 CPU", "2 CPU" for prose. */
export function describeCpu(millis: number): string {
  return `${millis / 1000} CPU`;
}

/** Bytes in IEC units for prose: "1 GiB", "921.6 MiB", "3000000000 B (2.79 GiB)". */
export function describeBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const shown = Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1);
  return `${shown} ${units[u]}`;
}
