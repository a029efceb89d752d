// dockerfile-ast, made to run where Node's globals do not exist (the app's
// worker). Its only Node dependency is the UTF-8 BOM check of the first
// character, `Uint8Array.from(Buffer.from(char, "UTF-8"))` compared with
// EF BB BF, which it runs on every parse; in the browser that throws
// "Buffer is not defined". The UTF-8 encoding of one UTF-16 code unit is
// EF BB BF exactly when that unit is U+FEFF, so the same answer needs no
// Buffer. Replacing that one static method keeps the library (its grammar:
// escapes, heredocs, parser directives) and gives Node (CLI, unit tests) and
// the browser the same code path. src/ imports DockerfileParser from here,
// never from 'dockerfile-ast' directly.

import { Util } from 'dockerfile-ast/lib/util';

Util.isUTF8BOM = (char: string): boolean => char === '\uFEFF';

export { DockerfileParser } from 'dockerfile-ast';
