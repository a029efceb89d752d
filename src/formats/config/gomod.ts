// go.mod and Go source files: the `go` / `toolchain` lines, `godebug`
// directives and //go:debug lines, automaxprocs / automemlimit, cgo imports,
// and Go calls the wizard's myths are about (debug.SetMemoryLimit(0),
// runtime.MemLimitThreshold).

import { lineFinder } from '../../lib/lineFinder';
import { emptyModel, lineAt, splitGodebug, type ConfigModel } from './model';

function findRef(text: string, re: RegExp): { text: string; line: number } | undefined {
  const m = re.exec(text);
  return m ? { text: m[0], line: lineAt(text, m.index) } : undefined;
}

export function parseGoMod(text: string): ConfigModel {
  const model = emptyModel('go.mod');
  const go = /^go\s+(1\.\d+(?:\.\d+)?)\s*$/m.exec(text);
  if (go) model.goModVersion = go[1];
  // (?!\d): the version takes all its digits, else `\d+` and `\S*` share a long digit run and backtrack quadratically (fuzzing: 135 KB line, 21 s).
  const tc = /^toolchain\s+go(1\.\d+(?:\.\d+)?)(?!\d)\S*\s*$/m.exec(text);
  if (tc) model.goVersion = tc[1];
  model.automaxprocs = findRef(text, /go\.uber\.org\/automaxprocs/);
  model.automemlimit = findRef(text, /github\.com\/KimMachineGun\/automemlimit/);
  // godebug key=value, or a godebug ( … ) block, line by line: a block's end was
  // searched by a lazy regex from every `godebug (`, quadratic when none closes
  // (200 KB of them took 0.7 s, a 1 MiB file would take about 20 s).
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)); // CRLF files too
  for (let i = 0; i < lines.length; i++) {
    const one = /^godebug[ \t]+([^\s(][^\n]*)$/.exec(lines[i]);
    if (one) model.godebug.push(...splitGodebug(one[1].replace(/\/\/.*$/, '').trim(), 'go.mod godebug', i + 1));
    else if (/^godebug[ \t]*\([ \t]*$/.test(lines[i])) {
      let end = i + 1;
      while (end < lines.length && !lines[end].startsWith(')')) end++;
      if (end === lines.length) break; // never closed: no block here, nor in any later opening
      for (let k = i + 1; k < end; k++) {
        const entry = lines[k].replace(/\/\/.*$/, '').trim();
        if (entry) model.godebug.push(...splitGodebug(entry, 'go.mod godebug', k + 1));
      }
      i = end;
    }
  }
  return model;
}

export function parseGoSource(text: string): ConfigModel {
  const model = emptyModel('go-source');
  model.automaxprocs = findRef(text, /"go\.uber\.org\/automaxprocs(?:\/maxprocs)?"/);
  model.automemlimit = findRef(text, /"github\.com\/KimMachineGun\/automemlimit(?:\/memlimit)?"/);
  // [ \t]*, not \s*: \s* crosses line ends and goes quadratic on blank lines (see format.ts sniffConfig).
  if (/^[ \t]*import[ \t]+"C"[ \t]*$/m.test(text)) model.cgo = true;
  const lineOf = lineFinder(text);
  // [ \t]+: the value is on the directive's own line.
  for (const m of text.matchAll(/^\/\/go:debug[ \t]+(\S+)/gm)) model.godebug.push(...splitGodebug(m[1], '//go:debug', lineOf(m.index ?? 0)));
  const calls: [RegExp, string][] = [
    [/\b(?:runtime|debug)\.MemLimitThreshold\b/g, 'MemLimitThreshold'],
    [/\bdebug\.SetMemoryLimit\(\s*0\s*\)/g, 'SetMemoryLimit(0)'],
  ];
  for (const [re, what] of calls) {
    for (const m of text.matchAll(re)) model.goCalls.push({ text: what === 'MemLimitThreshold' ? m[0] : what, line: lineOf(m.index ?? 0) });
  }
  return model;
}
