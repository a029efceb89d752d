// Registers the service worker (dist/sw.js) in production builds only: the dev
// server serves modules that change on every edit and must not be cached.

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || location.protocol === 'file:') return;
  navigator.serviceWorker.register('./sw.js').catch(() => {
    // Offline use is a convenience; the app works without it.
  });
}
