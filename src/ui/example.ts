// The example session: real files made by tools/fixtures, listed in
// public/examples/manifest.json and fetched from the page's own origin.

import type { NewInput } from './state/session.svelte';

export interface ExampleManifest {
  name: string;
  files: { path: string; name?: string; about?: string }[];
}

export async function loadExample(): Promise<{ name: string; inputs: NewInput[] }> {
  const res = await fetch('examples/manifest.json');
  if (!res.ok) throw new Error(`examples/manifest.json: HTTP ${res.status}`);
  const m = (await res.json()) as ExampleManifest;
  const inputs = await Promise.all(
    m.files.map(async (f) => {
      const r = await fetch(`examples/${f.path}`);
      if (!r.ok) throw new Error(`examples/${f.path}: HTTP ${r.status}`);
      return { name: f.name ?? f.path.split('/').pop()!, blob: await r.blob() };
    }),
  );
  return { name: m.name, inputs };
}
