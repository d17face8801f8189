import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, unwrap } from './api-client';
import type { components } from './api/schema';
import { changeLanguage, type Language } from './i18n';
import { getAccessToken, onSessionChange, refreshSession, setSession, WEB_CLIENT_HEADER } from './session';

export type User = components['schemas']['UserDto'];
export type Role = User['roles'][number];

interface AuthState {
  /** 'restoring' while the first silent refresh runs after a page load. */
  status: 'restoring' | 'signedIn' | 'signedOut';
  user: User | null;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: (everywhere?: boolean) => Promise<void>;
  /** Saves the language to the user (when signed in) and switches the page to it. */
  setLanguage: (language: Language) => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export const ME_KEY = ['auth', 'me'] as const;

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<AuthState['status']>('restoring');

  useEffect(() => {
    const off = onSessionChange((signedIn) => {
      setStatus(signedIn ? 'signedIn' : 'signedOut');
      if (!signedIn) queryClient.clear();
    });
    void refreshSession().then((ok) => setStatus(ok ? 'signedIn' : 'signedOut'));
    return off;
  }, [queryClient]);

  const me = useQuery({
    queryKey: ME_KEY,
    enabled: status === 'signedIn',
    staleTime: 5 * 60_000,
    queryFn: () => unwrap(api.GET('/api/auth/me')),
  });

  useEffect(() => {
    if (me.data && me.data.language !== document.documentElement.lang) void changeLanguage(me.data.language);
  }, [me.data]);

  const signIn = useCallback(async (email: string, password: string) => {
    const answer = await unwrap(
      api.POST('/api/auth/login', { body: { email, password, transport: 'cookie' } }),
    );
    setSession(answer);
    setStatus('signedIn');
  }, []);

  const signOut = useCallback(
    async (everywhere = false) => {
      await fetch(everywhere ? '/api/auth/logout-all' : '/api/auth/logout', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { ...WEB_CLIENT_HEADER, ...bearer() },
      }).catch(() => undefined);
      setSession(null);
      setStatus('signedOut');
      queryClient.clear();
    },
    [queryClient],
  );

  const setLanguage = useCallback(
    async (language: Language) => {
      await changeLanguage(language);
      if (status === 'signedIn') {
        const user = await unwrap(api.PATCH('/api/auth/me', { body: { language } }));
        queryClient.setQueryData(ME_KEY, user);
      }
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
    },
    [queryClient, status],
  );

  const value = useMemo<AuthState>(
    () => ({
      status: status === 'signedIn' && !me.data && !me.isError ? 'restoring' : status,
      user: me.data ?? null,
      signIn,
      signOut,
      setLanguage,
      hasRole: (...roles) => !!me.data && me.data.roles.some((role) => roles.includes(role)),
    }),
    [status, me.data, me.isError, signIn, signOut, setLanguage],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

function bearer(): Record<string, string> {
  const token = getAccessToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}
