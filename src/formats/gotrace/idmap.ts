// A map from trace IDs (goroutine IDs, table IDs) to values that keeps small
// IDs in an array: IDs are mostly small and dense, and a plain array index is
// several times cheaper than a Map lookup on the per-event path. Larger or
// negative IDs fall back to a Map.

const DENSE_LIMIT = 1 << 20;

export class IdMap<V> {
  private dense: (V | undefined)[] = [];
  private sparse = new Map<number, V>();

  get(id: number): V | undefined {
    return id >= 0 && id < DENSE_LIMIT ? this.dense[id] : this.sparse.get(id);
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  set(id: number, v: V): void {
    if (id >= 0 && id < DENSE_LIMIT && Number.isInteger(id)) {
      const d = this.dense;
      while (d.length < id) d.push(undefined);
      d[id] = v;
    } else this.sparse.set(id, v);
  }

  delete(id: number): void {
    if (id >= 0 && id < DENSE_LIMIT && Number.isInteger(id)) {
      if (id < this.dense.length) this.dense[id] = undefined;
    } else this.sparse.delete(id);
  }
}

/**
 * A byte per trace ID (0 for IDs never set), in a Uint8Array for the usual
 * small IDs: no Map lookup and no boxed value on the per-event path. Larger
 * or negative IDs fall back to a Map.
 */
export class ByteIdMap {
  private dense = new Uint8Array(1024);
  private sparse = new Map<number, number>();

  get(id: number): number {
    if (id >= 0 && id < this.dense.length) return this.dense[id];
    return id >= 0 && id < DENSE_LIMIT ? 0 : (this.sparse.get(id) ?? 0);
  }

  set(id: number, v: number): void {
    if (id >= 0 && id < DENSE_LIMIT && Number.isInteger(id)) {
      if (id >= this.dense.length) {
        let n = this.dense.length;
        while (n <= id) n *= 2;
        const d = new Uint8Array(n);
        d.set(this.dense);
        this.dense = d;
      }
      this.dense[id] = v;
    } else if (v === 0) this.sparse.delete(id);
    else this.sparse.set(id, v);
  }
}
