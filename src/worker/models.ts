// Parsed models kept in the worker between calls, by input id.

export const models = new Map<string, unknown>();

/** The model of `id` if it is of the expected kind, else an Error the UI can show. */
export function modelOf<T>(id: string, guard: (m: unknown) => m is T): T {
  const m = models.get(id);
  if (m === undefined) throw new Error('the parsed data is no longer in memory; open the input again to re-read it');
  if (!guard(m)) throw new Error('this input does not hold the data this view needs');
  return m;
}
