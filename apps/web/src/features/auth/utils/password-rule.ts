/**
 * The API's password rule (PASSWORD_RULE in libs/auth, checked there with class-validator's
 * isStrongPassword): at least 12 characters, with a lower-case and an upper-case letter (a–z, A–Z)
 * and a digit. Checked here too so the person learns it before sending; the API decides.
 */
export function meetsPasswordRule(password: string): boolean {
  return password.length >= 12 && /[a-z]/.test(password) && /[A-Z]/.test(password) && /[0-9]/.test(password);
}
