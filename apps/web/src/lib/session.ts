/**
 * The session: the access token lives in this module's memory only (never in localStorage or a
 * URL); the refresh token is an httpOnly cookie the browser sends to /api/auth alone. A page load
 * restores the session with one silent refresh; the token is renewed shortly before it expires.
 */
type Listener = (signedIn: boolean) => void;

let accessToken: string | null = null;
let renewTimer: ReturnType<typeof setTimeout> | undefined;
let inFlight: Promise<boolean> | null = null;
const listeners = new Set<Listener>();

/** The header the API requires before it reads the refresh cookie (a cross-site form cannot set it). */
export const WEB_CLIENT_HEADER = { 'X-Dondoc-Client': 'web' } as const;

export interface TokenAnswer {
  accessToken: string;
  expiresIn: number;
}

export function getAccessToken(): string | null {
  return accessToken;
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Keeps a new access token and schedules its renewal a minute (or a fifth of its life) early. */
export function setSession(answer: TokenAnswer | null): void {
  clearTimeout(renewTimer);
  const was = accessToken !== null;
  accessToken = answer?.accessToken ?? null;
  if (answer) {
    const lead = Math.min(60, answer.expiresIn / 5);
    renewTimer = setTimeout(() => void refreshSession(), Math.max(5, answer.expiresIn - lead) * 1000);
  }
  if (was !== (accessToken !== null)) listeners.forEach((listener) => listener(accessToken !== null));
}

/** Exchanges the refresh cookie for a new access token; one exchange at a time. */
export function refreshSession(): Promise<boolean> {
  inFlight ??= (async () => {
    try {
      const response = await fetch('/api/auth/refresh', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', ...WEB_CLIENT_HEADER },
        body: '{}',
      });
      if (!response.ok) {
        setSession(null);
        return false;
      }
      setSession((await response.json()) as TokenAnswer);
      return true;
    } catch {
      return accessToken !== null;
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}
