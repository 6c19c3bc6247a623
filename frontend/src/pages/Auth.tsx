import { useId, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import type { Kind } from '../api/client';
import { fieldError, type UIError } from '../api/problem';
import { useAuth } from '../auth/AuthContext';
import { ErrorBox, Field } from '../components/ui';
import { useI18n, useTitle, type Key } from '../i18n';
import { PRIVACY_POLICY_VERSION } from './privacy/policy';

const KINDS: Kind[] = ['startup', 'expert', 'innovation_center', 'agency'];

/** Only same-site paths are followed after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function Login() {
  const { t } = useI18n();
  const { login, status } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  useTitle(t('auth.loginTitle'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<UIError | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));
  if (status === 'authed' && !busy) return <Navigate to={next} replace />;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const err = await login(email.trim(), password);
    setBusy(false);
    setError(err);
    if (!err) navigate(next, { replace: true });
  };
  return (
    <div className="container auth-page">
      <div className="card auth-card">
        <h1>{t('auth.loginTitle')}</h1>
        <form className="form" onSubmit={submit} data-testid="login-form">
          <ErrorBox error={error} />
          <Field label={t('field.email')} required error={fieldError(error, '/email')}>
            {(p) => <input {...p} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />}
          </Field>
          <Field label={t('auth.password')} required error={fieldError(error, '/password')}>
            {(p) => <input {...p} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />}
          </Field>
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>{busy ? t('common.loading') : t('auth.login')}</button>
        </form>
        <p><Link to="/forgot-password">{t('forgot.link')}</Link></p>
        <p>{t('auth.noAccount')} <Link to="/register">{t('nav.register')}</Link></p>
      </div>
    </div>
  );
}

export function Register() {
  const { t } = useI18n();
  const { register, status } = useAuth();
  const navigate = useNavigate();
  const id = useId();
  useTitle(t('auth.registerTitle'));
  const [kind, setKind] = useState<Kind>('startup');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<UIError | null>(null);
  const [busy, setBusy] = useState(false);
  if (status === 'authed' && !busy) return <Navigate to="/me/profile" replace />;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!consent) return;
    setBusy(true);
    const err = await register({ email: email.trim(), password, name: name.trim(), kind, privacy_policy_version: PRIVACY_POLICY_VERSION });
    setBusy(false);
    setError(err);
    if (!err) navigate('/me/profile', { replace: true });
  };
  return (
    <div className="container auth-page">
      <div className="card auth-card wide">
        <h1>{t('auth.registerTitle')}</h1>
        <p className="muted">{t('auth.registerIntro')}</p>
        <form className="form" onSubmit={submit} data-testid="register-form">
          <ErrorBox error={error} />
          <fieldset className="field kind-choice" data-testid="kind-choice">
            <legend>{t('auth.kind')}</legend>
            <div className="kind-grid">
              {KINDS.map((k) => (
                <label key={k} className={`kind-option${kind === k ? ' on' : ''}`}>
                  <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
                  <span className="kind-name">{t(`kind.${k}` as Key)}</span>
                  <span className="kind-desc">{t(`auth.kindDesc.${k}` as Key)}</span>
                </label>
              ))}
            </div>
            {fieldError(error, '/kind') && <p className="field-error">{fieldError(error, '/kind')}</p>}
          </fieldset>
          <Field label={kind === 'expert' ? t('auth.nameExpert') : t('auth.nameOrg')} required error={fieldError(error, '/name')}>
            {(p) => <input {...p} autoComplete={kind === 'expert' ? 'name' : 'organization'} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />}
          </Field>
          <Field label={t('field.email')} required error={fieldError(error, '/email')}>
            {(p) => <input {...p} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} required />}
          </Field>
          <Field label={t('auth.password')} required error={fieldError(error, '/password')} hint={t('auth.passwordHint')}>
            {(p) => <input {...p} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} maxLength={256} required />}
          </Field>
          {(kind === 'agency' || kind === 'innovation_center') && <p className="hint">{t('auth.verifyNote')}</p>}
          <div className={`field consent-field${fieldError(error, '/privacy_policy_version') ? ' field-invalid' : ''}`}>
            <label className="check" htmlFor={`${id}-consent`}>
              <input id={`${id}-consent`} type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} required
                data-testid="consent-checkbox" />
              <span>
                {t('auth.consent', { version: PRIVACY_POLICY_VERSION })}{' '}
                <Link to="/privacy" target="_blank" rel="noopener">{t('auth.consentLink')}</Link>
              </span>
            </label>
            {fieldError(error, '/privacy_policy_version') && <p className="field-error">{fieldError(error, '/privacy_policy_version')}</p>}
          </div>
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>{busy ? t('common.loading') : t('auth.register')}</button>
        </form>
        <p>{t('auth.haveAccount')} <Link to="/login">{t('nav.login')}</Link></p>
      </div>
    </div>
  );
}

export function NotFound() {
  const { t } = useI18n();
  useTitle(t('common.notFound'));
  return (
    <div className="container">
      <h1>{t('common.notFound')}</h1>
      <p>{t('common.notFoundText')}</p>
      <p><Link to="/">{t('nav.home')}</Link></p>
    </div>
  );
}
