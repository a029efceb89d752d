// Hash routes: #/ (start), #/s/<session id>, and pages registered in
// views/registry.ts (#/<path>/…). Query-like state after "?" stays with the page.

function parse(hash: string): { path: string[]; query: string } {
  const h = hash.replace(/^#\/?/, '');
  const q = h.indexOf('?');
  const p = q >= 0 ? h.slice(0, q) : h;
  return { path: p.split('/').filter(Boolean).map(safeDecode), query: q >= 0 ? h.slice(q + 1) : '' };
}

/** A damaged %-escape in a pasted link must not stop the app: keep the raw text. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

class Router {
  path = $state<string[]>([]);
  query = $state('');

  constructor() {
    if (typeof window === 'undefined') return;
    const update = () => {
      const r = parse(window.location.hash);
      this.path = r.path;
      this.query = r.query;
    };
    update();
    window.addEventListener('hashchange', update);
  }

  go(path: string) {
    window.location.hash = path.startsWith('#') ? path : `#/${path.replace(/^\//, '')}`;
  }

  /** Replace the query part of the current route without adding history. */
  setQuery(query: string) {
    const base = '#/' + this.path.map(encodeURIComponent).join('/');
    history.replaceState(null, '', query ? `${base}?${query}` : base);
    this.query = query;
  }
}

export const router = new Router();
