// The views in one style (issue 14): no view casts its analysis (the registry
// is typed by key), CSS utilities live once in src/ui/styles.css, the stat and
// card grids are the shared components, and every chart is drawn when it
// scrolls into view (ChartCard or WhenVisible). Fails naming the file.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../paths';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|svelte)$/.test(e) ? [p] : [];
  });
}

const ui = join(repoRoot, 'src/ui');
const all = files(ui).map((f) => ({ file: relative(repoRoot, f), text: readFileSync(f, 'utf8') }));
const svelte = all.filter((f) => f.file.endsWith('.svelte'));
const styleOf = (text: string) => /<style>([\s\S]*?)<\/style>/.exec(text)?.[1] ?? '';
const globalCss = readFileSync(join(ui, 'styles.css'), 'utf8');

/** Utility classes of styles.css that no component may define again. */
const UTILITIES = ['muted', 'small', 'note', 'tag', 'banner', 'controls', 'panel', 'card-stack', 'warn-text', 'error-text'];

describe('one view style', () => {
  it('reads the UI sources', () => {
    expect(svelte.length).toBeGreaterThan(30);
  });

  it('no view casts its analysis (ViewProps<key> carries it typed)', () => {
    const casts = all
      .filter((f) => f.file.startsWith('src/ui/views/'))
      .flatMap((f) => [...f.text.matchAll(/\bas [A-Z]\w*Analysis\b|\binput\.(\w+)!/g)].map((m) => `${f.file}: ${m[0]}`));
    expect(casts).toEqual([]);
  });

  it('each utility class is defined in styles.css and in no component', () => {
    for (const u of UTILITIES) expect(globalCss, u).toMatch(new RegExp(`^(?:button)?\\.${u} \\{`, 'm'));
    // A rule whose selector is the bare class (`.muted {`, `.muted,`) at the start of a line; `h2 .muted` (a modifier) is fine.
    const copies = svelte.flatMap((f) =>
      UTILITIES.filter((u) => new RegExp(`^\\s*\\.${u}\\s*[{,]`, 'm').test(styleOf(f.text))).map((u) => `${f.file}: .${u}`),
    );
    expect(copies).toEqual([]);
  });

  it('the stat and card grids are StatGrid and CardGrid, not hand-rolled copies', () => {
    const grids = svelte
      .filter((f) => !/components\/(StatGrid|CardGrid)\.svelte$/.test(f.file))
      .filter((f) => /repeat\(auto-fill, minmax\(150px|repeat\(auto-fit, minmax\(420px/.test(styleOf(f.text)))
      .map((f) => f.file);
    expect(grids).toEqual([]);
  });

  it('every chart is drawn when it scrolls into view', () => {
    const eager = svelte
      .filter((f) => f.file !== 'src/ui/components/ChartCard.svelte')
      .flatMap((f) => {
        // Each <Chart …/> must sit inside a <WhenVisible> block.
        const out: string[] = [];
        for (const m of f.text.matchAll(/<Chart\b/g)) {
          const before = f.text.slice(0, m.index);
          const open = before.split('<WhenVisible').length - 1;
          const closed = before.split('</WhenVisible>').length - 1;
          if (open <= closed) out.push(`${f.file}:${before.split('\n').length}`);
        }
        return out;
      });
    expect(eager).toEqual([]);
    // And the views do use the lazy card.
    expect(svelte.filter((f) => f.text.includes('<ChartCard')).length).toBeGreaterThanOrEqual(6);
  });
});
