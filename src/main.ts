import { mount } from 'svelte';
import './ui/styles.css';
import App from './ui/App.svelte';
import { workerClient } from './ui/workerClient';
import { registerServiceWorker } from './offline/register';
import { chartLayout } from './ui/charts/layout';

// The worker is started first, before the page is drawn: loading and compiling its script is the
// longest step on the way from reopening a saved trace to its flame graph (it ran only when the view
// first asked for it), and here it overlaps with reading the session from IndexedDB and drawing it.
workerClient();
const app = mount(App, { target: document.getElementById('app')! });
registerServiceWorker();

// For end-to-end tests: how many inputs this page's workers have parsed.
// And where each chart drew its legend and its plot, to check they do not overlap.
// And whether the last execution trace was read in chunks by workers of their own.
(window as unknown as { __gotune: unknown }).__gotune = { parses: () => workerClient().parses(), traceChunks: () => workerClient().traceChunks(), chartLayout };

export default app;
