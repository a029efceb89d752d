// expvar sniffing: a JSON object whose keys include "memstats" or "cmdline".

import type { SniffSample } from '../types';

export function sniffExpvar(sample: SniffSample): number {
  const t = sample.text.trimStart();
  if (!t.startsWith('{')) return 0;
  const head = t.slice(0, 4096);
  const mem = /"memstats"\s*:\s*\{/.test(head) || /"memstats"\s*:\s*\{/.test(t);
  const cmd = /^\{\s*"cmdline"\s*:\s*\[/.test(t) || /"cmdline"\s*:\s*\[/.test(head);
  // A JSON log (one record per line) is not expvar: expvar is one object.
  if (/\}\s*\n\s*\{/.test(head)) return 0;
  if (mem && cmd) return 0.95;
  if (mem) return 0.8;
  if (cmd) return 0.5;
  return 0;
}
