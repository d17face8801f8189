/** What dondoc signs into an access token. */
export interface AccessTokenClaims {
  sub: string;
  sid: string;
  typ: 'access';
}

/** An access token's claims after verification: jsonwebtoken adds `iat` and `exp` when signing. */
export interface VerifiedAccessClaims extends AccessTokenClaims {
  iat: number;
  exp: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/**
 * The claims of a token whose signature, issuer and expiry were verified, or null unless it has
 * every claim dondoc issues: a well-formed `sub` and `sid`, `typ: 'access'`, and numeric `iat`
 * and `exp` (jsonwebtoken checks `exp` only when present, so a token without one would never expire).
 */
export function accessClaims(payload: unknown): VerifiedAccessClaims | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const claims = payload as Record<string, unknown>;
  if (claims.typ !== 'access') return null;
  if (typeof claims.sub !== 'string' || !UUID.test(claims.sub) || typeof claims.sid !== 'string' || !UUID.test(claims.sid)) return null;
  if (!isTime(claims.iat) || !isTime(claims.exp) || claims.exp <= claims.iat) return null;
  return { sub: claims.sub, sid: claims.sid, typ: 'access', iat: claims.iat, exp: claims.exp };
}
