// The pages of their own (the wizard, shared reports, compare): the route is
// #/<path>, `nav` puts a link in the header. Pages get { params, query } from
// the router (src/ui/state/router.svelte.ts; router.setQuery to keep state in
// the URL).

// Each page's code is loaded when it is first opened: the wizard alone brings
// the `yaml` package (262 KB of source) for its Helm output, and a reopened
// session, the page people land on most, needs none of the three. The script a
// page starts with went from 572 KB to 410 KB (284 + a 127 KB chunk shared with
// the pages); reload → flame graph of a saved trace, bench/RESULTS.md.

import type { Component } from 'svelte';

type PageComponent = Component<{ params: string[]; query: string }>;

export interface PageRoute {
  path: string;
  title: string;
  /** The page's component, loaded on first use (then cached by the module loader). */
  load: () => Promise<{ default: PageComponent }>;
  /** Show a link in the header. */
  nav?: boolean;
}

export const PAGES: PageRoute[] = [
  { path: 'wizard', title: 'Wizard', load: () => import('./WizardPage.svelte'), nav: true },
  { path: 'p', title: 'Shared report', load: () => import('./PermalinkPage.svelte') },
  { path: 'compare', title: 'Compare', load: () => import('./ComparePage.svelte'), nav: true },
];
