import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { api, type Member } from '../api/client';
import { fieldError, toUIError, type UIError } from '../api/problem';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { ErrorBox, Field, Notice } from './ui';

/** "Claim this profile" on an unowned (imported) profile: a request with a message, for an admin to review. */
export function ClaimProfile({ m }: { m: Member }) {
  const { t } = useI18n();
  const { status, isAdmin } = useAuth();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<UIError | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!m.claimable || isAdmin) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await api.POST('/api/v1/members/{id}/claim-requests', { params: { path: { id: m.id } }, body: { message: message.trim() } });
    setBusy(false);
    if (r.data) setSent(true);
    else setError(toUIError(r.error, r.response));
  };
  return (
    <section className="card" aria-labelledby="claim-title" data-testid="claim-profile">
      <h2 id="claim-title">{t('claim.button')}</h2>
      <p className="hint">{t('claim.intro')}</p>
      {sent && <Notice kind="success">{t('claim.sent')}</Notice>}
      {!sent && status !== 'authed' && (
        <Link className="btn btn-secondary" to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('claim.signIn')}</Link>
      )}
      {!sent && status === 'authed' && !open && (
        <button type="button" className="btn btn-secondary" onClick={() => setOpen(true)}>{t('claim.button')}</button>
      )}
      {!sent && status === 'authed' && open && (
        <form className="form" onSubmit={submit}>
          <ErrorBox error={error} />
          <Field label={t('claim.message')} required error={fieldError(error, '/message')}>
            {(p) => <textarea {...p} rows={4} maxLength={2000} value={message} onChange={(e) => setMessage(e.target.value)} required />}
          </Field>
          <button type="submit" className="btn btn-primary" disabled={busy}>{t('claim.send')}</button>
        </form>
      )}
    </section>
  );
}
