// Full URLs of permalinks for this page (origin + path; the report is in the fragment).

import { LINK_ROUTE } from '../../report/permalink/types';

/** The page's address without its fragment, e.g. https://host/gotune/. */
export function linkBase(): string {
  return `${location.origin}${location.pathname}${location.search}`;
}

export function shareUrl(payload: string): string {
  return `${linkBase()}${LINK_ROUTE}${payload}`;
}

/** A file-name-safe version of a session name. */
export function safeFileName(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'session';
}
