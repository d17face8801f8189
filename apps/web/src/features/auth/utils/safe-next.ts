/** Where to go after sign-in: a path of this app only (never another site). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/tasks';
  return next;
}
