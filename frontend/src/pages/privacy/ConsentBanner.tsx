import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { toUIError, type UIError } from '../../api/problem';
import { useAuth } from '../../auth/AuthContext';
import { ErrorBox } from '../../components/ui';
import { useI18n } from '../../i18n';
import { consentNeeded, policyVersion } from '../../lib/privacy';

/** Asks a signed-in account without consent to the policy in force to accept it. */
export function ConsentBanner() {
  const { t } = useI18n();
  const { status, me, reload } = useAuth();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UIError | null>(null);
  if (status !== 'authed' || !consentNeeded(me?.consent)) return null;
  const version = policyVersion(me?.consent);
  const accept = async () => {
    setBusy(true);
    setError(null);
    const r = await api.POST('/api/v1/me/consent', { body: { policy_version: version } });
    setBusy(false);
    if (!r.data) setError(toUIError(r.error, r.response));
    else await reload();
  };
  return (
    <section className="consent-banner" role="region" aria-labelledby="consent-title" data-testid="consent-banner">
      <div className="container">
        <h2 id="consent-title">{t('consent.title')}</h2>
        <p>
          {me?.consent?.policy_version ? t('consent.updated', { version }) : t('consent.missing', { version })}{' '}
          <Link to="/privacy">{t('consent.read')}</Link>
        </p>
        <ErrorBox error={error} />
        <button type="button" className="btn btn-primary" onClick={() => void accept()} disabled={busy} data-testid="consent-accept">
          {busy ? t('common.saving') : t('consent.accept')}
        </button>
      </div>
    </section>
  );
}
