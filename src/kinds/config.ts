// Config files: what the parser read, linted against what Go and Kubernetes
// really do.

import { lintConfig } from '../analysis/config/lint';
import type { ConfigAnalysis } from '../analysis/config/types';
import { configFormat } from '../formats/config/format';
import { parsed } from './kind';

export const configKind = parsed(configFormat, ['config'], (model) => {
  const findings = lintConfig(model);
  const config: ConfigAnalysis = { flavor: model.flavor, containers: model.containers, findings };
  if (model.goVersion) config.goVersion = model.goVersion;
  if (model.goModVersion) config.goModVersion = model.goModVersion;
  if (model.cgo) config.cgo = true;
  if (model.automaxprocs) config.automaxprocs = true;
  return { config, findings };
});
