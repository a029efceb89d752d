import { mount } from 'svelte';
import './ui/styles.css';
import App from './ui/App.svelte';
import { workerClient } from './ui/workerClient';
import { registerServiceWorker } from './offline/register';

const app = mount(App, { target: document.getElementById('app')! });
registerServiceWorker();

// For end-to-end tests: how many inputs this page's workers have parsed.
(window as unknown as { __gotune: unknown }).__gotune = { parses: () => workerClient().parses() };

export default app;
