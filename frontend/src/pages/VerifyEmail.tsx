import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { toUIError, type UIError } from '../api/problem';
import { useAuth } from '../auth/AuthContext';
import { ErrorBox, Loading, Notice } from '../components/ui';
import { useI18n, useTitle } from '../i18n';

/** The landing page of the verification link: it confirms the email once, on arrival. */
export default function VerifyEmail() {
  const { t } = useI18n();
  const { status, reload } = useAuth();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  useTitle(t('verify.title'));
  const [state, setState] = useState<'working' | 'done' | 'failed'>('working');
  const [error, setError] = useState<UIError | null>(null);
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    void api.POST('/api/v1/auth/verify-email', { body: { token } }).then((r) => {
      if (r.response.ok) {
        setState('done');
        if (status === 'authed') void reload();
      } else {
        setError(toUIError(r.error, r.response));
        setState('failed');
      }
    });
  }, [token, status, reload]);
  return (
    <div className="container auth-page">
      <div className="card auth-card" data-testid="verify-email">
        <h1>{t('verify.title')}</h1>
        {state === 'working' && <Loading />}
        {state === 'done' && <Notice kind="success">{t('verify.done')}</Notice>}
        <ErrorBox error={error} />
        <p><Link to={status === 'authed' ? '/me/profile' : '/login'}>{t('verify.continue')}</Link></p>
      </div>
    </div>
  );
}
