import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, session } from '../../api/client';
import { fieldError, toUIError, type UIError } from '../../api/problem';
import { useAuth } from '../../auth/AuthContext';
import { ErrorBox, Field, Loading, Notice, SignInPrompt } from '../../components/ui';
import { useI18n, useTitle } from '../../i18n';
import { attachmentName, consentNeeded, saveBlob } from '../../lib/privacy';

/** The member's privacy page: consent, downloading its data, and deleting its account. */
export default function PrivacySettings() {
  const { t, date } = useI18n();
  const { status, me } = useAuth();
  const navigate = useNavigate();
  useTitle(t('privacy.settingsTitle'));
  const dialog = useRef<HTMLDialogElement>(null);
  const [downloading, setDownloading] = useState(false);
  const [downloaded, setDownloaded] = useState(false);
  const [error, setError] = useState<UIError | null>(null);
  const [password, setPassword] = useState('');
  const [deleteError, setDeleteError] = useState<UIError | null>(null);
  const [deleting, setDeleting] = useState(false);

  if (status === 'loading') return <div className="container"><Loading /></div>;
  if (status === 'anon') return <div className="container"><h1>{t('privacy.settingsTitle')}</h1><SignInPrompt /></div>;

  const download = async () => {
    setError(null);
    setDownloaded(false);
    setDownloading(true);
    const r = await api.GET('/api/v1/me/data', { parseAs: 'blob' });
    setDownloading(false);
    if (!r.data) {
      setError(toUIError(r.error, r.response));
      return;
    }
    saveBlob(r.data as Blob, attachmentName(r.response.headers.get('Content-Disposition'), 'innonet-my-data.json'));
    setDownloaded(true);
  };

  const openDialog = () => {
    setPassword('');
    setDeleteError(null);
    dialog.current?.showModal();
  };
  const remove = async (e: FormEvent) => {
    e.preventDefault();
    setDeleting(true);
    setDeleteError(null);
    const r = await api.POST('/api/v1/me/delete', { body: { password } });
    setDeleting(false);
    if (r.response.status !== 204) {
      setDeleteError(toUIError(r.error, r.response));
      return;
    }
    dialog.current?.close();
    // The server erased the sessions and cleared the cookie; forgetting the access token signs out here.
    session.clear();
    navigate('/?deleted=1', { replace: true });
  };

  const consent = me?.consent;
  return (
    <div className="container narrow">
      <h1>{t('privacy.settingsTitle')}</h1>

      <section className="card section" aria-labelledby="consent-h">
        <h2 id="consent-h">{t('privacy.consentTitle')}</h2>
        <p data-testid="consent-state">
          {consent?.policy_version && !consentNeeded(consent)
            ? t('privacy.consentGiven', { version: consent.policy_version, date: date(consent.given_at, true) })
            : t('privacy.consentNone')}
        </p>
        <p><Link to="/privacy">{t('privacy.readPolicy')}</Link></p>
      </section>

      <section className="card section" aria-labelledby="data-h">
        <h2 id="data-h">{t('privacy.dataTitle')}</h2>
        <p>{t('privacy.dataText')}</p>
        <ErrorBox error={error} />
        {downloaded && <Notice kind="success">{t('privacy.downloaded')}</Notice>}
        <button type="button" className="btn btn-secondary" onClick={() => void download()} disabled={downloading} data-testid="download-data">
          {downloading ? t('common.loading') : t('privacy.download')}
        </button>
      </section>

      <section className="card section danger-zone" aria-labelledby="danger-h" data-testid="danger-zone">
        <h2 id="danger-h">{t('privacy.dangerTitle')}</h2>
        <p>{t('privacy.deleteText')}</p>
        <button type="button" className="btn btn-danger" onClick={openDialog} data-testid="delete-account">
          {t('privacy.delete')}
        </button>
      </section>

      <dialog ref={dialog} className="dialog" aria-labelledby="confirm-h" data-testid="delete-dialog">
        <form className="form" onSubmit={remove}>
          <h2 id="confirm-h">{t('privacy.confirmTitle')}</h2>
          <p>{t('privacy.confirmText')}</p>
          <ErrorBox error={deleteError} />
          <Field label={t('privacy.confirmPassword')} required error={fieldError(deleteError, '/password')}>
            {(p) => <input {...p} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required maxLength={256} />}
          </Field>
          <div className="actions">
            <button type="button" className="btn btn-ghost" onClick={() => dialog.current?.close()}>{t('common.cancel')}</button>
            <button type="submit" className="btn btn-danger" disabled={deleting || !password} data-testid="confirm-delete">
              {deleting ? t('common.loading') : t('privacy.confirmDelete')}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
