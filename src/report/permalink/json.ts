// Small helpers over plain JSON values (the report is JSON-safe by contract).

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Visit every value with the key it sits under and its parent object (undefined in arrays). */
export function visit(v: Json, fn: (value: Json, key: string | undefined, parent: JsonObject | undefined, arrayKey: string | undefined) => void, key?: string, parent?: JsonObject, arrayKey?: string): void {
  fn(v, key, parent, arrayKey);
  if (Array.isArray(v)) for (const x of v) visit(x, fn, undefined, undefined, key ?? arrayKey);
  else if (isObject(v)) for (const k of Object.keys(v)) visit(v[k], fn, k, v, undefined);
}

/** A copy with every string passed through `str` and keys for which `drop` says so left out. */
export function mapStrings(v: Json, str: (s: string, key: string | undefined) => string, drop: (key: string, value: Json) => boolean = () => false, key?: string): Json {
  if (typeof v === 'string') return str(v, key);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, str, drop, key));
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v)) if (!drop(k, v[k])) out[k] = mapStrings(v[k], str, drop, k);
    return out;
  }
  return v;
}
