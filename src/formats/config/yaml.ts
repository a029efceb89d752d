// Kubernetes manifests (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod,
// ReplicaSet; multi-document) and Helm values files (`resources` next to
// `env` / `extraEnvVars`, at the top or one level down), read with `yaml`.

import { isMap, isScalar, isSeq, Lexer, LineCounter, parseAllDocuments, type Node, type YAMLMap } from 'yaml';
import type { ConfigContainer, ConfigEnvVar } from './model';
import { FormatError, type ParseContext } from '../types';
import { emptyModel, findRemovedMetrics, splitGodebug, type ConfigModel } from './model';

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ReplicaSet', 'ReplicationController']);

function get(map: unknown, key: string): unknown {
  return isMap(map) ? map.get(key, true) : undefined;
}

function scalarString(n: unknown): string | undefined {
  if (isScalar(n) && n.value !== null && n.value !== undefined) return String(n.value);
  return undefined;
}

function quantity(resources: unknown, kind: 'requests' | 'limits', what: 'cpu' | 'memory'): string | undefined {
  return scalarString(get(get(resources, kind), what));
}

function envList(seq: unknown, lc: LineCounter): ConfigEnvVar[] {
  if (!isSeq(seq)) return [];
  const out: ConfigEnvVar[] = [];
  for (const item of seq.items) {
    const name = scalarString(get(item, 'name'));
    if (!name) continue;
    const line = (item as Node).range ? lc.linePos((item as Node).range![0]).line : undefined;
    const v: ConfigEnvVar = { name, line };
    const value = get(item, 'value');
    if (value !== undefined) v.value = scalarString(value) ?? '';
    const from = get(item, 'valueFrom');
    if (isMap(from)) {
      const rf = get(from, 'resourceFieldRef');
      if (isMap(rf)) {
        const resource = scalarString(get(rf, 'resource')) ?? '?';
        const divisor = scalarString(get(rf, 'divisor')) ?? '1';
        v.from = `resourceFieldRef ${resource} divisor ${divisor}`;
      } else {
        const k = (from as YAMLMap).items[0]?.key;
        v.from = scalarString(k) ?? 'valueFrom';
      }
    }
    out.push(v);
  }
  return out;
}

function container(label: string, map: unknown, lc: LineCounter, envKeys: string[]): ConfigContainer {
  const resources = get(map, 'resources');
  const env = envKeys.flatMap((k) => envList(get(map, k), lc));
  const c: ConfigContainer = { label, env };
  const set = (k: 'cpuRequest' | 'cpuLimit' | 'memoryRequest' | 'memoryLimit', v: string | undefined) => {
    if (v !== undefined) c[k] = v;
  };
  set('cpuRequest', quantity(resources, 'requests', 'cpu'));
  set('cpuLimit', quantity(resources, 'limits', 'cpu'));
  set('memoryRequest', quantity(resources, 'requests', 'memory'));
  set('memoryLimit', quantity(resources, 'limits', 'memory'));
  return c;
}

/** The pod spec of a workload (CronJob nests one level deeper). */
function podSpec(doc: unknown, kind: string): unknown {
  if (kind === 'Pod') return get(doc, 'spec');
  if (kind === 'CronJob') return get(get(get(get(get(doc, 'spec'), 'jobTemplate'), 'spec'), 'template'), 'spec');
  return get(get(get(doc, 'spec'), 'template'), 'spec');
}

/** Helm values: a map with `resources` and/or env lists, at the top level or one level down. */
function valuesContainers(doc: unknown, lc: LineCounter, label: string): ConfigContainer[] {
  const envKeys = ['env', 'extraEnvVars', 'extraEnv', 'envVars'];
  const looks = (m: unknown) => isMap(m) && (m.has('resources') || envKeys.some((k) => isSeq(get(m, k))));
  const out: ConfigContainer[] = [];
  if (looks(doc)) out.push(container(label, doc, lc, envKeys));
  if (isMap(doc)) {
    for (const pair of doc.items) {
      if (looks(pair.value)) out.push(container(`${label} → ${scalarString(pair.key)}`, pair.value, lc, envKeys));
    }
  }
  return out;
}

/** Deeper flow nesting (`[[[…`, `{{{…`) than any manifest has; go-yaml, which Kubernetes reads with, stops at 10 000. */
export const MAX_FLOW_DEPTH = 1000;

/**
 * The deepest nesting of flow collections, from `yaml`'s own lexer (a lone `[`
 * or `{` token opens one; brackets inside quoted or plain scalars are part of
 * their token). The lexer reads ~3.5 MB/s; building the tree costs ~10× that,
 * and a megabyte of `[` took 4 s there before failing, so the guard runs first.
 */
export function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (const tok of new Lexer().lex(text)) {
    if (tok === '[' || tok === '{') {
      max = Math.max(max, ++depth);
      if (max > MAX_FLOW_DEPTH) break;
    } else if (tok === ']' || tok === '}') {
      if (depth > 0) depth--;
    } else if (tok === '---' || tok === '...') depth = 0;
  }
  return max;
}

export function parseYamlConfig(text: string, ctx: ParseContext): ConfigModel {
  const depth = flowDepth(text);
  if (depth > MAX_FLOW_DEPTH) throw new FormatError(`the YAML nests brackets more than ${MAX_FLOW_DEPTH} levels deep; no real config file does`, 'too-deep');
  if (text.includes('{{')) ctx.warn('contains Helm template expressions ({{ … }}) that are not evaluated here; lint the output of `helm template` for exact results');
  const lc = new LineCounter();
  // prettyErrors off: with it on, `yaml` scans the source for every error's
  // context, which took seconds on 37 KB of unclosed brackets (fuzzing); the
  // line is added below for the few errors shown.
  let docs: ReturnType<typeof parseAllDocuments>;
  // `yaml` makes an Error per problem, and V8 captures a stack for each: a
  // megabyte of commas in a flow map (1 M errors, fuzzing) took 6.7 s to
  // compose with stacks and 1.3 s without. Only the messages are read here, so
  // stacks are off while it parses (a V8 setting; other engines ignore it).
  const errorClass = Error as { stackTraceLimit?: number };
  const stackTraceLimit = errorClass.stackTraceLimit;
  try {
    errorClass.stackTraceLimit = 0;
    docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    // `yaml` recurses per nesting level; thousands of levels overflow the stack (fuzzing).
    if (e instanceof RangeError) throw new FormatError('the YAML is nested too deeply to read (thousands of levels); no real config file is', 'too-deep');
    throw e;
  } finally {
    errorClass.stackTraceLimit = stackTraceLimit;
  }
  if (!Array.isArray(docs)) throw new FormatError('not YAML: the document could not be read');
  const model = emptyModel('helm-values');
  let workloads = 0;
  docs.forEach((doc, i) => {
    for (const e of doc.errors.slice(0, 3)) ctx.warn(`YAML document ${i + 1}: ${e.message.split('\n')[0]} at line ${lc.linePos(e.pos[0]).line}, column ${lc.linePos(e.pos[0]).col}`);
    const root = doc.contents;
    const kind = scalarString(get(root, 'kind'));
    if (kind && WORKLOADS.has(kind)) {
      workloads++;
      const name = scalarString(get(get(root, 'metadata'), 'name')) ?? '(unnamed)';
      const spec = podSpec(root, kind);
      for (const key of ['initContainers', 'containers']) {
        const list = get(spec, key);
        if (!isSeq(list)) continue;
        for (const c of list.items) {
          const cname = scalarString(get(c, 'name')) ?? '(unnamed)';
          model.containers.push(container(`${kind} ${name} / ${key === 'initContainers' ? 'init container' : 'container'} ${cname}`, c, lc, ['env']));
        }
      }
    } else if (!kind) {
      model.containers.push(...valuesContainers(root, lc, docs.length > 1 ? `values document ${i + 1}` : 'values'));
    }
  });
  if (workloads) model.flavor = 'kubernetes';
  model.metrics = findRemovedMetrics(text);
  for (const c of model.containers) {
    for (const e of c.env) if (e.name === 'GODEBUG' && e.value) model.godebug.push(...splitGodebug(e.value, `GODEBUG of ${c.label}`, e.line));
  }
  if (!model.containers.length && !model.metrics.length) {
    throw new FormatError('no container, Helm values (resources / env) or Go metric references found in this YAML');
  }
  return model;
}
