import { Link, useSearchParams } from 'react-router';
import { api, type Kind } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { ChallengeCard } from '../components/cards';
import { SearchBox } from '../components/SearchBox';
import { ErrorBox, Loading, Notice } from '../components/ui';
import { useI18n, useTitle, type Key } from '../i18n';
import { useLoad } from '../lib/hooks';

const KINDS: Kind[] = ['startup', 'expert', 'innovation_center', 'agency'];

export default function Home() {
  const { t, num } = useI18n();
  const { status } = useAuth();
  const [params] = useSearchParams();
  useTitle('');
  const stats = useLoad((signal) => api.GET('/api/v1/stats', { signal }), []);
  const open = useLoad(
    (signal) => api.GET('/api/v1/challenges', { params: { query: { status: 'open', per_page: 5 } }, signal }),
    [],
  );
  // Should /api/v1/stats fail, the directory's kind facet gives the same counts.
  const facets = useLoad(
    (signal) => (stats.error ? api.GET('/api/v1/members', { params: { query: { facets: 'kind', per_page: 1 } }, signal }) : null),
    [stats.error],
  );
  const count = (k: Kind) =>
    stats.data?.members_by_kind.find((c) => c.key === k)?.count ??
    (facets.data ? (facets.data.facets?.kind?.find((c) => c.value === k)?.count ?? 0) : undefined);
  return (
    <>
      {params.get('deleted') === '1' && status !== 'authed' && (
        <div className="container" data-testid="account-deleted"><Notice kind="success">{t('home.deleted')}</Notice></div>
      )}
      <section className="hero" aria-labelledby="hero-title">
        <div className="hero-inner">
          <p className="eyebrow">{t('home.eyebrow')}</p>
          <h1 id="hero-title">{t('home.title')}</h1>
          <p className="lead">{t('home.lead')}</p>
          <SearchBox />
          <p className="hero-links">
            <Link to="/members">{t('home.browseMembers')}</Link>
            <Link to="/challenges">{t('home.browseChallenges')}</Link>
            {status === 'anon' && <Link to="/register">{t('home.join')}</Link>}
          </p>
        </div>
      </section>

      <div className="container">
        <section aria-labelledby="counts-title" className="section">
          <h2 id="counts-title">{t('home.countsTitle')}</h2>
          <ul className="stat-grid" data-testid="home-counts">
            {KINDS.map((k) => (
              <li key={k} className={`stat stat-${k}`}>
                <Link to={`/members?kind=${k}`}>
                  <span className="stat-num">{count(k) !== undefined ? num(count(k)!) : '–'}</span>
                  <span className="stat-label">{t(`kindPlural.${k}` as Key)}</span>
                </Link>
              </li>
            ))}
            <li className="stat stat-challenges">
              <Link to="/challenges?status=open">
                <span className="stat-num">
                  {stats.data ? num(stats.data.open_challenges) : open.data ? num(open.data.total) : '–'}
                </span>
                <span className="stat-label">{t('home.openChallenges')}</span>
              </Link>
            </li>
          </ul>
        </section>

        <section aria-labelledby="latest-title" className="section">
          <div className="section-head">
            <h2 id="latest-title">{t('home.latestTitle')}</h2>
            <Link to="/challenges?status=open">{t('home.seeAll')} →</Link>
          </div>
          {open.loading && !open.data && <Loading />}
          <ErrorBox error={open.error} />
          {open.data && open.data.items.length === 0 && <p className="empty">{t('home.noChallenges')}</p>}
          {open.data && open.data.items.length > 0 && (
            <ul className="card-list" data-testid="home-challenges">
              {open.data.items.map((c) => (
                <li key={c.id}>
                  <ChallengeCard c={c} headingLevel={3} />
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="how-title" className="section how">
          <h2 id="how-title">{t('home.howTitle')}</h2>
          <ol className="steps">
            <li>
              <h3>{t('home.how1Title')}</h3>
              <p>{t('home.how1')}</p>
            </li>
            <li>
              <h3>{t('home.how2Title')}</h3>
              <p>{t('home.how2')}</p>
            </li>
            <li>
              <h3>{t('home.how3Title')}</h3>
              <p>{t('home.how3')}</p>
            </li>
          </ol>
        </section>
      </div>
    </>
  );
}
