import { useEffect, useId, useState, type FormEvent } from 'react';
import { api, type Frequency, type Preferences } from '../api/client';
import { fieldError, toUIError, type UIError } from '../api/problem';
import { useAuth } from '../auth/AuthContext';
import { SectorPicker } from '../components/inputs';
import { ErrorBox, Field, Loading, Notice, SignInPrompt } from '../components/ui';
import { useI18n, useTitle, type Key } from '../i18n';

const FREQ: Frequency[] = ['instant', 'daily', 'weekly', 'off'];

export default function NotificationSettings() {
  const { t } = useI18n();
  const { status } = useAuth();
  useTitle(t('prefs.title'));
  const id = useId();
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const [error, setError] = useState<UIError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (status !== 'authed') return;
    void api.GET('/api/v1/me/preferences').then((r) => {
      if (r.data) setPrefs({ ...r.data, sectors: r.data.sectors ?? [] });
      else setError(toUIError(r.error, r.response));
    });
  }, [status]);

  if (status === 'loading') return <div className="container"><Loading /></div>;
  if (status === 'anon') return <div className="container"><h1>{t('prefs.title')}</h1><SignInPrompt /></div>;
  if (!prefs) return <div className="container"><h1>{t('prefs.title')}</h1><ErrorBox error={error} />{!error && <Loading />}</div>;

  const set = <K extends keyof Preferences>(k: K, v: Preferences[K]) => {
    setPrefs((p) => (p ? { ...p, [k]: v } : p));
    setSaved(false);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await api.PUT('/api/v1/me/preferences', {
      body: { in_app: prefs.in_app, email: prefs.email, min_score: prefs.min_score, sectors: prefs.sectors ?? [], language: prefs.language },
    });
    setBusy(false);
    if (!r.data) {
      setError(toUIError(r.error, r.response));
      return;
    }
    setPrefs({ ...r.data, sectors: r.data.sectors ?? [] });
    setSaved(true);
  };
  return (
    <div className="container narrow">
      <h1>{t('prefs.title')}</h1>
      <p className="lead">{t('prefs.intro')}</p>
      <ErrorBox error={error} />
      {saved && <Notice kind="success">{t('prefs.saved')}</Notice>}
      <form className="form" onSubmit={submit} data-testid="preferences-form">
        <fieldset className="group">
          <legend>{t('prefs.channels')}</legend>
          <label className="check check-block">
            <input type="checkbox" checked={prefs.in_app} onChange={(e) => set('in_app', e.target.checked)} data-testid="pref-in-app" />
            <span>{t('prefs.inApp')}</span>
          </label>
          <Field label={t('prefs.email')} error={fieldError(error, '/email')} hint={t('prefs.emailHint')}>
            {(p) => (
              <select {...p} value={prefs.email} onChange={(e) => set('email', e.target.value as Frequency)} data-testid="pref-email">
                {FREQ.map((f) => <option key={f} value={f}>{t(`freq.${f}` as Key)}</option>)}
              </select>
            )}
          </Field>
          <Field label={t('prefs.language')} error={fieldError(error, '/language')}>
            {(p) => (
              <select {...p} value={prefs.language} onChange={(e) => set('language', e.target.value as 'vi' | 'en')}>
                <option value="vi">Tiếng Việt</option>
                <option value="en">English</option>
              </select>
            )}
          </Field>
        </fieldset>
        <fieldset className="group">
          <legend>{t('prefs.what')}</legend>
          <div className="field">
            <label htmlFor={`${id}-min`}>{t('prefs.minScore')}</label>
            <div className="range-row">
              <input id={`${id}-min`} type="range" min={0} max={100} step={5} value={prefs.min_score}
                onChange={(e) => set('min_score', Number(e.target.value))} aria-describedby={`${id}-min-hint`}
                aria-valuetext={t('prefs.minScoreValue', { n: prefs.min_score })} data-testid="pref-min-score" />
              <output htmlFor={`${id}-min`} className="range-value">{prefs.min_score}</output>
            </div>
            <p className="hint" id={`${id}-min-hint`}>{t('prefs.minScoreHint')}</p>
            {fieldError(error, '/min_score') && <p className="field-error">{fieldError(error, '/min_score')}</p>}
          </div>
          <SectorPicker legend={t('prefs.sectors')} value={prefs.sectors ?? []} onChange={(v) => set('sectors', v)}
            hint={t('prefs.sectorsHint')} error={fieldError(error, '/sectors')} />
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="save-preferences">
            {busy ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
