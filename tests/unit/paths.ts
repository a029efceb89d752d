// Where the repository and the optional ../shared folder are, for tests.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** ../shared beside the project, or undefined when this machine has none. */
export const sharedDir: string | undefined = (() => {
  const d = resolve(repoRoot, '../shared');
  return existsSync(d) ? d : undefined;
})();
