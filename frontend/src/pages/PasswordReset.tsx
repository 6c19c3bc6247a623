import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { fieldError, toUIError, type UIError } from '../api/problem';
import { ErrorBox, Field, Notice } from '../components/ui';
import { useI18n, useTitle } from '../i18n';

/** Asks for a reset link. The answer is the same whether or not the email has an account. */
export function ForgotPassword() {
  const { t } = useI18n();
  useTitle(t('forgot.title'));
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<UIError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await api.POST('/api/v1/auth/password-reset', { body: { email: email.trim() } });
    setBusy(false);
    if (r.response.ok) setSentTo(email.trim());
    else setError(toUIError(r.error, r.response));
  };
  return (
    <div className="container auth-page">
      <div className="card auth-card">
        <h1>{t('forgot.title')}</h1>
        <p className="muted">{t('forgot.intro')}</p>
        {sentTo ? (
          <Notice kind="success">{t('forgot.sent', { email: sentTo })}</Notice>
        ) : (
          <form className="form" onSubmit={submit} data-testid="forgot-form">
            <ErrorBox error={error} />
            <Field label={t('field.email')} required error={fieldError(error, '/email')}>
              {(p) => <input {...p} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} required />}
            </Field>
            <button type="submit" className="btn btn-primary btn-block" disabled={busy}>{busy ? t('common.loading') : t('forgot.submit')}</button>
          </form>
        )}
        <p><Link to="/login">{t('nav.login')}</Link></p>
      </div>
    </div>
  );
}

/** Sets a new password with the token of the emailed link. */
export function ResetPassword() {
  const { t } = useI18n();
  useTitle(t('reset.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<UIError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await api.POST('/api/v1/auth/password-reset/confirm', { body: { token, password } });
    setBusy(false);
    if (r.response.ok) setDone(true);
    else setError(toUIError(r.error, r.response));
  };
  return (
    <div className="container auth-page">
      <div className="card auth-card">
        <h1>{t('reset.title')}</h1>
        {!token && <Notice kind="warn">{t('reset.noToken')}</Notice>}
        {done ? (
          <>
            <Notice kind="success">{t('reset.done')}</Notice>
            <p><Link className="btn btn-primary" to="/login">{t('nav.login')}</Link></p>
          </>
        ) : (
          <form className="form" onSubmit={submit} data-testid="reset-form">
            <ErrorBox error={error} />
            {fieldError(error, '/token') && <p className="field-error"><Link to="/forgot-password">{t('forgot.title')}</Link></p>}
            <Field label={t('reset.newPassword')} required error={fieldError(error, '/password')} hint={t('auth.passwordHint')}>
              {(p) => <input {...p} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} maxLength={256} required />}
            </Field>
            <button type="submit" className="btn btn-primary btn-block" disabled={busy || !token}>{busy ? t('common.loading') : t('reset.submit')}</button>
          </form>
        )}
      </div>
    </div>
  );
}
