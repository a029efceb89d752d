// Kubernetes outputs: Helm values (`resources` + `env`, the shape most charts
// accept), the `extraEnvVars` variant (Bitnami-style charts), and a plain
// container snippet for a Deployment.

import type { Plan } from '../plan';
import { SRC } from '../../rules/sources';
import type { EmittedBlock, Why } from '../types';
import { containerParts, prefix, rekey } from './containerParts';
import { emitYaml } from './yamlLines';

function envHeaderWhy(plan: Plan): Why {
  return {
    text:
      plan.gomaxprocs.mode === 'runtime'
        ? 'Runtime settings for the Go process. GOMAXPROCS is deliberately absent: ' + plan.gomaxprocs.why.text
        : 'Runtime settings for the Go process, read once at start (env vars do not change on in-place resize).',
    evidence: plan.gomaxprocs.why.evidence,
    sources: [SRC.runtimeEnv, ...plan.gomaxprocs.why.sources],
  };
}

function headerWhy(plan: Plan): Why {
  const s = plan.settings;
  return {
    text: 'Both the toolchain and the go.mod go line decide the GOMAXPROCS default since Go 1.25 (GODEBUG containermaxprocs/updatemaxprocs follow the go line).',
    evidence: [`Go ${s.goVersion || '?'}`, `go.mod go ${s.goModVersion || '?'}`],
    sources: [SRC.godebug, SRC.runtimeGOMAXPROCS],
  };
}

function header(plan: Plan): string {
  const s = plan.settings;
  const first = `gotune: Go ${s.goVersion || '?'}, go.mod go ${s.goModVersion || '?'}`;
  return plan.gomaxprocs.mode === 'runtime' ? `${first}\nGOMAXPROCS unset: Go follows the CPU limit (→ ${plan.gomaxprocs.expected})` : first;
}

export function emitHelmValues(plan: Plan, variant: 'env' | 'extraEnvVars' = 'env'): EmittedBlock {
  const parts = containerParts(plan);
  const key = variant;
  const value: Record<string, unknown> = { resources: parts.resources };
  if (parts.env.length) value[key] = parts.env;
  const whys = rekey(parts.whys, 'env', key);
  whys.set(key, envHeaderWhy(plan));
  const comments = rekey(parts.comments, 'env', key);
  const { text, lines } = emitYaml(value, { whys, comments, header: header(plan), documentWhy: headerWhy(plan) });
  return {
    id: variant === 'env' ? 'helm' : 'helm-extra',
    title: variant === 'env' ? 'Helm values' : 'Helm values (extraEnvVars)',
    filename: variant === 'env' ? 'values.yaml' : 'values-extraEnvVars.yaml',
    language: 'yaml',
    text,
    lines,
  };
}

export function emitKubernetesContainer(plan: Plan): EmittedBlock {
  const parts = containerParts(plan);
  const container: Record<string, unknown> = { name: 'app', resources: parts.resources };
  if (parts.env.length) container.env = parts.env;
  const whys = prefix(parts.whys, '0');
  whys.set('0.env', envHeaderWhy(plan));
  whys.set('0', {
    text: 'One entry of spec.template.spec.containers in a Deployment; rename "app" to your container.',
    evidence: [],
    sources: [SRC.k8sResources],
  });
  const { text, lines } = emitYaml([container], {
    whys,
    comments: prefix(parts.comments, '0'),
    header: `${header(plan)}\nspec.template.spec.containers:`,
    documentWhy: headerWhy(plan),
  });
  return { id: 'k8s', title: 'Kubernetes env', filename: 'container.yaml', language: 'yaml', text, lines };
}
