// The minimum mutator utilization (MMU) of a utilization step function
// (./mmu.ts builds it), computed exactly: the windowed mean is piecewise
// linear in the window start, so its minimum sits where a window edge meets a
// change point. Every candidate start is a change point t[k] or t[k] − w.
//
// Scanning every candidate for every window costs O(n) a window; with 41
// windows for the curve and millions of change points (5.7 M on the 299 MB
// bench trace) that took seconds. So candidates are taken in blocks of
// BLOCK change points, each with a lower bound on any of its windows'
// integrals; the block of least bound is scanned first, then every block
// whose bound is under the least integral found so far: the same minimum,
// from few blocks. The bounds: the part of time every window of the block
// covers (for windows long next to a block), and w × the least utilization
// any of them can see (for short ones). The bounds' change points are found
// by galloping from the previous block's, and a window no longer than the
// longest stretch at utilization 0 needs no scan at all. mmuPlain keeps the
// plain scan, for tests. (On that trace's 46 windows: 1.33 s with a binary
// search per bound and the blocks sorted by bound, 0.59 s now.)

const BLOCK = 512;
/** Blocks of least utilization walked for the second bound, at most. */
const MIN_WALK = 8;

/** Prefix integrals of a utilization step function. */
export class MmuCurve {
  private cum: Float64Array;
  /** Least utilization of each block of change points (lazily). */
  private blockMin: Float64Array | null = null;
  /** The longest stretch at utilization 0, ns (−1: not yet known). */
  private zeroNs = -1;

  constructor(
    readonly t: Float64Array,
    readonly u: Float64Array,
  ) {
    this.cum = new Float64Array(t.length);
    for (let i = 1; i < t.length; i++) this.cum[i] = this.cum[i - 1] + u[i - 1] * (t[i] - t[i - 1]);
  }

  get durationNs(): number {
    const n = this.t.length;
    return n < 2 ? 0 : this.t[n - 1] - this.t[0];
  }

  /**
   * The last change point at or before x (x ≥ t[0]), searched from `from`, a
   * change point known to be at or before x: galloping forward, then halving,
   * so points asked in order cost the log of their distance, not of n.
   */
  private at(x: number, from = 0): number {
    const t = this.t;
    const n = t.length;
    let lo = from;
    let step = 1;
    while (lo + step < n && t[lo + step] <= x) {
      lo += step;
      step *= 2;
    }
    let hi = lo + step;
    if (hi >= n) {
      hi = n - 1;
      if (t[hi] <= x) return hi;
    }
    // t[lo] ≤ x < t[hi]
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (t[mid] <= x) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /** The integral of the utilization from t[0] to x, where x is in [t[i], t[i + 1]). */
  private integral(x: number, i: number): number {
    return this.cum[i] + this.u[i] * (x - this.t[i]);
  }

  /** The window, clamped to the trace. */
  private window(windowNs: number): number {
    const { t } = this;
    const n = t.length;
    let w = windowNs;
    if (w > t[n - 1] - t[0]) w = t[n - 1] - t[0];
    return w;
  }

  /**
   * The least window integral over candidates k in [k0, k1) of one sweep
   * (starts t[k] − shift, clamped), below `best`.
   */
  private scan(w: number, shift: number, k0: number, k1: number, best: number): number {
    const { t, u, cum } = this;
    const n = t.length;
    const t0 = t[0];
    const t1 = t[n - 1];
    let a = t[k0] - shift;
    if (a < t0) a = t0;
    if (a + w > t1) a = t1 - w;
    let ia = this.at(a);
    let ib = this.at(a + w);
    for (let k = k0; k < k1; k++) {
      a = t[k] - shift;
      if (a < t0) a = t0;
      if (a + w > t1) a = t1 - w;
      const b = a + w;
      while (ia + 1 < n && t[ia + 1] <= a) ia++;
      while (ib + 1 < n && t[ib + 1] <= b) ib++;
      const m = cum[ib] + u[ib] * (b - t[ib]) - (cum[ia] + u[ia] * (a - t[ia]));
      if (m < best) best = m;
    }
    return best;
  }

  /** Minimum over windows of `windowNs` (clamped to the trace) of the mean utilization. */
  mmu(windowNs: number): number {
    const { t, u } = this;
    const n = t.length;
    if (n < 2) return 1;
    const w = this.window(windowNs);
    if (w <= 0) return 0;
    // A window inside a stretch with no mutator at all: nothing is lower.
    if (w <= this.longestZero()) return 0;
    const nb = Math.ceil(n / BLOCK);
    if (nb <= 4) return this.mmuPlain(windowNs);
    const bm = this.blockMins(nb);
    const t0 = t[0];
    const t1 = t[n - 1];
    const clamp = (a: number): number => (a < t0 ? t0 : a + w > t1 ? t1 - w : a);
    // A lower bound per block and sweep: 2b for starts t[k], 2b + 1 for t[k] − w.
    const bound = new Float64Array(2 * nb);
    for (let pass = 0; pass < 2; pass++) {
      const shift = pass === 0 ? 0 : w;
      // The change points at a0, a1, a0 + w and a1 + w: each grows with the block.
      let ia0 = 0;
      let ia1 = 0;
      let iw0 = 0;
      let iw1 = 0;
      for (let b = 0; b < nb; b++) {
        const k0 = b * BLOCK;
        const k1 = Math.min(n, k0 + BLOCK) - 1;
        const a0 = clamp(t[k0] - shift);
        const a1 = clamp(t[k1] - shift);
        ia0 = this.at(a0, ia0);
        ia1 = this.at(a1, ia1);
        iw0 = this.at(a0 + w, iw0);
        iw1 = this.at(a1 + w, iw1);
        // Every window starting in [a0, a1] covers [a1, a0 + w].
        let lb = a1 < a0 + w ? this.integral(a0 + w, iw0) - this.integral(a1, ia1) : 0;
        // And sees no utilization below the least over [a0, a1 + w].
        const ba = Math.floor(ia0 / BLOCK);
        const bb = Math.floor(iw1 / BLOCK);
        if (bb - ba < MIN_WALK) {
          let mu = u[ia0];
          for (let c = ba; c <= bb; c++) if (bm[c] < mu) mu = bm[c];
          if (w * mu > lb) lb = w * mu;
        }
        bound[2 * b + pass] = lb;
      }
    }
    // The block of least bound first (its windows are likely near the least),
    // then, in order, every block whose bound is under the least found so far.
    let first = 0;
    for (let o = 1; o < bound.length; o++) if (bound[o] < bound[first]) first = o;
    const scanBlock = (o: number, best: number): number => {
      const k0 = (o >> 1) * BLOCK;
      return this.scan(w, (o & 1) === 0 ? 0 : w, k0, Math.min(n, k0 + BLOCK), best);
    };
    let best = scanBlock(first, Infinity);
    for (let o = 0; o < bound.length; o++) if (o !== first && bound[o] < best) best = scanBlock(o, best);
    return finish(best, w);
  }

  /** The same by the plain scan of every candidate (short series; the reference in tests). */
  mmuPlain(windowNs: number): number {
    const n = this.t.length;
    if (n < 2) return 1;
    const w = this.window(windowNs);
    if (w <= 0) return 0;
    return finish(Math.min(this.scan(w, 0, 0, n, Infinity), this.scan(w, w, 0, n, Infinity)), w);
  }

  /** The longest stretch of time the utilization stays 0 (lazily). */
  private longestZero(): number {
    if (this.zeroNs >= 0) return this.zeroNs;
    const { t, u } = this;
    let best = 0;
    let start = -1;
    for (let i = 0; i < t.length; i++) {
      if (u[i] === 0 && i + 1 < t.length) {
        if (start < 0) start = t[i];
      } else if (start >= 0) {
        if (t[i] - start > best) best = t[i] - start;
        start = -1;
      }
    }
    this.zeroNs = best;
    return best;
  }

  private blockMins(nb: number): Float64Array {
    if (this.blockMin) return this.blockMin;
    const { u } = this;
    const bm = new Float64Array(nb).fill(Infinity);
    for (let i = 0; i < u.length; i++) {
      const b = Math.floor(i / BLOCK);
      if (u[i] < bm[b]) bm[b] = u[i];
    }
    this.blockMin = bm;
    return bm;
  }
}

/** The mean from the least integral: divided once (x / w is monotone in x, so the least quotient is the least integral's). */
function finish(best: number, w: number): number {
  const m = best / w;
  return m < 0 ? 0 : m;
}
