// Config files as an input format: Kubernetes manifests and Helm values
// (YAML), Dockerfiles, go.mod files and Go source, sniffed by content like
// every other input. The linter that reads the model is an analysis
// (src/analysis/config/lint.ts).

import type { FormatDef, SniffSample } from '../types';
import { FormatError } from '../types';
import { parseDockerfileConfig } from './dockerfile';
import { parseGoMod, parseGoSource } from './gomod';
import type { ConfigModel } from './model';
import { parseYamlConfig } from './yaml';

type Flavor = 'yaml' | 'dockerfile' | 'go.mod' | 'go-source';

/**
 * 1 MiB: no real config file is larger. Kubernetes stores each object in etcd,
 * whose default request limit is 1.5 MiB, and Helm keeps a release (values
 * included) in one Secret, capped at 1 MiB. The cap bounds the worst case:
 * `yaml` builds its syntax tree at ~10 µs per item, ~4 s per MiB of adversarial
 * input measured (a 4 MiB mutated manifest took 21 s CPU under the old 4 MiB cap).
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;

function firstInstruction(text: string): string {
  for (const line of text.split('\n', 200)) {
    const t = line.trim();
    if (t && !t.startsWith('#')) return t;
  }
  return '';
}

/**
 * Which kind of config the text is, with a confidence. Leading space is
 * matched as [ \t]*, not \s*: with the m flag, \s* crosses line ends, so
 * every blank line restarts a scan of all the blank lines after it (64 KB of
 * newlines took 2.4 s a pattern; a line of 53 K tabs after `- ` took 3.2 s,
 * fuzzing). [ \t]* stops at its line's end: linear.
 */
export function sniffConfig(text: string): { flavor: Flavor; score: number } | null {
  if (!text) return null;
  if (/^module\s+\S+\s*$/m.test(text) && /^go\s+1\.\d+/m.test(text)) return { flavor: 'go.mod', score: 0.95 };
  if (/^(FROM|ARG)\s+\S/i.test(firstInstruction(text)) && /^[ \t]*FROM[ \t]+\S/im.test(text)) return { flavor: 'dockerfile', score: 0.9 };
  if (/^package\s+[A-Za-z_]\w*\s*$/m.test(text) && /^(import|func)\b/m.test(text)) return { flavor: 'go-source', score: 0.6 };
  if (/^kind:\s*["']?(Deployment|StatefulSet|DaemonSet|Job|CronJob|Pod|ReplicaSet|ReplicationController)\b/m.test(text)) return { flavor: 'yaml', score: 0.9 };
  if (/^[ \t]*-[ \t]*(?:\{[ \t]*)?name:[ \t]*["']?(GOMEMLIMIT|GOMAXPROCS|GOGC|GODEBUG)\b/m.test(text)) return { flavor: 'yaml', score: 0.8 };
  if (/^[ \t]*resources:/m.test(text) && /^[ \t]*(limits|requests):/m.test(text)) return { flavor: 'yaml', score: 0.7 };
  if (/go_memstats_(gc_cpu_fraction|lookups_total)/.test(text) && /^[ \t]*(?:-[ \t]*)?(groups|expr|alert|record):/m.test(text)) return { flavor: 'yaml', score: 0.6 };
  return null;
}

export const configFormat: FormatDef<ConfigModel> = {
  kind: 'config',
  label: 'Config to lint: Kubernetes / Helm values YAML, Dockerfile, go.mod, Go source',
  sniff(sample: SniffSample): number {
    return sniffConfig(sample.text)?.score ?? 0;
  },
  parse(data, ctx) {
    if (data.length > MAX_CONFIG_BYTES) throw new FormatError(`too large for a config file (${data.length} bytes; the limit is ${MAX_CONFIG_BYTES})`, 'too-large');
    const text = new TextDecoder('utf-8', { fatal: false }).decode(data);
    const kind = sniffConfig(text.slice(0, 65536));
    if (!kind) throw new FormatError('not a Kubernetes/Helm YAML, Dockerfile, go.mod or Go source file');
    ctx.progress(0, data.length);
    const model =
      kind.flavor === 'go.mod' ? parseGoMod(text) : kind.flavor === 'dockerfile' ? parseDockerfileConfig(text) : kind.flavor === 'go-source' ? parseGoSource(text) : parseYamlConfig(text, ctx);
    ctx.progress(data.length, data.length);
    return model;
  },
};
