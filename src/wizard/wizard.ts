// The wizard in one call: settings → plan → every output block.

import { emitDockerfile } from './emit/dockerfile';
import { emitGoCode } from './emit/gocode';
import { emitHelmValues, emitKubernetesContainer } from './emit/kubernetes';
import { makePlan, type Plan } from './plan';
import type { GcModel } from './gcModel';
import type { EmittedBlock, WizardSettings } from './types';

export interface WizardResult {
  plan: Plan;
  blocks: EmittedBlock[];
}

export function runWizard(settings: WizardSettings, gcModel: GcModel | null = null): WizardResult {
  const plan = makePlan(settings, gcModel);
  return {
    plan,
    blocks: [emitHelmValues(plan, 'env'), emitHelmValues(plan, 'extraEnvVars'), emitKubernetesContainer(plan), emitDockerfile(plan), emitGoCode(plan)],
  };
}
