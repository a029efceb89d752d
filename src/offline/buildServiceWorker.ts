// Vite plugin (build only): writes dist/sw.js from sw.template.js with the list
// of every built file (except source maps) and a version hashed from that list
// and the files' contents, so a new build replaces the old cache.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, ResolvedConfig } from 'vite';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export function serviceWorker(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'gotune-service-worker',
    apply: 'build',
    configResolved(c) {
      config = c;
    },
    closeBundle() {
      const out = resolve(config.root, config.build.outDir);
      const files = walk(out)
        .map((p) => relative(out, p).split('\\').join('/'))
        .filter((f) => !f.endsWith('.map') && f !== 'sw.js')
        .sort();
      const hash = createHash('sha256');
      for (const f of files) hash.update(f).update(readFileSync(join(out, f)));
      const assets = ['./', ...files.filter((f) => f !== 'index.html')];
      const template = readFileSync(fileURLToPath(new URL('./sw.template.js', import.meta.url)), 'utf8');
      writeFileSync(join(out, 'sw.js'), template.replace("'__VERSION__'", JSON.stringify(hash.digest('hex').slice(0, 16))).replace('__ASSETS__', JSON.stringify(assets)));
    },
  };
}
