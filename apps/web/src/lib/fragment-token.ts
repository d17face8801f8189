import { useEffect, useState } from 'react';

/** The `token` of a one-time link's URL fragment (`…#token=…`), or null. */
export function readFragmentToken(): string | null {
  const token = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');
  return token?.trim() ? token.trim() : null;
}

/** Removes the fragment from the address bar without a new history entry (the router's state is kept). */
export function clearFragment(): void {
  if (!window.location.hash) return;
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
}

/**
 * The token of a one-time link (`/set-password#token=…`, `/ack#token=…`), read once when the page
 * opens; the fragment is then removed from the address bar, so the token stays out of history,
 * bookmarks and shared screens. Browsers never send a fragment to a server (no access log, no
 * Referer): the token goes only into the body of the API call that uses it.
 */
export function useFragmentToken(): string | null {
  // Reading is pure (the fragment is removed only after the first render), so a repeated
  // initialiser in StrictMode reads the same token.
  const [token] = useState(readFragmentToken);
  useEffect(clearFragment, []);
  return token;
}
