import { useState } from 'react';
import { api } from '../api/client';
import { toUIError, type UIError } from '../api/problem';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { ErrorBox, Notice } from './ui';

/** Reminds a signed-in account that its email is not confirmed, with a button to mail the link again. */
export function VerifyBanner() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<UIError | null>(null);
  if (!me || me.email_verified) return null;
  const resend = async () => {
    setError(null);
    const r = await api.POST('/api/v1/auth/verify-email/resend');
    if (r.response.ok) setSent(true);
    else setError(toUIError(r.error, r.response));
  };
  return (
    <div data-testid="verify-banner">
      <Notice kind="warn">
        {sent ? t('verify.resent') : t('verify.banner', { email: me.email })}{' '}
        {!sent && <button type="button" className="btn btn-link" onClick={() => void resend()}>{t('verify.resend')}</button>}
      </Notice>
      <ErrorBox error={error} />
    </div>
  );
}
