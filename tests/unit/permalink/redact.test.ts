// Redaction: with names on, no function or file name of the program (anything
// outside the standard library) of any fixture report is left anywhere in the
// decoded link (findings' text included), and standard-library names
// (runtime.*, sync.*, net/http…) stay readable; labels, input
// file names and command lines go when asked; hashes are stable across links.

import { describe, expect, it } from 'vitest';
import { collectNames, hashFunc, redactReport } from '../../../src/report/permalink/redact';
import { isStdFile, isStdFunc } from '../../../src/analysis/goStdlib';
import { decodeShareLink, makeShareLink } from '../../../src/report/permalink/share';
import { NO_REDACTION } from '../../../src/report/permalink/types';
import { fixtureSessions, sessionReport, TYPICAL } from './sessions';

function decoded(files: string[], redact = { names: true, labels: true, files: true, cmdline: true }): string {
  const link = makeShareLink({ report: sessionReport(files), name: files.join(' + '), redact });
  const back = decodeShareLink(link.payload);
  if (!back.ok) throw new Error(back.error.message);
  return JSON.stringify(back.shared.report);
}

describe('permalink redaction', () => {
  for (const [name, files] of fixtureSessions()) {
    it(`${name}: no function or file name of the program survives; std names stay`, () => {
      const report = sessionReport(files);
      const { funcs, files: paths } = collectNames(report);
      const text = decoded(files, { names: true, labels: false, files: false, cmdline: false });
      for (const f of [...[...funcs].filter((f) => !isStdFunc(f)), ...[...paths].filter((p) => !isStdFile(p))]) {
        if (f.length < 4) continue;
        expect(text.includes(f), `${f} is still in the link`).toBe(false);
      }
      for (const f of [...funcs].filter(isStdFunc)) expect(text.includes(hashFunc(f)), `${f} was hashed`).toBe(false);
    });
  }

  it('finds the profile functions and dump frames it has to hide', () => {
    const { funcs, files } = collectNames(sessionReport(TYPICAL));
    const r = sessionReport(TYPICAL);
    for (const row of r.inputs[1].profile!.top) expect(funcs.has(row.name)).toBe(true);
    for (const fr of r.inputs[2].goroutines!.groups[0].stack) {
      expect(funcs.has(fr.func)).toBe(true);
      expect(files.has(fr.file)).toBe(true);
    }
  });

  it('hashes are stable: the same function gets the same hash in two different sessions', () => {
    const a = redactReport(sessionReport(['pprof/cpu.pb.gz']), { ...NO_REDACTION, names: true });
    const b = redactReport(sessionReport(['pprof/cpu_b.pb.gz']), { ...NO_REDACTION, names: true });
    const orig = sessionReport(['pprof/cpu.pb.gz']).inputs[0].profile!.top;
    const shared = orig.map((r) => r.name).filter((n) => !isStdFunc(n) && sessionReport(['pprof/cpu_b.pb.gz']).inputs[0].profile!.top.some((x) => x.name === n));
    expect(shared.length).toBeGreaterThan(0);
    for (const n of shared) {
      expect(a.inputs[0].profile!.top.some((r) => r.name === hashFunc(n))).toBe(true);
      expect(b.inputs[0].profile!.top.some((r) => r.name === hashFunc(n))).toBe(true);
    }
    // Figures are untouched.
    expect(a.inputs[0].profile!.totals).toEqual(sessionReport(['pprof/cpu.pb.gz']).inputs[0].profile!.totals);
  });

  it('input file names and the session name go when asked', () => {
    const files = TYPICAL;
    const text = decoded(files, { names: false, labels: false, files: true, cmdline: false });
    for (const f of ['gctrace-limit.log', 'cpu.pb.gz', 'leak-1.debug2.txt']) expect(text).not.toContain(f);
    expect(makeShareLink({ report: sessionReport(files), name: 'gctrace-limit.log +2', redact: { ...NO_REDACTION, files: true } }).shared.name).toBe('Shared report');
    expect(JSON.parse(text).inputs.map((i: { name: string }) => i.name)).toEqual(['input 1 (godebug)', 'input 2 (pprof)', 'input 3 (goroutines)']);
  });

  it('labels go when asked, and stay otherwise', () => {
    const files = ['pprof/goroutine.pb.gz', 'pprof/cpu.pb.gz'];
    const report = sessionReport(files);
    const hasLabels = JSON.stringify(report).includes('"labels"');
    expect(hasLabels).toBe(true);
    expect(decoded(files, { ...NO_REDACTION })).toContain('"labels"');
    expect(decoded(files, { ...NO_REDACTION, labels: true })).not.toContain('"labels"');
  });

  it('the command line goes when asked', () => {
    const files = ['metrics/debug-vars.json'];
    const cmd = sessionReport(files).inputs[0].metrics!.cmdline;
    expect(cmd?.length).toBeGreaterThan(0);
    expect(decoded(files, { ...NO_REDACTION })).toContain('"cmdline"');
    const text = decoded(files, { ...NO_REDACTION, cmdline: true });
    expect(text).not.toContain('"cmdline"');
  });
});

describe('standard-library names', () => {
  it('runtime, sync, net/http, internal and vendored names are std; main, module paths and dotless modules are not', () => {
    for (const f of ['runtime.asyncPreempt', 'runtime.gcBgMarkWorker', 'sync.(*Mutex).Lock', 'net/http.(*conn).serve', 'internal/poll.(*FD).Read', 'vendor/golang.org/x/net/http2/hpack.(*Decoder).Write', 'crypto/tls.(*Conn).Read', 'encoding/json.Marshal'])
      expect(isStdFunc(f), f).toBe(true);
    for (const f of ['main.main', 'main.allocGarbage', 'github.com/acme/svc/handler.(*Server).ServeHTTP', 'example.com/x.F', 'myapp/internal/db.Query', 'gotune-pprofgen/work.fib'])
      expect(isStdFunc(f), f).toBe(false);
    expect(isStdFile('runtime/proc.go')).toBe(true);
    expect(isStdFile('/usr/local/go/src/runtime/proc.go')).toBe(false); // a machine path: hashed
    expect(isStdFile('github.com/acme/svc/main.go')).toBe(false);
  });

  it('runtime.asyncPreempt stays readable in a redacted CPU profile while main.* is hashed', () => {
    const r = redactReport(sessionReport(['pprof/cpu.pb.gz']), { ...NO_REDACTION, names: true });
    const names = r.inputs[0].profile!.top.map((x) => x.name);
    expect(names.some((n) => n.startsWith('runtime.'))).toBe(true);
    expect(names.filter((n) => n.startsWith('main.'))).toEqual([]);
    expect(names.some((n) => n.startsWith('fn_'))).toBe(true);
  });
});
