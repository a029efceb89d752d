// Prometheus text exposition sniffing: HELP/TYPE comments and `name{labels} value` lines.

import type { SniffSample } from '../types';

// A name ending in ':' before the value is a "Key: value" text line (pprof -raw, logs), not a sample.
// Digits then an optional fraction (\d+(?:\.\d*)?): \d+\.?\d* was quadratic on a long run of digits.
const SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*[a-zA-Z0-9_](?:\{.*\})?\s+(?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|NaN|[-+]?Inf)(?:\s+-?\d+)?\s*$/;

export function sniffPrometheus(sample: SniffSample): number {
  if (!sample.text) return 0;
  const lines = sample.text.split('\n');
  if (lines.length > 1 && sample.size > sample.bytes.length) lines.pop();
  let considered = 0;
  let hits = 0;
  let typed = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      if (/^# (?:HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* /.test(line)) {
        typed++;
        hits++;
        considered++;
      }
      continue; // other comments (e.g. a pasted "# source:" line) are neutral
    }
    considered++;
    if (SAMPLE.test(line)) hits++;
  }
  if (considered === 0 || hits === 0) return 0;
  const share = hits / considered;
  if (share < 0.8) return 0;
  return typed > 0 ? 0.6 + 0.35 * share : 0.4 + 0.3 * share;
}
