import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, type Suggestion } from '../api/client';
import { useI18n, type Key } from '../i18n';
import { useSectors } from '../lib/hooks';

/**
 * The home page's search box: typeahead from /api/v1/suggest (from the second character), an ARIA combobox
 * navigable with the arrow keys. Choosing a member opens the profile; a sector filters the directory; a skill
 * or the typed text searches it.
 */
export function SearchBox({ autoFocus }: { autoFocus?: boolean }) {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const sectors = useSectors();
  const id = useId();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const blurTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) {
      setItems([]);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      void api
        .GET('/api/v1/suggest', { params: { query: { q: text, limit: 8 } }, signal: ctrl.signal })
        .then((r) => {
          if (ctrl.signal.aborted) return;
          setItems(r.data?.items ?? []);
          setActive(-1);
        })
        .catch(() => {});
    }, 120);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q]);

  const label = (s: Suggestion) => {
    if (s.kind === 'sector' && s.id) {
      const sec = sectors.find((x) => x.id === s.id);
      if (sec) return pick(sec.label_vi, sec.label_en);
    }
    return s.text;
  };

  const choose = (s: Suggestion) => {
    setOpen(false);
    if (s.kind === 'member' && s.id) navigate(`/members/${encodeURIComponent(s.id)}`);
    else if (s.kind === 'sector' && s.id) navigate(`/members?sector=${encodeURIComponent(s.id)}`);
    else navigate(`/members?q=${encodeURIComponent(s.text)}`);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (open && active >= 0 && items[active]) {
      choose(items[active]);
      return;
    }
    setOpen(false);
    navigate(q.trim() ? `/members?q=${encodeURIComponent(q.trim())}` : '/members');
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (items.length === 0 ? -1 : (a + 1) % items.length));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (items.length === 0 ? -1 : a <= 0 ? items.length - 1 : a - 1));
    } else if (e.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  };

  const showList = open && items.length > 0;
  const listId = `${id}-list`;
  return (
    <form role="search" className="searchbox" onSubmit={submit} aria-label={t('search.formLabel')}>
      <label htmlFor={`${id}-q`} className="visually-hidden">
        {t('search.label')}
      </label>
      <div className="combo">
        <input id={`${id}-q`} type="search" role="combobox" autoComplete="off" value={q} autoFocus={autoFocus}
          placeholder={t('search.placeholder')} data-testid="home-search" aria-autocomplete="list"
          aria-expanded={showList} aria-controls={listId}
          aria-activedescendant={showList && active >= 0 ? `${id}-opt-${active}` : undefined}
          onChange={(e) => {
            setQ(e.target.value);
            setOpen(true);
          }}
          onKeyDown={onKey}
          onFocus={() => setOpen(true)}
          onBlur={() => {
            blurTimer.current = setTimeout(() => setOpen(false), 150);
          }}
          maxLength={200} />
        <ul id={listId} role="listbox" className={`combo-list${showList ? '' : ' hidden'}`} aria-label={t('search.suggestions')}
          data-testid="suggestions">
          {showList &&
            items.map((s, i) => (
              <li key={`${s.kind}-${s.id ?? s.text}`} id={`${id}-opt-${i}`} role="option" aria-selected={i === active}
                className={`combo-opt${i === active ? ' active' : ''}`}
                onMouseDown={(e) => e.preventDefault()} onClick={() => choose(s)}>
                <span className="opt-text">{label(s)}</span>
                <span className="opt-kind">{t(`suggest.${s.kind}` as Key)}</span>
              </li>
            ))}
        </ul>
      </div>
      <button type="submit" className="btn btn-primary">
        {t('search.button')}
      </button>
    </form>
  );
}
