// The browser tab's title: what the page shows, so tabs and history entries
// of different sessions can be told apart.

export const APP_TITLE = 'gotune — Go runtime analyzer';

export function setPageTitle(what?: string): void {
  document.title = what ? `${what} — gotune` : APP_TITLE;
}
