// The pages of their own (the wizard, shared reports, compare): the route is
// #/<path>, `nav` puts a link in the header. Pages get { params, query } from
// the router (src/ui/state/router.svelte.ts; router.setQuery to keep state in
// the URL).

import type { Component } from 'svelte';
import WizardPage from './WizardPage.svelte';
import PermalinkPage from './PermalinkPage.svelte';
import ComparePage from './ComparePage.svelte';

export interface PageRoute {
  path: string;
  title: string;
  component: Component<{ params: string[]; query: string }>;
  /** Show a link in the header. */
  nav?: boolean;
}

export const PAGES: PageRoute[] = [
  { path: 'wizard', title: 'Wizard', component: WizardPage, nav: true },
  { path: 'p', title: 'Shared report', component: PermalinkPage },
  { path: 'compare', title: 'Compare', component: ComparePage, nav: true },
];
