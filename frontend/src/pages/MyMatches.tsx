import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { AgencyName, SectorList } from '../components/cards';
import { ErrorBox, Loading, Pagination, Reasons, Score, SignInPrompt, StatusBadge } from '../components/ui';
import { useI18n, useTitle } from '../i18n';
import { useLoad } from '../lib/hooks';

/** "Challenges for you": open challenges ranked for my profile, with the reasons. */
export default function MyMatches() {
  const { t, date } = useI18n();
  const { status, me } = useAuth();
  useTitle(t('myMatches.title'));
  const [page, setPage] = useState(1);
  const res = useLoad(
    (signal) => (status === 'authed' ? api.GET('/api/v1/me/matches', { params: { query: { page, per_page: 10 } }, signal }) : null),
    [status, page],
  );
  if (status === 'loading') return <div className="container"><Loading /></div>;
  if (status === 'anon') return <div className="container"><h1>{t('myMatches.title')}</h1><SignInPrompt /></div>;
  return (
    <div className="container">
      <h1>{t('myMatches.title')}</h1>
      <p className="lead">{t('myMatches.intro')}</p>
      {me?.member?.status === 'draft' && (
        <div className="alert alert-warn" role="status">
          {t('myMatches.draft')} <Link to="/me/profile">{t('nav.myProfile')}</Link>
        </div>
      )}
      <ErrorBox error={res.error} />
      {res.loading && !res.data && <Loading />}
      {res.data && res.data.items.length === 0 && <p className="empty">{t('myMatches.none')}</p>}
      {res.data && res.data.items.length > 0 && (
        <ol className="match-list" data-testid="my-matches">
          {res.data.items.map((m) => (
            <li key={m.challenge_id} className="card match" data-testid="my-match-item">
              <div className="match-head">
                <div>
                  {m.challenge && <div className="card-top"><StatusBadge status={m.challenge.status} />
                    {m.challenge.deadline && <span className="badge badge-soft">{t('challenge.deadlineShort', { date: date(m.challenge.deadline) })}</span>}</div>}
                  <h2 className="card-title">
                    <Link to={`/challenges/${encodeURIComponent(m.challenge_id)}`}>{m.challenge?.title ?? m.challenge_id}</Link>
                  </h2>
                  {m.challenge && <p className="card-meta">{t('challenge.postedBy')} <AgencyName id={m.challenge.posted_by} /></p>}
                </div>
                <Score score={m.score} />
              </div>
              <Reasons reasons={m.reasons} />
              {m.challenge && <SectorList ids={m.challenge.sectors} />}
              <p>
                <Link to={`/challenges/${encodeURIComponent(m.challenge_id)}`} className="btn btn-secondary">{t('myMatches.open')}</Link>
              </p>
            </li>
          ))}
        </ol>
      )}
      {res.data && <Pagination page={res.data.page} perPage={res.data.per_page} total={res.data.total} onPage={setPage} />}
    </div>
  );
}
