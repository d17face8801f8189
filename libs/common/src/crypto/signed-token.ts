import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A token that proves the server issued it for `id` and `purpose`: `id.HMAC(secret, purpose:id)`.
 * Nothing secret needs storing: the row named by `id` says whether it is still usable.
 */
export function signToken(secret: string, purpose: string, id: string): string {
  return `${id}.${createHmac('sha256', secret).update(`${purpose}:${id}`).digest('base64url')}`;
}

/** The id inside a token, if the token is genuine (constant-time comparison). */
export function verifySignedToken(secret: string, purpose: string, token: string): string | undefined {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const id = token.slice(0, dot);
  const expected = Buffer.from(signToken(secret, purpose, id));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : undefined;
}

/** Hex SHA-256, for storing bearer secrets (refresh tokens) without storing them. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Purpose of the one-time links that set a password (invitations and resets). */
export const PASSWORD_TOKEN_PURPOSE = 'password-token';

/**
 * Where a one-time password link leads: the web app's page, with the token in the URL fragment,
 * which browsers never send to a server (so it reaches no access log and no Referer). The API's
 * own form (`/api/auth/password-reset?token=`) still answers links sent before.
 */
export function passwordLinkPath(token: string): string {
  return `/set-password#token=${encodeURIComponent(token)}`;
}

/** Purpose of the single-use links in an email that acknowledge a task in one step. */
export const ACKNOWLEDGE_LINK_PURPOSE = 'task-acknowledge-link';

/** Where an acknowledgement link leads: the web app's confirmation page, the token in the fragment. */
export function acknowledgeLinkPath(token: string): string {
  return `/ack#token=${encodeURIComponent(token)}`;
}
