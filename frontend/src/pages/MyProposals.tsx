import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { ErrorBox, Loading, Pagination, SignInPrompt } from '../components/ui';
import { useI18n, useTitle, type Key } from '../i18n';
import { useLoad } from '../lib/hooks';

/** The interests and proposals I sent, with their status. */
export default function MyProposals() {
  const { t, date } = useI18n();
  const { status } = useAuth();
  useTitle(t('myProposals.title'));
  const [page, setPage] = useState(1);
  const res = useLoad(
    (signal) => (status === 'authed' ? api.GET('/api/v1/me/interests', { params: { query: { page, per_page: 20 } }, signal }) : null),
    [status, page],
  );
  if (status === 'loading') return <div className="container"><Loading /></div>;
  if (status === 'anon') return <div className="container"><h1>{t('myProposals.title')}</h1><SignInPrompt /></div>;
  return (
    <div className="container">
      <h1>{t('myProposals.title')}</h1>
      <ErrorBox error={res.error} />
      {res.loading && !res.data && <Loading />}
      {res.data && res.data.items.length === 0 && (
        <p className="empty">{t('myProposals.none')} <Link to="/me/matches">{t('nav.myMatches')}</Link></p>
      )}
      {res.data && res.data.items.length > 0 && (
        <table className="table" data-testid="my-proposals">
          <caption className="visually-hidden">{t('myProposals.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('myProposals.challenge')}</th>
              <th scope="col">{t('myProposals.kind')}</th>
              <th scope="col">{t('myProposals.status')}</th>
              <th scope="col">{t('myProposals.sent')}</th>
            </tr>
          </thead>
          <tbody>
            {res.data.items.map((it) => (
              <tr key={it.id} data-testid="proposal-row">
                <td>
                  <Link to={`/challenges/${encodeURIComponent(it.challenge_id)}`}>{it.challenge?.title ?? it.challenge_id}</Link>
                  {it.message && <p className="muted small clamp">{it.message}</p>}
                </td>
                <td>{t(`ikind.${it.kind}` as Key)}</td>
                <td><span className={`badge istatus-${it.status}`}>{t(`istatus.${it.status}` as Key)}</span></td>
                <td>{date(it.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {res.data && <Pagination page={res.data.page} perPage={res.data.per_page} total={res.data.total} onPage={setPage} />}
    </div>
  );
}
