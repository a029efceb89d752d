// pprof's filters are Go (RE2) regular expressions. Most RE2 syntax is valid
// JavaScript; this translates the parts that are not (POSIX classes, a leading
// (?i) / (?s) flag group) and reports bad patterns as readable errors.

const POSIX: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s',
  word: '\\w', xdigit: '0-9A-Fa-f', punct: '!-\\/:-@\\[-`{-~', blank: ' \\t', cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~', graph: '!-~', ascii: '\\x00-\\x7f',
};

export function goRegexp(src: string, what = 'regexp'): RegExp {
  let flags = 'u';
  let s = src;
  const m = /^\(\?([is]+)\)/.exec(s);
  if (m) {
    if (m[1].includes('i')) flags += 'i';
    if (m[1].includes('s')) flags += 's';
    s = s.slice(m[0].length);
  }
  s = s.replace(/\[:(\^?)([a-z]+):\]/g, (all, neg: string, name: string) => (POSIX[name] && !neg ? POSIX[name] : all));
  s = s.replace(/\\z/g, '$').replace(/\\A/g, '^');
  try {
    return new RegExp(s, flags);
  } catch {
    try {
      return new RegExp(s, flags.replace('u', ''));
    } catch (e) {
      throw new Error(`${what} "${src}" is not a valid regular expression: ${(e as Error).message}`);
    }
  }
}
