// `npm run analyze` inputs: a regular file is opened as a source read in windows;
// the others are read whole: a pipe whole, a device that never ends (/dev/zero)
// stops at the cap with a message, and a named pipe with no writer gives up
// with a message instead of hanging (the old check read the size from stat,
// which is 0 for all of these).

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openInputCapped, readInputCapped } from '../../../src/cli/readInput';
import { isByteSource, wholeBytes } from '../../../src/formats/byteSource';
import { repoRoot } from '../paths';

const log = resolve(repoRoot, 'tests/fixtures/godebug/gctrace-basic.log');
const dir = mkdtempSync(join(tmpdir(), 'gotune-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MiB = 1 << 20;

function mkfifo(name: string): string {
  const p = join(dir, name);
  execFileSync('mkfifo', [p]);
  return p;
}

describe('openInputCapped', () => {
  it('a regular file is not read: a source of windows at any offset; over the cap it is refused from its size', () => {
    const o = openInputCapped(log);
    try {
      expect(isByteSource(o.input)).toBe(true);
      expect(Buffer.from(wholeBytes(o.input))).toEqual(readFileSync(log));
      const win = new Uint8Array(10);
      const src = o.input as Exclude<typeof o.input, Uint8Array>;
      expect(src.readInto(win, 100)).toBe(10);
      expect(Buffer.from(win)).toEqual(readFileSync(log).subarray(100, 110));
      expect(src.readInto(new Uint8Array(10), src.size - 4)).toBe(4);
    } finally {
      o.close();
    }
    expect(() => openInputCapped(log, { cap: 100 })).toThrowError(/over the 100 B limit/);
  });

  it('a FIFO is read whole, as before', () => {
    const p = mkfifo('open-late');
    const writer = spawn('sh', ['-c', `sleep 0.3; cat "${log}" > "${p}"`], { stdio: 'ignore' });
    try {
      const o = openInputCapped(p, { fifoWaitMs: 20_000 });
      expect(o.input).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(o.input as Uint8Array)).toEqual(readFileSync(log));
    } finally {
      writer.kill();
    }
  });
});

describe('readInputCapped', () => {
  it('a regular file is read whole; one over the cap is refused from its size', () => {
    expect(Buffer.from(readInputCapped(log))).toEqual(readFileSync(log));
    expect(() => readInputCapped(log, { cap: 100 })).toThrowError(/over the 100 B limit/);
  });

  it.skipIf(!existsSync('/dev/zero'))('/dev/zero stops at the cap with a message naming it', () => {
    expect(() => readInputCapped('/dev/zero', { cap: 3 * MiB })).toThrowError(/over the 3\.00 MiB limit \(more than 3\.00 MiB read without reaching its end; pipes and devices are read only up to the limit\)/);
  });

  it('a FIFO with no writer gives up after the wait, with a message', () => {
    const p = mkfifo('nobody');
    expect(() => readInputCapped(p, { fifoWaitMs: 300 })).toThrowError(/named pipe \(FIFO\) and no program wrote to it within 0\.3 s/);
  });

  it('a FIFO whose writer comes later is read whole', () => {
    const p = mkfifo('late');
    const writer = spawn('sh', ['-c', `sleep 0.3; cat "${log}" > "${p}"`], { stdio: 'ignore' });
    try {
      expect(Buffer.from(readInputCapped(p, { fifoWaitMs: 20_000 }))).toEqual(readFileSync(log));
    } finally {
      writer.kill();
    }
  });

  it('a FIFO fed more than the cap stops at the cap', () => {
    const p = mkfifo('flood');
    const writer = spawn('sh', ['-c', `head -c ${8 * MiB} /dev/zero > "${p}"`], { stdio: 'ignore' });
    try {
      expect(() => readInputCapped(p, { cap: 2 * MiB, fifoWaitMs: 20_000 })).toThrowError(/over the 2\.00 MiB limit/);
    } finally {
      writer.kill();
    }
  });
});

describe('npm run analyze on a pipe', () => {
  const analyze = `"${process.execPath}" --import tsx src/cli/analyze.ts`;
  it.each([
    ['a shell pipe', () => spawnSync('sh', ['-c', `cat "${log}" | ${analyze} /dev/stdin`], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 })],
    ['a parent process (a socket)', () => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/analyze.ts', '/dev/stdin'], { cwd: repoRoot, input: readFileSync(log), encoding: 'utf8', timeout: 60_000 })],
  ])('/dev/stdin from %s is read whole and analysed', (_how, run) => {
    const r = run();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.inputs[0].name).toBe('stdin');
    expect(report.inputs[0].bytes).toBe(readFileSync(log).length);
    expect(report.inputs[0].gc.cycles).toBeGreaterThan(0);
  });
});

describe('npm run analyze names the input it could not read', () => {
  it('by the path given, with the reason', () => {
    const p = join(dir, 'no-such-dir', 'x.log');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/analyze.ts', p], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^gotune: ${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot read the file: ENOENT`));
    expect(JSON.parse(r.stdout).inputs[0].name).toBe('x.log');
  });
});
