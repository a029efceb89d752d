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
