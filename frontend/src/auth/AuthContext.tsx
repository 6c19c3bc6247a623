import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, session, type Kind, type Me } from '../api/client';
import { toUIError, type UIError } from '../api/problem';

type Status = 'loading' | 'anon' | 'authed';

interface Auth {
  status: Status;
  me: Me | null;
  isAdmin: boolean;
  /** The kind of the signed-in account's member profile, if it has one. */
  kind: Kind | undefined;
  isAgency: boolean;
  login: (email: string, password: string) => Promise<UIError | null>;
  register: (input: RegisterInput) => Promise<UIError | null>;
  logout: () => Promise<void>;
  /** Read the account again (after the profile changed). */
  reload: () => Promise<void>;
}

/** What the register form sends; privacy_policy_version is the policy version the person accepted. */
export interface RegisterInput {
  email: string;
  password: string;
  name: string;
  kind: Kind;
  privacy_policy_version?: string;
}

const Ctx = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading');
  const [me, setMe] = useState<Me | null>(null);

  const loadMe = useCallback(async () => {
    const { data } = await api.GET('/api/v1/auth/me');
    if (data) {
      setMe(data);
      setStatus('authed');
    } else {
      setMe(null);
      setStatus('anon');
    }
  }, []);

  // On load: a silent refresh with the cookie, then the account.
  useEffect(() => {
    let live = true;
    if (!session.mayHaveCookie) {
      setStatus('anon');
    }
    const first = session.mayHaveCookie ? session.refresh() : Promise.resolve(false);
    void first.then(async (ok) => {
      if (!live) return;
      if (ok) await loadMe();
      else setStatus('anon');
    });
    const off = session.subscribe((token) => {
      if (token === null) {
        setMe(null);
        setStatus('anon');
      }
    });
    return () => {
      live = false;
      off();
    };
  }, [loadMe]);

  const login = useCallback(
    async (email: string, password: string) => {
      const { data, error, response } = await api.POST('/api/v1/auth/login', { body: { email, password } });
      if (!data) return toUIError(error, response);
      session.set(data);
      await loadMe();
      return null;
    },
    [loadMe],
  );

  const register = useCallback(
    async (input: RegisterInput) => {
      const { data, error, response } = await api.POST('/api/v1/auth/register', { body: input });
      if (!data) return toUIError(error, response);
      return login(input.email, input.password);
    },
    [login],
  );

  const logout = useCallback(async () => {
    await session.logout();
    setMe(null);
    setStatus('anon');
  }, []);

  const value = useMemo<Auth>(() => {
    const kind = me?.member?.kind;
    return {
      status,
      me,
      isAdmin: me?.role === 'admin',
      kind,
      isAgency: kind === 'agency',
      login,
      register,
      logout,
      reload: loadMe,
    };
  }, [status, me, login, register, logout, loadMe]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): Auth {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
