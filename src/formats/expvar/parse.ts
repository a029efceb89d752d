// expvar JSON parser. The document is small (KBs); larger inputs are refused
// with a clear message rather than handed to JSON.parse.

import { FormatError, type ParseContext } from '../types';
import type { ExpvarModel, ExpvarVar, MemStats } from './model';

/** /debug/vars of a real process is a few KiB to a few MiB. */
export const MAX_EXPVAR_BYTES = 64 << 20;

function summarise(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v.length > 120 ? v.slice(0, 117) + '…' : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.length} items]`;
  const keys = Object.keys(v as object);
  return `{${keys.slice(0, 6).join(', ')}${keys.length > 6 ? `, … ${keys.length} keys` : ''}}`;
}

function typeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

export function parseExpvar(data: Uint8Array, ctx: ParseContext): ExpvarModel {
  if (data.length > MAX_EXPVAR_BYTES) {
    throw new FormatError(`the JSON is ${data.length} bytes; /debug/vars output above ${MAX_EXPVAR_BYTES >> 20} MiB is not supported`, 'too-large');
  }
  ctx.progress(0, data.length);
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: false }).decode(data));
  } catch (e) {
    throw new FormatError(`not valid JSON: ${(e as Error).message}`, 'malformed');
  }
  ctx.progress(data.length, data.length);
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new FormatError('expected a JSON object like /debug/vars output ({"cmdline": [...], "memstats": {...}})', 'malformed');
  }
  const obj = doc as Record<string, unknown>;
  const model: ExpvarModel = { vars: [] };
  for (const [name, v] of Object.entries(obj)) {
    if (name === 'cmdline' && Array.isArray(v)) model.cmdline = v.map(String);
    else if (name === 'memstats' && v && typeof v === 'object' && !Array.isArray(v)) model.memstats = readMemStats(v as Record<string, unknown>, ctx);
    else model.vars.push({ name, type: typeOf(v), value: summarise(v) } satisfies ExpvarVar);
  }
  if (!model.memstats) ctx.warn('no "memstats" object: only the published vars are listed');
  return model;
}

const NUMERIC: (keyof MemStats)[] = [
  'Alloc', 'TotalAlloc', 'Sys', 'Mallocs', 'Frees', 'HeapAlloc', 'HeapSys', 'HeapIdle', 'HeapInuse', 'HeapReleased',
  'HeapObjects', 'StackInuse', 'StackSys', 'MSpanInuse', 'MSpanSys', 'MCacheInuse', 'MCacheSys', 'BuckHashSys',
  'GCSys', 'OtherSys', 'NextGC', 'LastGC', 'PauseTotalNs', 'NumGC', 'NumForcedGC', 'GCCPUFraction',
];

function readMemStats(m: Record<string, unknown>, ctx: ParseContext): MemStats {
  const out: MemStats = {};
  const rec = out as Record<string, unknown>;
  for (const k of NUMERIC) {
    const v = m[k];
    if (typeof v === 'number' && Number.isFinite(v)) rec[k] = v;
  }
  if (typeof m.EnableGC === 'boolean') out.EnableGC = m.EnableGC;
  for (const k of ['PauseNs', 'PauseEnd'] as const) {
    const v = m[k];
    if (Array.isArray(v)) {
      if (v.length !== 256) ctx.warn(`memstats.${k} has ${v.length} entries, expected 256`);
      out[k] = v.slice(0, 256).map((x) => (typeof x === 'number' && Number.isFinite(x) ? x : 0));
    }
  }
  return out;
}
