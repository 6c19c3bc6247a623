// The browser's session: the access token lives in memory only; the refresh token is an HttpOnly cookie
// (innonet_refresh, scoped to /api/v1/auth) that this code never sees. A refresh rotates the cookie, and the
// server treats a reused refresh token as theft (it revokes the whole family), so refreshes are
// single-flight within a tab and serialised across tabs with the Web Locks API where the browser has it.

export interface TokenPair {
  access_token: string;
  expires_in: number;
}

export type SessionListener = (token: string | null) => void;

export interface SessionOptions {
  /** The origin the API is served from ('' for the page's own). */
  baseUrl?: string;
  /** The fetch to call (tests pass their own). */
  fetch?: typeof fetch;
  /** Refresh this many seconds before the access token expires (0 turns the timer off). */
  refreshAheadSeconds?: number;
  /** Serialise refreshes across tabs (navigator.locks), when available. */
  useLocks?: boolean;
}

export const REFRESH_PATH = '/api/v1/auth/refresh';
/** localStorage flag: this browser signed in and may hold a refresh cookie (the cookie itself is HttpOnly). */
export const HINT_KEY = 'innonet.session';
export const LOGOUT_PATH = '/api/v1/auth/logout';

export class Session {
  private token: string | null = null;
  private expiresAt = 0;
  private inflight: Promise<boolean> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private listeners = new Set<SessionListener>();
  private readonly baseUrl: string;
  private readonly doFetch: typeof fetch;
  private readonly ahead: number;
  private readonly useLocks: boolean;

  constructor(opts: SessionOptions = {}) {
    this.baseUrl = opts.baseUrl ?? '';
    this.doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
    this.ahead = opts.refreshAheadSeconds ?? 60;
    this.useLocks = opts.useLocks ?? true;
  }

  get accessToken(): string | null {
    return this.token;
  }

  /** Whether the access token has (nearly) expired, so a new one should be fetched before use. */
  get expired(): boolean {
    return this.token === null || Date.now() >= this.expiresAt - 5000;
  }

  subscribe(fn: SessionListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Store a token pair from login or refresh. */
  set(pair: TokenPair): void {
    setHint(true);
    this.token = pair.access_token;
    this.expiresAt = Date.now() + Math.max(0, pair.expires_in) * 1000;
    this.schedule(pair.expires_in);
    this.emit();
  }

  /** Forget the access token (the cookie is cleared by the server on logout). */
  clear(): void {
    setHint(false);
    const had = this.token !== null;
    this.token = null;
    this.expiresAt = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (had) this.emit();
  }

  /**
   * Get a new access token with the refresh cookie. Concurrent callers share one request. Resolves true when
   * a token was obtained; false (and the session cleared) when the cookie is missing, expired or revoked.
   */
  refresh(): Promise<boolean> {
    if (!this.inflight) {
      const run = () => this.refreshNow();
      const locks = this.useLocks && typeof navigator !== 'undefined' ? navigator.locks : undefined;
      const p: Promise<boolean> = locks ? (locks.request('innonet-refresh', run) as unknown as Promise<boolean>) : run();
      const flight = p.finally(() => {
        this.inflight = null;
      });
      this.inflight = flight;
      return flight;
    }
    return this.inflight;
  }

  /**
   * Whether a silent refresh on page load is worth trying: only when this browser signed in before (so that
   * visitors do not send a request that can only fail, and log a 401, on every page load).
   */
  get mayHaveCookie(): boolean {
    return getHint();
  }

  /** Revoke the refresh token (server side) and forget the access token. */
  async logout(): Promise<void> {
    try {
      await this.doFetch(this.baseUrl + LOGOUT_PATH, { method: 'POST', credentials: 'same-origin' });
    } finally {
      this.clear();
    }
  }

  private async refreshNow(): Promise<boolean> {
    try {
      const res = await this.doFetch(this.baseUrl + REFRESH_PATH, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      });
      if (!res.ok) {
        this.clear();
        return false;
      }
      const pair = (await res.json()) as TokenPair;
      if (!pair || typeof pair.access_token !== 'string') {
        this.clear();
        return false;
      }
      this.set(pair);
      return true;
    } catch {
      // A network failure: keep nothing we cannot trust.
      this.clear();
      return false;
    }
  }

  private schedule(expiresIn: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.ahead <= 0 || typeof window === 'undefined') return;
    const ms = Math.max(10, expiresIn - this.ahead) * 1000;
    this.timer = setTimeout(() => {
      void this.refresh();
    }, ms);
  }

  private emit(): void {
    for (const fn of this.listeners) fn(this.token);
  }
}

function setHint(on: boolean) {
  try {
    if (typeof localStorage === 'undefined') return;
    if (on) localStorage.setItem(HINT_KEY, '1');
    else localStorage.removeItem(HINT_KEY);
  } catch {
    /* storage may be off */
  }
}

function getHint(): boolean {
  try {
    return typeof localStorage === 'undefined' || localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return true;
  }
}

/** Whether a URL is one of the auth routes, which must never trigger a refresh-and-retry. */
export function isAuthRoute(url: string): boolean {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '');
  return path.startsWith('/api/v1/auth/login') || path.startsWith('/api/v1/auth/refresh') ||
    path.startsWith('/api/v1/auth/logout') || path.startsWith('/api/v1/auth/register');
}

/**
 * A fetch for openapi-fetch that adds the bearer token and, on a 401, refreshes once and retries once. When
 * the refresh fails, a request that carried a token is retried as a visitor (public reads still work), and
 * the caller sees the second answer.
 */
export function authFetch(session: Session, base: (r: Request) => Promise<Response> = (r) => fetch(r)) {
  return async (request: Request): Promise<Response> => {
    const retry = request.clone();
    if (!isAuthRoute(request.url) && session.accessToken && session.expired) {
      await session.refresh();
    }
    const sentToken = session.accessToken;
    const res = await base(withToken(request, sentToken));
    if (res.status !== 401 || isAuthRoute(request.url)) return res;
    // The token may have been refreshed by someone else while this request was out.
    if (session.accessToken && session.accessToken !== sentToken) {
      return base(withToken(retry, session.accessToken));
    }
    const ok = await session.refresh();
    if (ok) return base(withToken(retry, session.accessToken));
    if (sentToken) return base(withToken(retry, null));
    return res;
  };
}

function withToken(request: Request, token: string | null): Request {
  const headers = new Headers(request.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  else headers.delete('Authorization');
  return new Request(request, { headers });
}
