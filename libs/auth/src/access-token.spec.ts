import { accessClaims } from './access-token';

describe(accessClaims.name, () => {
  const sub = '6f1c2a7e-3b4d-4c5e-8f90-a1b2c3d4e5f6';
  const sid = '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';
  const issued = { sub, sid, typ: 'access', iat: 1_790_000_000, exp: 1_790_000_900, iss: 'dondoc' };
  const without = (claim: keyof typeof issued) => Object.fromEntries(Object.entries(issued).filter(([key]) => key !== claim));

  it('returns the claims of a token as dondoc issues it', () => {
    expect(accessClaims(issued)).toEqual({ sub, sid, typ: 'access', iat: 1_790_000_000, exp: 1_790_000_900 });
  });

  it.each(['exp', 'iat', 'typ', 'sid', 'sub'] as const)('refuses a token without %s', (claim) => {
    expect(accessClaims(without(claim))).toBeNull();
  });

  it.each([
    ['typ of another kind', { typ: 'refresh' }],
    ['a user id that is not a UUID', { sub: 'admin' }],
    ['a session id that is not a UUID', { sid: 42 }],
    ['an exp that is not a number', { exp: '1790000900' }],
    ['an iat that is not a number', { iat: null }],
    ['an exp not after iat', { exp: 1_790_000_000 }],
  ])('refuses %s', (_what, change) => {
    expect(accessClaims({ ...issued, ...change })).toBeNull();
  });

  it('refuses a payload that is not an object', () => {
    expect(accessClaims('a string payload')).toBeNull();
    expect(accessClaims(null)).toBeNull();
  });
});
