import type { Language } from '../i18n/language';
import { type Role } from './role';

/** Who is doing something: a signed-in user, dondoc itself (workflows, schedules), or an anonymous caller (sign-in). */
export interface Actor {
  type: 'USER' | 'SYSTEM' | 'ANONYMOUS';
  /** User id; null for the system. */
  id: string | null;
  email: string | null;
  /** Effective roles; HEAD is present when the user is the current head of their unit. */
  roles: Role[];
  /** The user's unit and its materialised path (`/rootId/…/unitId/`), if any. */
  unitId: string | null;
  unitPath: string | null;
  language: Language;
  sessionId: string | null;
  /** The HTTP request that caused the action, for the audit trail. */
  requestId: string | null;
}

/** The actor of work dondoc does by itself. */
export function systemActor(requestId: string | null = null): Actor {
  return { type: 'SYSTEM', id: null, email: null, roles: [], unitId: null, unitPath: null, language: 'vi', sessionId: null, requestId };
}

/** A caller who has not signed in (login, password reset by link). */
export function anonymousActor(requestId: string | null, email: string | null = null): Actor {
  return { type: 'ANONYMOUS', id: null, email, roles: [], unitId: null, unitPath: null, language: 'vi', sessionId: null, requestId };
}

export function hasRole(actor: Pick<Actor, 'roles'>, ...roles: Role[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}
