// The minimum mutator utilization (MMU) of a utilization step function
// (./mmu.ts builds it), computed exactly: the windowed mean is piecewise
// linear in the window start, so its minimum sits where a window edge meets a
// change point. Every candidate start is a change point t[k] or t[k] − w.
//
// Scanning every candidate for every window costs O(n) a window; with 41
// windows for the curve and millions of change points (5.7 M on the 299 MB
// bench trace) that took seconds. So candidates are taken in blocks of
// BLOCK change points, each with a lower bound on any of its windows'
// integrals, and blocks are scanned lowest bound first until the bound
// reaches the least integral found: the same minimum, from few blocks. The
// bounds: the part of time every window of the block covers (for windows
// long next to a block), and w × the least utilization any of them can see
// (for short ones). mmuPlain keeps the plain scan, for tests.

const BLOCK = 512;
/** Blocks of least utilization walked for the second bound, at most. */
const MIN_WALK = 8;

/** Prefix integrals of a utilization step function. */
export class MmuCurve {
  private cum: Float64Array;
  /** Least utilization of each block of change points (lazily). */
  private blockMin: Float64Array | null = null;

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

  /** The last change point at or before x (x ≥ t[0]). */
  private at(x: number): number {
    const t = this.t;
    let lo = 0;
    let hi = t.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (t[mid] <= x) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The integral of the utilization from t[0] to x. */
  private integral(x: number): number {
    const i = this.at(x);
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
    const nb = Math.ceil(n / BLOCK);
    if (nb <= 4) return this.mmuPlain(windowNs);
    const bm = this.blockMins(nb);
    const t0 = t[0];
    const t1 = t[n - 1];
    const clamp = (a: number): number => (a < t0 ? t0 : a + w > t1 ? t1 - w : a);
    // A lower bound per block and sweep: 2b for starts t[k], 2b + 1 for t[k] − w.
    const bound = new Float64Array(2 * nb);
    for (let b = 0; b < nb; b++) {
      const k0 = b * BLOCK;
      const k1 = Math.min(n, k0 + BLOCK) - 1;
      for (let pass = 0; pass < 2; pass++) {
        const shift = pass === 0 ? 0 : w;
        const a0 = clamp(t[k0] - shift);
        const a1 = clamp(t[k1] - shift);
        // Every window starting in [a0, a1] covers [a1, a0 + w].
        let lb = a1 < a0 + w ? this.integral(a0 + w) - this.integral(a1) : 0;
        // And sees no utilization below the least over [a0, a1 + w].
        const ia = this.at(a0);
        const ja = this.at(a1 + w);
        const ba = Math.floor(ia / BLOCK);
        const bb = Math.floor(ja / BLOCK);
        if (bb - ba < MIN_WALK) {
          let mu = u[ia];
          for (let c = ba; c <= bb; c++) if (bm[c] < mu) mu = bm[c];
          if (w * mu > lb) lb = w * mu;
        }
        bound[2 * b + pass] = lb;
      }
    }
    const order = new Uint32Array(2 * nb);
    for (let i = 0; i < order.length; i++) order[i] = i;
    order.sort((x, y) => bound[x] - bound[y]);
    let best = Infinity;
    for (let i = 0; i < order.length; i++) {
      const o = order[i];
      if (bound[o] >= best) break;
      const b = o >> 1;
      const k0 = b * BLOCK;
      best = this.scan(w, (o & 1) === 0 ? 0 : w, k0, Math.min(n, k0 + BLOCK), best);
    }
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
