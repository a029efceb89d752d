// Interned tables (stacks, stop reasons, span names) of a store that read a
// later chunk of a trace, re-indexed into the store that read what came
// before, in the order one sequential pass would have interned them: so the
// merged tables are the sequential ones index for index (and the caps on
// their sizes drop the same entries).
//
// A chunk's table is in first-use order, with the time of each first use.
// Some uses only resolve at the merge (a goroutine running across the chunk
// boundary stops: whether that closes a slice depends on the state before the
// chunk); those come as `late` entries with their times, and are interned
// among the table's entries by time.

/** An entry used at `t` whose interning waited for the merge; `idx` is set by reintern. */
export interface LateEntry<V> {
  t: number;
  v: V;
  idx: number;
}

/**
 * Calls `intern` on the chunk's entries (`table`, first used at `at`) and the
 * `late` ones (sorted by t) in time order, and returns each table entry's new
 * index (-1 where intern gives none). Table entries first used after `upTo`
 * are not interned (nothing kept refers to them: -1).
 */
export function reintern<V>(table: V[], at: number[], late: LateEntry<V>[], intern: (v: V) => number, upTo = Infinity): Int32Array {
  const map = new Int32Array(table.length).fill(-1);
  let j = 0;
  for (let i = 0; i < table.length; i++) {
    if (at[i] > upTo) break;
    for (; j < late.length && late[j].t < at[i]; j++) late[j].idx = intern(late[j].v);
    map[i] = intern(table[i]);
  }
  for (; j < late.length; j++) late[j].idx = intern(late[j].v);
  return map;
}

/** Entries interned by key, up to `cap` (past it: -1), with when each was first interned while `timed` (a chunk's store). */
export class InternTable<V> {
  readonly items: V[] = [];
  readonly at: number[] = [];
  timed = false;
  private index = new Map<string, number>();

  constructor(private readonly cap: number) {}

  intern(key: string, v: V, t: number): number {
    const known = this.index.get(key);
    if (known !== undefined) return known;
    if (this.items.length >= this.cap) return -1;
    this.index.set(key, this.items.length);
    if (this.timed) this.at.push(t);
    return this.items.push(v) - 1;
  }
}
