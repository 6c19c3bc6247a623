import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, type Notification } from '../api/client';
import { toUIError, type UIError } from '../api/problem';
import { useAuth } from '../auth/AuthContext';
import { useLive } from '../auth/Notifications';
import { ErrorBox, Loading, Pagination, Reasons, SignInPrompt } from '../components/ui';
import { useI18n, useTitle, type Key } from '../i18n';
import { useLoad } from '../lib/hooks';

function target(n: Notification): string | null {
  if (n.challenge_id) return `/challenges/${encodeURIComponent(n.challenge_id)}`;
  if (n.member_id) return `/members/${encodeURIComponent(n.member_id)}`;
  return null;
}

/** The inbox, newest first; new notifications arrive live at the top. */
export default function Notifications() {
  const { t, date } = useI18n();
  const { status } = useAuth();
  const { setUnread, onNotification } = useLive();
  useTitle(t('notif.title'));
  const [page, setPage] = useState(1);
  const [error, setError] = useState<UIError | null>(null);
  const res = useLoad(
    (signal) => (status === 'authed' ? api.GET('/api/v1/notifications', { params: { query: { page, per_page: 20 } }, signal }) : null),
    [status, page],
  );
  const { data, setData } = res;

  useEffect(() => {
    if (page !== 1) return;
    return onNotification((n) => {
      setData(data && !data.items.some((x) => x.id === n.id)
        ? { ...data, items: [n, ...data.items], total: data.total + 1, unread: data.unread + (n.read ? 0 : 1) }
        : data);
    });
  }, [onNotification, page, data, setData]);

  const mark = async (ids?: string[]) => {
    setError(null);
    const r = await api.POST('/api/v1/notifications/read', { body: ids ? { ids } : {} });
    if (!r.data) {
      setError(toUIError(r.error, r.response));
      return;
    }
    setUnread(r.data.unread);
    if (data) {
      setData({
        ...data,
        unread: r.data.unread,
        items: data.items.map((n) => (!ids || ids.includes(n.id) ? { ...n, read: true } : n)),
      });
    }
  };

  if (status === 'loading') return <div className="container"><Loading /></div>;
  if (status === 'anon') return <div className="container"><h1>{t('notif.title')}</h1><SignInPrompt /></div>;
  return (
    <div className="container narrow">
      <div className="section-head">
        <h1>{t('notif.title')}</h1>
        <div className="actions">
          <Link to="/settings/notifications" className="btn btn-ghost">{t('nav.settings')}</Link>
          <button type="button" className="btn btn-secondary" disabled={!data || data.unread === 0} onClick={() => void mark()} data-testid="mark-all-read">
            {t('notif.markAll')}
          </button>
        </div>
      </div>
      {data && <p className="muted" aria-live="polite">{t('notif.summary', { total: data.total, unread: data.unread })}</p>}
      <ErrorBox error={res.error ?? error} />
      {res.loading && !data && <Loading />}
      {data && data.items.length === 0 && <p className="empty">{t('notif.none')}</p>}
      {data && data.items.length > 0 && (
        <ul className="notif-list" data-testid="notification-list">
          {data.items.map((n) => {
            const to = target(n);
            return (
              <li key={n.id} className={`card notif${n.read ? '' : ' unread'}`} data-testid="notification-item" data-read={n.read}>
                <div className="notif-head">
                  <span className="badge badge-soft">{t(`notif.type.${n.type}` as Key)}</span>
                  {!n.read && <span className="badge badge-new">{t('notif.new')}</span>}
                  {n.score !== undefined && n.score > 0 && <span className="badge badge-soft">{t('match.score', { score: n.score })}</span>}
                  <time dateTime={n.created_at} className="muted small">{date(n.created_at, true)}</time>
                </div>
                <p className="notif-title">{to ? <Link to={to} onClick={() => !n.read && void mark([n.id])}>{n.title}</Link> : n.title}</p>
                <Reasons reasons={n.reasons} />
                {!n.read && (
                  <button type="button" className="linklike small" onClick={() => void mark([n.id])} data-testid="mark-read">
                    {t('notif.markRead')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {data && <Pagination page={data.page} perPage={data.per_page} total={data.total} onPage={setPage} />}
    </div>
  );
}
