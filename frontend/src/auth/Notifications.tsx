import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, session, type Notification } from '../api/client';
import { useAuth } from './AuthContext';

type Listener = (n: Notification) => void;

interface Live {
  unread: number;
  setUnread: (n: number) => void;
  /** Whether the live stream is connected. */
  connected: boolean;
  /** Be told of each notification as it arrives. */
  onNotification: (fn: Listener) => () => void;
}

const Ctx = createContext<Live | null>(null);

const STREAM = '/api/v1/notifications/stream';

/**
 * Keeps the unread count and a live EventSource while signed in. The browser cannot send headers on an
 * EventSource, so the access token goes in the query; on any error the stream is closed and reopened after a
 * backoff with a fresh token (a refresh first when it has expired), resuming after the last event seen.
 */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const [unread, setUnread] = useState(0);
  const [connected, setConnected] = useState(false);
  const listeners = useRef(new Set<Listener>());

  const onNotification = useCallback((fn: Listener) => {
    listeners.current.add(fn);
    return () => {
      listeners.current.delete(fn);
    };
  }, []);

  useEffect(() => {
    if (status !== 'authed') {
      setUnread(0);
      return;
    }
    let closed = false;
    let es: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let backoff = 1000;
    let failures = 0;
    let lastId = '';

    const syncCount = async () => {
      const { data } = await api.GET('/api/v1/notifications/unread-count');
      if (data && !closed) setUnread(data.unread);
    };

    const connect = async () => {
      if (closed) return;
      // After two failures in a row the token may have been refused even if it looks fresh.
      if (session.expired || failures >= 2) await session.refresh();
      const token = session.accessToken;
      if (closed || !token || typeof EventSource === 'undefined') return;
      let url = `${STREAM}?access_token=${encodeURIComponent(token)}`;
      if (lastId) url += `&last_event_id=${encodeURIComponent(lastId)}`;
      const source = new EventSource(url);
      es = source;
      source.onopen = () => {
        backoff = 1000;
        failures = 0;
        setConnected(true);
        void syncCount();
      };
      source.addEventListener('notification', (ev) => {
        const me = ev as MessageEvent<string>;
        if (me.lastEventId) lastId = me.lastEventId;
        try {
          const n = JSON.parse(me.data) as Notification;
          if (!n.read) setUnread((u) => u + 1);
          for (const fn of listeners.current) fn(n);
        } catch {
          /* a malformed event is skipped */
        }
      });
      source.onerror = () => {
        source.close();
        if (es === source) es = null;
        setConnected(false);
        failures++;
        if (closed) return;
        timer = setTimeout(() => void connect(), backoff);
        backoff = Math.min(backoff * 2, 30000);
      };
    };

    // A page kept in the back/forward cache would keep its stream open, and browsers allow only six
    // connections per host over HTTP/1.1: close the stream when the page is hidden, reopen it when shown.
    const onHide = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      es?.close();
      es = null;
      setConnected(false);
    };
    const onShow = (e: PageTransitionEvent) => {
      if (e.persisted && !closed && !es) {
        void syncCount();
        void connect();
      }
    };
    window.addEventListener('pagehide', onHide);
    window.addEventListener('pageshow', onShow);

    void syncCount();
    void connect();
    return () => {
      closed = true;
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('pageshow', onShow);
      if (timer) clearTimeout(timer);
      es?.close();
      setConnected(false);
    };
  }, [status]);

  const value = useMemo(() => ({ unread, setUnread, connected, onNotification }), [unread, connected, onNotification]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useLive(): Live {
  const v = useContext(Ctx);
  if (!v) throw new Error('useLive outside NotificationsProvider');
  return v;
}
