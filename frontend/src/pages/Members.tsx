import { useEffect, useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, type Kind, type Stage } from '../api/client';
import { useSectorLabel, MemberCard } from '../components/cards';
import { FacetGroup } from '../components/Facets';
import { ErrorBox, Loading, Pagination } from '../components/ui';
import { useI18n, useTitle, type Key } from '../i18n';
import { useLoad } from '../lib/hooks';

/** How long typing pauses before a search is sent: short enough that results follow the keyboard. */
const SEARCH_DEBOUNCE_MS = 60;

const PER_PAGE = 20;
const FILTERS = ['kind', 'sector', 'ward', 'stage', 'verified'] as const;

/**
 * The directory. The URL holds the search (/members?q=...&kind=...&page=2), so a search can be shared; the box
 * searches as you type (a short debounce), and a newer request cancels the one still out.
 */
export default function Members() {
  const { t, num } = useI18n();
  useTitle(t('members.title'));
  const [params, setParams] = useSearchParams();
  const sectorLabel = useSectorLabel();
  const id = useId();
  const urlQ = params.get('q') ?? '';
  const [text, setText] = useState(urlQ);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const lastPushed = useRef(urlQ);

  // The URL changed from outside (back button, a link): follow it.
  useEffect(() => {
    if (urlQ !== lastPushed.current) {
      lastPushed.current = urlQ;
      setText(urlQ);
    }
  }, [urlQ]);

  // Search as you type.
  useEffect(() => {
    if (text === urlQ) return;
    const timer = setTimeout(() => {
      lastPushed.current = text;
      setParams(
        (p) => {
          const n = new URLSearchParams(p);
          if (text.trim()) n.set('q', text);
          else n.delete('q');
          n.delete('page');
          return n;
        },
        { replace: true },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, urlQ, setParams]);

  const page = Math.max(1, Number(params.get('page')) || 1);
  const kind = params.get('kind') ?? '';
  const sector = params.get('sector') ?? '';
  const ward = params.get('ward') ?? '';
  const stage = params.get('stage') ?? '';
  const verified = params.get('verified') === 'true';

  const key = params.toString();
  const res = useLoad(
    (signal) =>
      api.GET('/api/v1/members', {
        params: {
          query: {
            q: urlQ.trim() || undefined,
            kind: (kind || undefined) as Kind | undefined,
            sector: sector || undefined,
            ward: ward || undefined,
            stage: (stage || undefined) as Stage | undefined,
            verified: verified || undefined,
            facets: 'kind,sector,ward,stage',
            page,
            per_page: PER_PAGE,
          },
        },
        signal,
      }),
    [key],
  );

  const setFilter = (name: (typeof FILTERS)[number] | 'page', value: string) => {
    setParams((p) => {
      const n = new URLSearchParams(p);
      if (value) n.set(name, value);
      else n.delete(name);
      if (name !== 'page') n.delete('page');
      return n;
    });
  };
  const clearAll = () => {
    setParams((p) => {
      const n = new URLSearchParams();
      const q = p.get('q');
      if (q) n.set('q', q);
      return n;
    });
  };

  const data = res.data;
  const facets = data?.facets;
  const anyFilter = FILTERS.some((f) => params.get(f));
  return (
    <div className="container">
      <h1>{t('members.title')}</h1>
      <form role="search" className="searchbar" onSubmit={(e) => e.preventDefault()} aria-label={t('members.searchForm')}>
        <label htmlFor={`${id}-q`}>{t('members.searchLabel')}</label>
        <input id={`${id}-q`} type="search" value={text} onChange={(e) => setText(e.target.value)}
          placeholder={t('members.searchPlaceholder')} data-testid="member-search" autoComplete="off" maxLength={200} />
      </form>

      <div className="with-sidebar">
        <aside className="sidebar" aria-label={t('members.filters')}>
          <button type="button" className="btn btn-ghost filters-toggle" aria-expanded={filtersOpen}
            aria-controls={`${id}-filters`} onClick={() => setFiltersOpen((o) => !o)}>
            {t('members.filters')}
          </button>
          <div id={`${id}-filters`} className={`filters${filtersOpen ? ' open' : ''}`} data-testid="facets">
            <FacetGroup name="kind" legend={t('facet.kind')} values={facets?.kind} selected={kind}
              onSelect={(v) => setFilter('kind', v)} label={(v) => t(`kindPlural.${v.value}` as Key)} />
            <FacetGroup name="sector" legend={t('facet.sector')} values={facets?.sector} selected={sector}
              onSelect={(v) => setFilter('sector', v)} label={(v) => sectorLabel(v.value)} />
            <FacetGroup name="ward" legend={t('facet.ward')} values={facets?.ward} selected={ward}
              onSelect={(v) => setFilter('ward', v)} label={(v) => v.value} />
            <FacetGroup name="stage" legend={t('facet.stage')} values={facets?.stage} selected={stage}
              onSelect={(v) => setFilter('stage', v)} label={(v) => t(`stage.${v.value}` as Key)} />
            <fieldset className="facet" data-testid="facet-verified">
              <legend>{t('facet.verified')}</legend>
              <label className="facet-opt">
                <input type="checkbox" checked={verified} onChange={(e) => setFilter('verified', e.target.checked ? 'true' : '')} />
                <span className="facet-label">{t('facet.verifiedOnly')}</span>
              </label>
            </fieldset>
            {anyFilter && (
              <button type="button" className="btn btn-ghost" onClick={clearAll}>
                {t('members.clearFilters')}
              </button>
            )}
          </div>
        </aside>

        <section className="results" aria-labelledby={`${id}-count`}>
          <p id={`${id}-count`} className="result-count" aria-live="polite" data-testid="result-count">
            {data ? t('members.count', { n: num(data.total) }) : ''}
          </p>
          <ErrorBox error={res.error} />
          {res.loading && !data && <Loading />}
          {data && data.items.length === 0 && <p className="empty">{t('members.none')}</p>}
          {data && data.items.length > 0 && (
            <ol className={`card-list${res.loading ? ' stale' : ''}`} data-testid="results" aria-busy={res.loading}>
              {data.items.map((m) => (
                <li key={m.id} data-testid="result-item">
                  <MemberCard m={m} />
                </li>
              ))}
            </ol>
          )}
          {data && (
            <Pagination page={data.page} perPage={data.per_page} total={data.total}
              onPage={(p) => {
                setFilter('page', p > 1 ? String(p) : '');
                window.scrollTo({ top: 0 });
              }} />
          )}
        </section>
      </div>
    </div>
  );
}
