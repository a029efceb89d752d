// Parsed models kept in the worker between calls, by input id.

import type { DerivedModel } from '../kinds/kind';

export const models = new Map<string, unknown>();

/**
 * Models made from another input's model when a view asks for them (the
 * binding table's `derived`): an id is `<input id><suffix>` (e.g. a trace's
 * CPU samples as a profile). They are not stored here (derive caches them on
 * the base model), so they go when the base model goes, and reopening a
 * session re-reads only the base input. The table comes with the parsers
 * (useDerivations, from unwrapAndAnalyze.ts), which made every base model.
 */
let derivations: readonly DerivedModel<unknown>[] = [];

export function useDerivations(table: readonly DerivedModel<unknown>[]): void {
  derivations = table;
}

function derived(id: string): unknown {
  for (const d of derivations) {
    if (!id.endsWith(d.suffix)) continue;
    const base = models.get(id.slice(0, -d.suffix.length));
    return base === undefined ? undefined : d.accepts(base) ? (d.derive(base) ?? null) : null;
  }
  return undefined;
}

/** The model of `id` if it is of the expected kind, else an Error the UI can show. */
export function modelOf<T>(id: string, guard: (m: unknown) => m is T): T {
  const m = models.get(id) ?? derived(id);
  if (m === undefined) throw new Error('the parsed data is no longer in memory; open the input again to re-read it');
  if (!guard(m)) throw new Error('this input does not hold the data this view needs');
  return m;
}
