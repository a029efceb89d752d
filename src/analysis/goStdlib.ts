// Whether a Go function name belongs to the standard library (runtime.*,
// sync.(*Mutex).Lock, net/http.(*conn).serve, internal/poll…, vendored
// golang.org/x in std). Such names are not secrets and carry the meaning of a
// stack, so redaction keeps them. User code — main.*, module paths with a
// dot (github.com/…), and dotless module paths that are not std packages —
// is not std.

/** Top-level directories of GOROOT/src (Go 1.19–1.27). */
const STD_ROOTS = new Set([
  'archive', 'bufio', 'builtin', 'bytes', 'cmp', 'compress', 'container', 'context', 'crypto', 'database', 'debug', 'embed', 'encoding',
  'errors', 'expvar', 'flag', 'fmt', 'go', 'hash', 'html', 'image', 'index', 'internal', 'io', 'iter', 'log', 'maps', 'math', 'mime', 'net',
  'os', 'path', 'plugin', 'reflect', 'regexp', 'runtime', 'slices', 'sort', 'strconv', 'strings', 'structs', 'sync', 'syscall', 'testing',
  'text', 'time', 'unicode', 'unique', 'unsafe', 'vendor', 'weak',
]);

/** The import path of a function name: "net/http.(*conn).serve" → "net/http". */
export function packageOf(func: string): string {
  const slash = func.lastIndexOf('/');
  const dot = func.indexOf('.', slash + 1);
  return dot < 0 ? func : func.slice(0, dot);
}

export function isStdFunc(func: string): boolean {
  const pkg = packageOf(func);
  const root = pkg.split('/')[0];
  return STD_ROOTS.has(root) && !root.includes('.');
}

/** A file path as std code records it under -trimpath ("runtime/proc.go", "net/http/server.go"). */
export function isStdFile(path: string): boolean {
  return !path.startsWith('/') && STD_ROOTS.has(path.split('/')[0]) && path.includes('/');
}
