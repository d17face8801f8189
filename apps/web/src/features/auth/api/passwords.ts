import { api, unwrap } from '@/lib/api-client';

/** Sets a password with the token of a one-time link (invitation or reset); 204, no session. */
export function resetPassword(token: string, newPassword: string): Promise<void> {
  return unwrap(api.POST('/api/auth/password-reset', { body: { token, newPassword } }));
}

/** Asks for a reset link; the API answers 204 whether or not the account exists. */
export function forgotPassword(email: string): Promise<void> {
  return unwrap(api.POST('/api/auth/forgot-password', { body: { email } }));
}

/** Changes the signed-in user's password; their other sessions end. */
export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return unwrap(api.POST('/api/auth/password', { body: { currentPassword, newPassword } }));
}
