// Untrusted text (names, labels, log lines) reaches the page only as text:
// no {@html} in components, no eval, and raw-HTML assignment only where the
// markup is the page's own (the static HTML export copies rendered nodes and
// ECharts' SVG). Fails when someone adds a new raw-HTML sink.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../paths';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|svelte|js)$/.test(e) ? [p] : [];
  });
}

const src = join(repoRoot, 'src');
/** Files allowed to set innerHTML/outerHTML, with why. */
const RAW_HTML_ALLOWED: Record<string, string> = {
  'src/ui/export/htmlReport.ts': 'copies already-rendered report nodes and ECharts SVG into a static file',
};

describe('no raw-HTML sinks for untrusted text', () => {
  const all = files(src).map((f) => ({ file: relative(repoRoot, f), text: readFileSync(f, 'utf8') }));

  it('scans the sources', () => {
    expect(all.length).toBeGreaterThan(20);
  });

  it('no {@html} in components', () => {
    expect(all.filter((f) => f.file.endsWith('.svelte') && f.text.includes('{@html')).map((f) => f.file)).toEqual([]);
  });

  it('no eval or new Function (the CSP forbids them too)', () => {
    expect(all.filter((f) => /\beval\(|new Function\(/.test(f.text)).map((f) => f.file)).toEqual([]);
  });

  it('innerHTML/outerHTML/insertAdjacentHTML/document.write only in the allowed files', () => {
    const sinks = all.filter((f) => /\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write/.test(f.text) && !RAW_HTML_ALLOWED[f.file]).map((f) => f.file);
    expect(sinks).toEqual([]);
  });

  it('hand-built tooltip HTML that shows a string from the data escapes it', () => {
    // A formatter interpolating p.name / p.seriesName / a string column must go through escapeHtml.
    const risky = all.filter((f) => f.file.endsWith('.ts') && /formatter:[^\n]*\$\{(p|params)\.(name|seriesName)\}/.test(f.text)).map((f) => f.file);
    expect(risky).toEqual([]);
  });
});
