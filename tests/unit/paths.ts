// Where the repository and the optional ../shared folder are, for tests.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** ../shared beside the project, or undefined when this machine has none. */
export const sharedDir: string | undefined = (() => {
  const d = resolve(repoRoot, '../shared');
  return existsSync(d) ? d : undefined;
})();

/** Every file under a folder, at any depth. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}
