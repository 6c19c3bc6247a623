// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { makeClient } from './client';
import { Session, authFetch, isAuthRoute } from './session';

const BASE = 'http://innonet.test';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
}

/** A fake server: access tokens valid while listed; the refresh endpoint hands out the next token. */
function fakeServer(opts: { refreshOk?: boolean } = {}) {
  const valid = new Set<string>();
  let n = 0;
  const calls: { url: string; auth: string | null; method: string }[] = [];
  const refresh = vi.fn(async () => {
    if (opts.refreshOk === false) return json(401, { type: 'about:blank', title: 'Unauthorized', status: 401 });
    const token = `tok-${++n}`;
    valid.add(token);
    return json(200, { access_token: token, token_type: 'Bearer', expires_in: 900, refresh_token: 'r', refresh_expires_at: '2030-01-01T00:00:00Z' });
  });
  const sessionFetch = vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url.endsWith('/api/v1/auth/refresh')) return refresh();
    return new Response(null, { status: 204 });
  }) as unknown as typeof fetch;
  const api = vi.fn(async (req: Request) => {
    const auth = req.headers.get('Authorization');
    calls.push({ url: req.url, auth, method: req.method });
    if (auth) {
      const tok = auth.replace(/^Bearer /, '');
      if (!valid.has(tok)) return json(401, { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'token expired' });
    }
    if (req.url.includes('/auth/me')) {
      if (!auth) return json(401, { type: 'about:blank', title: 'Unauthorized', status: 401 });
      return json(200, { id: 'acc-1', email: 'a@x.vn', name: 'A', role: 'member', created_at: '2026-01-01T00:00:00Z' });
    }
    if (req.method === 'PATCH') {
      const body = await req.json();
      return json(200, { echoed: body });
    }
    return json(200, { items: [], total: 0, page: 1, per_page: 20, who: auth ? 'member' : 'visitor' });
  });
  return { valid, calls, refresh, sessionFetch, api, expire: () => valid.clear() };
}

describe('auth fetch: refresh on 401, retry once', () => {
  it('recognises the auth routes', () => {
    expect(isAuthRoute(`${BASE}/api/v1/auth/refresh`)).toBe(true);
    expect(isAuthRoute('/api/v1/auth/login')).toBe(true);
    expect(isAuthRoute(`${BASE}/api/v1/auth/me`)).toBe(false);
    expect(isAuthRoute(`${BASE}/api/v1/members`)).toBe(false);
  });

  it('refreshes after a 401 and retries the request once with the new token', async () => {
    const s = fakeServer();
    const session = new Session({ baseUrl: BASE, fetch: s.sessionFetch, refreshAheadSeconds: 0, useLocks: false });
    session.set({ access_token: 'stale', expires_in: 900 });
    const client = makeClient(session, BASE, s.api);
    const r = await client.GET('/api/v1/auth/me');
    expect(r.data?.id).toBe('acc-1');
    expect(s.refresh).toHaveBeenCalledTimes(1);
    expect(s.calls.map((c) => c.auth)).toEqual(['Bearer stale', 'Bearer tok-1']);
    expect(session.accessToken).toBe('tok-1');
  });

  it('replays the request body on the retry', async () => {
    const s = fakeServer();
    const session = new Session({ baseUrl: BASE, fetch: s.sessionFetch, refreshAheadSeconds: 0, useLocks: false });
    session.set({ access_token: 'stale', expires_in: 900 });
    const client = makeClient(session, BASE, s.api);
    const r = await client.PATCH('/api/v1/members/{id}', { params: { path: { id: 'st-1' } }, body: { name: 'New name' } });
    expect(r.response.status).toBe(200);
    expect(r.data as unknown).toEqual({ echoed: { name: 'New name' } });
    expect(s.calls).toHaveLength(2);
  });

  it('retries only once: a second 401 is returned to the caller', async () => {
    const s = fakeServer();
    const session = new Session({ baseUrl: BASE, fetch: s.sessionFetch, refreshAheadSeconds: 0, useLocks: false });
    session.set({ access_token: 'stale', expires_in: 900 });
    // A server that refuses every token, even fresh ones.
    const always401 = vi.fn(async (req: Request) => {
      s.calls.push({ url: req.url, auth: req.headers.get('Authorization'), method: req.method });
      return json(401, { type: 'about:blank', title: 'Unauthorized', status: 401 });
    });
    const client = makeClient(session, BASE, always401);
    const r = await client.GET('/api/v1/me/matches');
    expect(r.response.status).toBe(401);
    expect(always401).toHaveBeenCalledTimes(2);
    expect(s.refresh).toHaveBeenCalledTimes(1);
  });

  it('shares one refresh between concurrent 401s', async () => {
    const s = fakeServer();
    const session = new Session({ baseUrl: BASE, fetch: s.sessionFetch, refreshAheadSeconds: 0, useLocks: false });
    session.set({ access_token: 'stale', expires_in: 900 });
    const client = makeClient(session, BASE, s.api);
    const rs = await Promise.all([client.GET('/api/v1/auth/me'), client.GET('/api/v1/me/matches'), client.GET('/api/v1/notifications')]);
    expect(rs.every((r) => r.response.status === 200)).toBe(true);
    expect(s.refresh).toHaveBeenCalledTimes(1);
  });

  it('when the refresh fails, clears the session and retries a public read as a visitor', async () => {
    const s = fakeServer({ refreshOk: false });
    const session = new Session({ baseUrl: BASE, fetch: s.sessionFetch, refreshAheadSeconds: 0, useLocks: false });
    session.set({ access_token: 'stale', expires_in: 900 });
    const seen: (string | null)[] = [];
    session.subscribe((t) => seen.push(t));
    const client = makeClient(session, BASE, s.api);
    const r = await client.GET('/api/v1/members');
    expect(r.response.status).toBe(200);
    expect((r.data as unknown as { who: string }).who).toBe('visitor');
    expect(session.accessToken).toBeNull();
    expect(seen).toEqual([null]);
    expect(s.calls.map((c) => c.auth)).toEqual(['Bearer stale', null]);
  });

  it('does not refresh on a visitor 401 when no token could be had', async () => {
    const s = fakeServer({ refreshOk: false });
    const session = new Session({ baseUrl: BASE, fetch: s.sessionFetch, refreshAheadSeconds: 0, useLocks: false });
    const client = makeClient(session, BASE, s.api);
    const r = await client.GET('/api/v1/auth/me');
    expect(r.response.status).toBe(401);
    expect(s.calls).toHaveLength(1);
  });

  it('never retries the auth routes themselves', async () => {
    const s = fakeServer();
    const session = new Session({ baseUrl: BASE, fetch: s.sessionFetch, refreshAheadSeconds: 0, useLocks: false });
    session.set({ access_token: 'stale', expires_in: 900 });
    const login401 = vi.fn(async () => json(401, { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'wrong email or password' }));
    const fetcher = authFetch(session, login401);
    const res = await fetcher(new Request(`${BASE}/api/v1/auth/login`, { method: 'POST', body: '{}' }));
    expect(res.status).toBe(401);
    expect(login401).toHaveBeenCalledTimes(1);
    expect(s.refresh).not.toHaveBeenCalled();
  });

  it('refreshes first when the token has expired', async () => {
    const s = fakeServer();
    const session = new Session({ baseUrl: BASE, fetch: s.sessionFetch, refreshAheadSeconds: 0, useLocks: false });
    session.set({ access_token: 'old', expires_in: 0 });
    const client = makeClient(session, BASE, s.api);
    const r = await client.GET('/api/v1/auth/me');
    expect(r.response.status).toBe(200);
    expect(s.calls.map((c) => c.auth)).toEqual(['Bearer tok-1']);
  });

  it('logout posts to the logout route and forgets the token', async () => {
    const s = fakeServer();
    const session = new Session({ baseUrl: BASE, fetch: s.sessionFetch, refreshAheadSeconds: 0, useLocks: false });
    session.set({ access_token: 'x', expires_in: 900 });
    await session.logout();
    expect(session.accessToken).toBeNull();
    expect(String((s.sessionFetch as unknown as { mock: { calls: unknown[][] } }).mock.calls[0][0])).toBe(`${BASE}/api/v1/auth/logout`);
  });
});
