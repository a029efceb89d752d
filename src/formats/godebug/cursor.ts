// A cursor over one log line for the runtime's `print` output: integers,
// runtime floats (`+9.500000e-001` in old runtimes, `0.827159` today), `nil`/-1
// for "no value", `true/false` or `0/1` for flags, and space-separated
// `key=value` fields. Hand-written because it runs on every detail line of a
// million-line log; regular expressions with many groups cost ~3× more there.

/** A value meaning "absent" (a field not printed by this Go version, or nil). */
export const NONE = -1;

export class Cursor {
  i = 0;
  s = '';

  reset(s: string, i: number): this {
    this.s = s;
    this.i = i;
    return this;
  }

  /** Consume `x` if it comes next. */
  lit(x: string): boolean {
    if (this.s.startsWith(x, this.i)) {
      this.i += x.length;
      return true;
    }
    return false;
  }

  /** Move past the next occurrence of `x` (searching at most `within` chars); false if absent. */
  skipPast(x: string, within = 4096): boolean {
    const j = this.s.indexOf(x, this.i);
    if (j < 0 || j - this.i > within) return false;
    this.i = j + x.length;
    return true;
  }

  /** Unsigned integer; NaN when no digit comes next. */
  uint(): number {
    const s = this.s;
    let i = this.i;
    let v = 0;
    const start = i;
    while (i < s.length) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
      i++;
    }
    if (i === start) return NaN;
    this.i = i;
    return v;
  }

  /** Signed integer (leading + or -); NaN when none. */
  int(): number {
    const c = this.s.charCodeAt(this.i);
    if (c === 45 || c === 43) {
      const save = this.i;
      this.i++;
      const v = this.uint();
      if (Number.isNaN(v)) {
        this.i = save;
        return NaN;
      }
      return c === 45 ? -v : v;
    }
    return this.uint();
  }

  /** A number as the runtime prints it: sign, digits, fraction, exponent. NaN when none. */
  float(): number {
    const s = this.s;
    const start = this.i;
    let i = start;
    if (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45) i++;
    const digits = i;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if ((c >= 48 && c <= 57) || c === 46) i++;
      else break;
    }
    if (i === digits) return NaN;
    if (s.charCodeAt(i) === 101 /* e */ || s.charCodeAt(i) === 69) {
      let j = i + 1;
      if (s.charCodeAt(j) === 43 || s.charCodeAt(j) === 45) j++;
      const e0 = j;
      while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
      if (j > e0) i = j;
    }
    const v = Number(s.slice(start, i));
    if (Number.isNaN(v)) return NaN;
    this.i = i;
    return v;
  }

  /** Unsigned integer followed by the literal `x` (consumed); NaN otherwise. */
  uintThen(x: string): number {
    const v = this.uint();
    return Number.isNaN(v) || !this.lit(x) ? NaN : v;
  }

  /** Runtime float followed by the literal `x` (consumed); NaN otherwise. */
  floatThen(x: string): number {
    const v = this.float();
    return Number.isNaN(v) || !this.lit(x) ? NaN : v;
  }
}

/**
 * The value at index `i` without slicing: an integer, NONE for `nil` (and
 * `-1`, which is NONE), 1/0 for `true`/`false`; NaN when none of those.
 */
export function valueAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 110 /* n */) return s.startsWith('nil', i) ? NONE : NaN;
  if (c === 116 /* t */) return s.startsWith('true', i) ? 1 : NaN;
  if (c === 102 /* f */) return s.startsWith('false', i) ? 0 : NaN;
  let neg = false;
  if (c === 45) {
    neg = true;
    i++;
  }
  let v = 0;
  const start = i;
  for (; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
  }
  if (i === start) return NaN;
  return neg ? -v : v;
}

/** valueAt() of the field `key` (written with its separators, e.g. " runqsize=") found after `from`; NaN when absent. */
export function fieldAt(s: string, key: string, from: number): number {
  const j = s.indexOf(key, from);
  if (j < 0) return NaN;
  fieldEnd.at = j + key.length;
  return valueAt(s, fieldEnd.at);
}

/**
 * Where the value of the last field fieldAt() found starts: pass it as `from`
 * to read fields printed in a fixed order with one pass over the line.
 */
export const fieldEnd = { at: 0 };

/**
 * Calls `fn(key, value)` for each space-separated `key=value` field of `s`
 * from `from` to `to`. Tokens without `=` (the rest of a multi-word value such
 * as `preemptoff=write heap dump`) are skipped. Stops early when fn returns false.
 */
export function forEachField(s: string, from: number, to: number, fn: (key: string, value: string) => boolean | void): void {
  let i = from;
  while (i < to) {
    while (i < to && s.charCodeAt(i) === 32) i++;
    if (i >= to) break;
    let end = s.indexOf(' ', i);
    if (end < 0 || end > to) end = to;
    const eq = s.indexOf('=', i);
    if (eq > i && eq < end) {
      if (fn(s.slice(i, eq), s.slice(eq + 1, end)) === false) return;
    }
    i = end + 1;
  }
}

/** True when the character before `at` cannot continue a word (start of line, space, punctuation). */
export function atWordStart(s: string, at: number): boolean {
  if (at === 0) return true;
  const c = s.charCodeAt(at - 1);
  return !((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95);
}
