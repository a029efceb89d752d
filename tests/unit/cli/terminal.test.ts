// Nothing from an input reaches the terminal raw: `npm run analyze` on a real
// /metrics scrape with a crafted line (OSC 52 clipboard write, clear screen,
// 8-bit CSI, a bidi override, a line separator, a fake "all inputs OK") under a
// crafted file name. stderr shows those characters as escapes; stdout is JSON
// with them as \u escapes (the same value when parsed).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forTerminal, jsonForTerminal } from '../../../src/cli/terminalText';
import { repoRoot } from '../paths';

/** Characters a terminal acts on: C0 but \n, DEL, C1, bidi controls, line/paragraph separators. */
const ACTIVE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;

describe('forTerminal and jsonForTerminal', () => {
  const every = Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join('') + '\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u2028\u2029';
  it('escape every control, bidi and separator character and leave the rest', () => {
    const out = forTerminal(every + ' plain é 日本 🙂');
    expect(out).not.toMatch(ACTIVE);
    expect(out).not.toContain('\n');
    expect(out).toContain('\\x1b');
    expect(out).toContain('\\x9b');
    expect(out).toContain('\\u202e');
    expect(out).toContain('\\u2028');
    expect(out.endsWith(' plain é 日本 🙂')).toBe(true);
  });
  it('JSON keeps its value and loses the active characters', () => {
    const value = { name: every, nested: [every, { k: `\u202E${every}` }] };
    const json = jsonForTerminal(JSON.stringify(value, null, 2));
    expect(json.replace(/\n/g, '')).not.toMatch(ACTIVE);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('npm run analyze with a crafted line and file name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gotune-term-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const attack = '\u001b]52;c;aGVsbG8=\u0007\u001b[2J\u001b[H\u009b2J\u202Egotune: all inputs OK\u2028';
  const name = `scrape${attack.replace(/\//g, '')}.txt`;
  const file = join(dir, name);
  writeFileSync(file, readFileSync(resolve(repoRoot, 'tests/fixtures/metrics/scrape-1.txt'), 'utf8') + attack + '\n');

  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/analyze.ts', file], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });

  it('the crafted line is reported (so the check can fail)', () => {
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/warning: line \d+ is not a metric sample and was skipped/);
  });
  it('stderr: the name and the line only as escapes', () => {
    for (const line of r.stderr.split('\n')) expect(line).not.toMatch(ACTIVE);
    expect(r.stderr).toContain('\\x1b]52;c;aGVsbG8=\\x07\\x1b[2J');
    expect(r.stderr).toContain('\\x9b2J\\u202egotune: all inputs OK\\u2028');
  });
  it('stdout: JSON with the same name, no active character raw', () => {
    expect(r.stdout.replace(/\n/g, '')).not.toMatch(ACTIVE);
    const report = JSON.parse(r.stdout);
    expect(report.inputs[0].name).toBe(name);
    expect(report.inputs[0].warnings.join('\n')).toContain(attack.slice(0, 20));
  });
});
