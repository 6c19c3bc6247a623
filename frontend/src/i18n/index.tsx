import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { dictionaries, type Key, type Lang } from './dict';

export type { Key, Lang };

const STORAGE_KEY = 'innonet.lang';

/** Fill {name} placeholders. */
export function translate(lang: Lang, key: Key, vars?: Record<string, string | number>): string {
  const s = dictionaries[lang][key] ?? dictionaries.vi[key] ?? key;
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'vi' || saved === 'en') return saved;
  } catch {
    /* storage may be off */
  }
  return 'vi';
}

export type TFunc = (key: Key, vars?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: TFunc;
  /** Pick the text of the chosen language from a {vi, en} pair (match reasons, sector labels). */
  pick: (vi: string | undefined, en: string | undefined) => string;
  /** Numbers and dates in the chosen language. */
  num: (n: number) => string;
  date: (iso: string | undefined, withTime?: boolean) => string;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(fixed ?? initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* ignore */
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
    const nf = new Intl.NumberFormat(locale);
    const df = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const dtf = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      pick: (vi, en) => (lang === 'en' ? en || vi || '' : vi || en || ''),
      num: (n) => nf.format(n),
      date: (iso, withTime) => {
        if (!iso) return '';
        const d = new Date(iso.length === 10 ? iso + 'T00:00:00' : iso);
        if (Number.isNaN(d.getTime())) return iso;
        return (withTime ? dtf : df).format(d);
      },
    };
  }, [lang, setLang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** Sets the document title for a page. */
export function useTitle(title: string) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = title ? `${title} · innonet` : `innonet · ${t('app.tagline')}`;
  }, [title, t]);
}
