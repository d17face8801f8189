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

/** Where a one-time password link leads (the API serves the form). */
export function passwordLinkPath(token: string): string {
  return `/api/auth/password-reset?token=${encodeURIComponent(token)}`;
}
