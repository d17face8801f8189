import { hash, verify } from '@node-rs/argon2';

/** Argon2id hash of a password (the library's defaults follow the OWASP recommendation). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Constant-time check of a password against its hash; false for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a password no one knows, to spend the same time when the email is unknown. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hash('dondoc-decoy-password-never-used');
  return decoyHash;
}
