import { useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, type ChallengeStatus } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { ChallengeCard, useSectorLabel } from '../components/cards';
import { FacetGroup } from '../components/Facets';
import { ErrorBox, Loading, Pagination } from '../components/ui';
import { useI18n, useTitle, type Key } from '../i18n';
import { useLoad, useMemberName } from '../lib/hooks';

const PER_PAGE = 20;

export default function Challenges() {
  const { t, num } = useI18n();
  useTitle(t('challenges.title'));
  const { me, isAgency } = useAuth();
  const [params, setParams] = useSearchParams();
  const sectorLabel = useSectorLabel();
  const id = useId();
  const urlQ = params.get('q') ?? '';
  const [text, setText] = useState(urlQ);
  const lastPushed = useRef(urlQ);
  const postedBy = params.get('posted_by') ?? '';
  const agencyName = useMemberName(postedBy || undefined);

  useEffect(() => {
    if (urlQ !== lastPushed.current) {
      lastPushed.current = urlQ;
      setText(urlQ);
    }
  }, [urlQ]);
  useEffect(() => {
    if (text === urlQ) return;
    const timer = setTimeout(() => {
      lastPushed.current = text;
      setParams((p) => {
        const n = new URLSearchParams(p);
        if (text.trim()) n.set('q', text);
        else n.delete('q');
        n.delete('page');
        return n;
      }, { replace: true });
    }, 150);
    return () => clearTimeout(timer);
  }, [text, urlQ, setParams]);

  const status = params.get('status') ?? '';
  const sector = params.get('sector') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const res = useLoad(
    (signal) =>
      api.GET('/api/v1/challenges', {
        params: {
          query: {
            q: urlQ.trim() || undefined,
            status: (status || undefined) as ChallengeStatus | undefined,
            sector: sector || undefined,
            posted_by: postedBy || undefined,
            facets: 'status,sector',
            page,
            per_page: PER_PAGE,
          },
        },
        signal,
      }),
    [params.toString(), me?.id],
  );
  const set = (name: string, value: string) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      if (value) n.set(name, value);
      else n.delete(name);
      if (name !== 'page') n.delete('page');
      return n;
    });

  const data = res.data;
  const mine = isAgency && me?.member_id && postedBy === me.member_id;
  return (
    <div className="container">
      <div className="section-head">
        <h1>{mine ? t('challenges.mine') : t('challenges.title')}</h1>
        {isAgency && me?.member_id && (
          <p className="actions">
            {!mine && <Link to={`/challenges?posted_by=${encodeURIComponent(me.member_id)}`} className="btn btn-ghost">{t('challenges.mine')}</Link>}
            <Link to="/challenges/new" className="btn btn-primary">{t('nav.newChallenge')}</Link>
          </p>
        )}
      </div>
      {postedBy && !mine && (
        <p>
          {t('challenges.byAgency', { name: agencyName ?? postedBy })}{' '}
          <button type="button" className="linklike" onClick={() => set('posted_by', '')}>{t('common.clear')}</button>
        </p>
      )}
      <form role="search" className="searchbar" onSubmit={(e) => e.preventDefault()} aria-label={t('challenges.searchForm')}>
        <label htmlFor={`${id}-q`}>{t('challenges.searchLabel')}</label>
        <input id={`${id}-q`} type="search" value={text} onChange={(e) => setText(e.target.value)}
          placeholder={t('challenges.searchPlaceholder')} data-testid="challenge-search" autoComplete="off" maxLength={200} />
      </form>
      <div className="with-sidebar">
        <aside className="sidebar" aria-label={t('members.filters')}>
          <div className="filters open" data-testid="challenge-facets">
            <FacetGroup name="status" legend={t('facet.status')} values={data?.facets?.status} selected={status}
              onSelect={(v) => set('status', v)} label={(v) => t(`cstatus.${v.value}` as Key)} />
            <FacetGroup name="sector" legend={t('facet.sector')} values={data?.facets?.sector} selected={sector}
              onSelect={(v) => set('sector', v)} label={(v) => sectorLabel(v.value)} />
          </div>
        </aside>
        <section className="results" aria-labelledby={`${id}-count`}>
          <p id={`${id}-count`} className="result-count" aria-live="polite">
            {data ? t('challenges.count', { n: num(data.total) }) : ''}
          </p>
          <ErrorBox error={res.error} />
          {res.loading && !data && <Loading />}
          {data && data.items.length === 0 && <p className="empty">{t('challenges.none')}</p>}
          {data && data.items.length > 0 && (
            <ol className={`card-list${res.loading ? ' stale' : ''}`} data-testid="challenge-results" aria-busy={res.loading}>
              {data.items.map((c) => (
                <li key={c.id} data-testid="challenge-item">
                  <ChallengeCard c={c} />
                </li>
              ))}
            </ol>
          )}
          {data && <Pagination page={data.page} perPage={data.per_page} total={data.total} onPage={(p) => set('page', p > 1 ? String(p) : '')} />}
        </section>
      </div>
    </div>
  );
}
