/** What the sign-in page announces when another page sends the person there (router state, never the URL). */
export type SignInNotice = 'passwordSet';

export interface SignInState {
  notice?: SignInNotice;
}

export function noticeOf(state: unknown): SignInNotice | null {
  const notice = (state as SignInState | null)?.notice;
  return notice === 'passwordSet' ? notice : null;
}
