// Every input kind in the real browser: a person drops one committed fixture
// of each kind (Dockerfile, Deployment, Helm values, go.mod, gctrace,
// schedtrace, pprof binary and text, goroutine dump, execution trace,
// /metrics, /debug/vars) and reads each one's result: analysed, no error, its
// view on the page. The worker bundle has no Node globals; a library that
// needs one fails here (dockerfile-ast's Buffer did, for every Dockerfile).

import { readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { FIXTURE_KINDS } from '../fixtures/kinds';
import { dropFiles, fixture, repoRoot } from './helpers';

test('one fixture of every kind, dropped together, each shows its view and no error', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto('./');
  await dropFiles(page, FIXTURE_KINDS.map((k) => fixture(k.path)));
  const rows = page.getByTestId('input-row');
  await expect(rows).toHaveCount(FIXTURE_KINDS.length);
  await expect(page.locator('[data-testid=input-row]:is([data-status=done],[data-status=failed])')).toHaveCount(FIXTURE_KINDS.length, { timeout: 60_000 });
  expect(await page.getByTestId('input-error').allTextContents()).toEqual([]);
  for (const k of FIXTURE_KINDS) {
    const name = basename(k.path);
    await test.step(k.label, async () => {
      const row = page.locator(`[data-testid=input-row][data-input-name="${name}"]`);
      await expect(row).toHaveAttribute('data-status', 'done');
      await expect(row).not.toContainText('internal error');
      const view = page.getByTestId(`view-${k.view}`).filter({ has: page.getByRole('heading', { name: new RegExp(`— ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
      await view.scrollIntoViewIfNeeded();
      await expect(view).toBeVisible();
      await expect(view.getByRole('alert')).toHaveCount(0);
    });
  }
  await expect(page.locator('.view-failed')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('the Dockerfile alone: its lint is on the page, not "Buffer is not defined"', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('config/Dockerfile.scratch-env')]);
  await expect(page.locator('[data-testid=input-row]:is([data-status=done],[data-status=failed])')).toHaveCount(1);
  expect(await page.getByTestId('input-error').allTextContents()).toEqual([]);
  await expect(page.getByTestId('view-config')).toBeVisible();
});

// Code paths the fixtures above do not reach: the built bundles themselves may
// name a Node global only behind a `typeof X` guard (yaml's base64 helper is),
// or in dockerfile-ast's Util.isUTF8BOM, which src/formats/config/dockerfileAst.ts
// replaces before any parse. acorn is the parser Svelte's compiler uses.
test('the built page and worker name no Node global outside a typeof guard', async () => {
  const { parse } = await import('acorn');
  const NODE_GLOBALS = new Set(['Buffer', 'process', 'global', 'require', '__dirname', '__filename', 'setImmediate']);
  const REPLACED_METHODS = new Set(['isUTF8BOM']);
  type Node = { type: string; start: number; end: number; [k: string]: unknown };
  const dir = resolve(repoRoot, 'dist/assets');
  const bundles = readdirSync(dir).filter((f) => f.endsWith('.js'));
  expect(bundles.some((f) => f.startsWith('worker'))).toBe(true);
  const unguarded: string[] = [];
  for (const f of bundles) {
    const src = readFileSync(resolve(dir, f), 'utf8');
    const text = (n: unknown) => src.slice((n as Node).start, (n as Node).end);
    const guarded = (name: string, path: { node: Node; key: string }[]) =>
      path.some(({ node, key }) => {
        const typeofIt = new RegExp(`typeof ${name}\\b`);
        if ((node.type === 'ConditionalExpression' || node.type === 'IfStatement') && key !== 'test') return typeofIt.test(text(node.test));
        if (node.type === 'LogicalExpression' && key === 'right') return typeofIt.test(text(node.left));
        if (node.type === 'MethodDefinition') return REPLACED_METHODS.has(text(node.key));
        return false;
      });
    const walk = (node: Node, path: { node: Node; key: string }[]) => {
      const parent = path[path.length - 1];
      if (node.type === 'Identifier' && NODE_GLOBALS.has(node.name as string)) {
        const p = parent?.node;
        const isName =
          (p?.type === 'MemberExpression' && parent.key === 'property' && !p.computed) ||
          ((p?.type === 'Property' || p?.type === 'MethodDefinition' || p?.type === 'PropertyDefinition') && parent.key === 'key' && !p.computed);
        const isTypeof = p?.type === 'UnaryExpression' && p.operator === 'typeof';
        if (!isName && !isTypeof && !guarded(node.name as string, path)) unguarded.push(`${f}: …${src.slice(Math.max(0, node.start - 60), node.end + 40)}…`);
      }
      for (const [key, v] of Object.entries(node)) {
        for (const c of Array.isArray(v) ? v : [v]) if (c && typeof c === 'object' && typeof (c as Node).type === 'string') walk(c as Node, [...path, { node, key }]);
      }
    };
    walk(parse(src, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as Node, []);
  }
  expect(unguarded).toEqual([]);
});
