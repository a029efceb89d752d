// The pieces every Kubernetes-shaped output shares: the `resources` block and
// the `env` list for GOMEMLIMIT / GOMAXPROCS / GOGC, each with its reason.

import type { Plan } from '../plan';
import { describeBytes, describeCpu } from '../../rules/quantity';
import { SRC } from '../../rules/sources';
import type { Why } from '../types';

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { resourceFieldRef: { resource: string; divisor: string } };
}

export interface ContainerParts {
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
  env: EnvVar[];
  /** Reasons keyed by path relative to the container ("resources.limits.cpu", "env.0"). */
  whys: Map<string, Why>;
  /** Short trailing comments, same keys. */
  comments: Map<string, string>;
}

export function containerParts(plan: Plan): ContainerParts {
  const s = plan.settings;
  const whys = new Map<string, Why>();
  const comments = new Map<string, string>();
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  // Kubernetes rejects a request above its limit: such a request is emitted equal to the limit.
  const cpuOver = plan.cpuRequestMillis !== null && plan.cpuLimitMillis !== null && plan.cpuRequestMillis > plan.cpuLimitMillis;
  if (plan.cpuRequestMillis !== null) {
    requests.cpu = cpuOver ? s.cpuLimit.trim() : s.cpuRequest.trim();
    whys.set('resources.requests.cpu', {
      text: cpuOver
        ? `CPU request lowered to the limit: the request given (${s.cpuRequest}) is above the limit, which Kubernetes rejects. Go ignores requests: GOMAXPROCS never follows them.`
        : 'CPU request: what the scheduler reserves. Go ignores it: GOMAXPROCS never follows requests.',
      evidence: [`${describeCpu(cpuOver ? plan.cpuLimitMillis! : plan.cpuRequestMillis)}`],
      sources: [SRC.k8sResources, SRC.runtimeGOMAXPROCS],
    });
  }
  const memOver = plan.memoryRequestBytes !== null && plan.memoryLimitBytes !== null && plan.memoryRequestBytes > plan.memoryLimitBytes;
  const memReq = plan.memoryRequestBytes !== null && !memOver ? s.memoryRequest.trim() : plan.memoryLimitBytes !== null ? s.memoryLimit.trim() : null;
  if (memReq !== null) {
    requests.memory = memReq;
    whys.set('resources.requests.memory', {
      text: memOver
        ? `Memory request lowered to the limit: the request given (${s.memoryRequest}) is above the limit, which Kubernetes rejects.`
        : plan.memoryRequestBytes !== null
          ? 'Memory request as given.'
          : 'Memory request equal to the limit (no request was given): the memory GOMEMLIMIT is tuned for is then reserved on the node.',
      evidence: [`${describeBytes(memOver ? plan.memoryLimitBytes! : (plan.memoryRequestBytes ?? plan.memoryLimitBytes ?? 0))}`],
      sources: [SRC.k8sResources],
    });
  }
  if (plan.cpuLimitMillis !== null) {
    limits.cpu = s.cpuLimit.trim();
    whys.set('resources.limits.cpu', {
      text: 'CPU limit: the CFS quota the kernel enforces; Go 1.25+ (go.mod go ≥ 1.25) derives GOMAXPROCS from it.',
      evidence: [`${describeCpu(plan.cpuLimitMillis)}`],
      sources: [SRC.k8sResources, SRC.go125],
    });
  }
  if (plan.memoryLimitBytes !== null) {
    limits.memory = s.memoryLimit.trim();
    whys.set('resources.limits.memory', {
      text: 'Memory limit: above it the kernel OOM-kills the container. GOMEMLIMIT below is derived from it.',
      evidence: [`${describeBytes(plan.memoryLimitBytes)} = ${plan.memoryLimitBytes} bytes`],
      sources: [SRC.k8sResources],
    });
  }
  const resources: ContainerParts['resources'] = {};
  if (Object.keys(requests).length) resources.requests = requests;
  if (Object.keys(limits).length) resources.limits = limits;
  whys.set('resources', {
    text: Object.keys(limits).length
      ? 'Requests and limits as Kubernetes quantities (these accept Mi/Gi/m suffixes; GOMEMLIMIT does not).'
      : 'No limits given: set CPU and memory limits so the wizard can derive GOMAXPROCS and GOMEMLIMIT. Without limits the Downward API exposes the node allocatable resources.',
    evidence: [],
    sources: [SRC.k8sResources, SRC.k8sDownwardApi],
  });

  const env: EnvVar[] = [];
  if (plan.gomemlimit) {
    whys.set(`env.${env.length}`, plan.gomemlimit.why);
    comments.set(`env.${env.length}.value`, `floor(${s.memoryLimit.trim()} × ${plan.gomemlimit.ratio}) in Go syntax (not "Mi")`);
    env.push({ name: 'GOMEMLIMIT', value: plan.gomemlimit.text });
  }
  if (plan.gomaxprocs.mode === 'downward') {
    whys.set(`env.${env.length}`, plan.gomaxprocs.why);
    comments.set(`env.${env.length}.valueFrom.resourceFieldRef.divisor`, `ceil(limits.cpu) = ${plan.gomaxprocs.expected}`);
    env.push({ name: 'GOMAXPROCS', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1' } } });
  }
  if (plan.gogc.value !== null) {
    whys.set(`env.${env.length}`, plan.gogc.why);
    env.push({ name: 'GOGC', value: String(plan.gogc.value) });
  }
  return { resources, env, whys, comments };
}

/** Re-key container-relative paths under a prefix ("env.0" → "extraEnvVars.0"). */
export function rekey<T>(m: Map<string, T>, from: string, to: string): Map<string, T> {
  const out = new Map<string, T>();
  for (const [k, v] of m) out.set(k === from || k.startsWith(from + '.') ? to + k.slice(from.length) : k, v);
  return out;
}

/** Prefix every path ("env.0" → "0.env.0"). */
export function prefix<T>(m: Map<string, T>, p: string): Map<string, T> {
  const out = new Map<string, T>();
  for (const [k, v] of m) out.set(`${p}.${k}`, v);
  return out;
}
