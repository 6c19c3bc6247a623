import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api, session } from '../api/client';
import { fieldError, toUIError, type UIError } from '../api/problem';
import { useAuth } from '../auth/AuthContext';
import { ErrorBox, Field, KindBadge, Loading, Notice } from '../components/ui';
import { useI18n, useTitle, type Key } from '../i18n';
import { useLoad } from '../lib/hooks';

/**
 * The page of a claim link (/claim?token=…) or a staff invitation (/accept-invite?token=…): it shows what the
 * link offers, then accepts it with a new account (name and password) or with the signed-in one.
 */
export default function Invitation() {
  const { t, date } = useI18n();
  const { status, me, login, reload } = useAuth();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const token = params.get('token') ?? '';
  const info = useLoad((signal) => api.POST('/api/v1/invitations/inspect', { body: { token }, signal }), [token]);
  const inv = info.data;
  const claim = inv?.kind !== 'staff_invite';
  useTitle(t(claim ? 'invite.claimTitle' : 'invite.staffTitle'));
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<UIError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const accept = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!inv) return;
    setBusy(true);
    setError(null);
    const signedIn = status === 'authed';
    const r = await api.POST('/api/v1/invitations/accept', {
      body: signedIn ? { token } : { token, name: name.trim(), password },
    });
    if (!r.data) {
      setBusy(false);
      setError(toUIError(r.error, r.response));
      return;
    }
    // The access token names the account's profile: get one that names the new one.
    if (signedIn) {
      await session.refresh();
      await reload();
    } else {
      const err = await login(inv.email, password);
      if (err) setError(err);
    }
    setBusy(false);
    setDone(true);
    navigate('/me/profile', { replace: true });
  };

  const title = t(claim ? 'invite.claimTitle' : 'invite.staffTitle');
  if (info.loading && !inv) return <div className="container"><h1>{title}</h1><Loading /></div>;
  if (!inv) {
    return (
      <div className="container auth-page">
        <div className="card auth-card">
          <h1>{title}</h1>
          <ErrorBox error={info.error} />
        </div>
      </div>
    );
  }
  const role = t(`staff.role.${inv.role ?? 'member'}` as Key);
  const otherAccount = status === 'authed' && me && me.email !== inv.email;
  return (
    <div className="container auth-page">
      <div className="card auth-card wide" data-testid="invitation">
        <h1>{title}</h1>
        <p className="card-top"><KindBadge kind={inv.member_kind} /></p>
        <p className="lead" data-testid="invitation-member">{inv.member_name}</p>
        <p>{claim ? t('invite.claimIntro', { name: inv.member_name }) : t('invite.staffIntro', { name: inv.member_name, role })}</p>
        <p className="muted">{t('invite.email', { email: inv.email })} · {t('invite.expires', { date: date(inv.expires_at, true) })}</p>
        {done && <Notice kind="success">{t('invite.done', { name: inv.member_name })}</Notice>}
        <ErrorBox error={error} />
        {status === 'authed' && !otherAccount && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void accept()} data-testid="accept-signed-in">
            {t('invite.acceptAs', { email: inv.email })}
          </button>
        )}
        {otherAccount && <Notice kind="warn">{t('invite.otherAccount', { email: me.email, invited: inv.email })}</Notice>}
        {status === 'anon' && inv.account_exists && (
          <>
            <Notice>{t('invite.accountExists')}</Notice>
            <p><Link className="btn btn-primary" to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>{t('invite.signInFirst')}</Link></p>
          </>
        )}
        {status === 'anon' && !inv.account_exists && (
          <form className="form" onSubmit={accept} data-testid="invitation-form">
            <h2>{t('invite.createAccount')}</h2>
            <Field label={t('field.email')}>
              {(p) => <input {...p} type="email" value={inv.email} readOnly autoComplete="username" />}
            </Field>
            <Field label={t('invite.yourName')} required error={fieldError(error, '/name')}>
              {(p) => <input {...p} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />}
            </Field>
            <Field label={t('auth.password')} required error={fieldError(error, '/password')} hint={t('auth.passwordHint')}>
              {(p) => <input {...p} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} maxLength={256} required />}
            </Field>
            <button type="submit" className="btn btn-primary btn-block" disabled={busy}>{busy ? t('common.loading') : t('invite.accept')}</button>
          </form>
        )}
      </div>
    </div>
  );
}
