import { useRef, useState, type FormEvent } from 'react';
import { api, type Schemas } from '../api/client';
import { toUIError, type UIError } from '../api/problem';
import { useI18n } from '../i18n';
import { dispositionName, formatBytes } from '../lib/attachments';
import { useLoad } from '../lib/hooks';
import { ErrorBox, Field, Loading } from './ui';

type Attachment = Schemas['Attachment'];

/** Fetches an attachment with the session (drafts need it) and saves it under its name. */
async function save(a: Attachment, onError: (e: UIError) => void) {
  const r = await api.GET('/api/v1/challenges/{id}/attachments/{attachment_id}', {
    params: { path: { id: a.challenge_id, attachment_id: a.id } }, parseAs: 'blob',
  });
  if (!r.data) {
    onError(toUIError(r.error, r.response));
    return;
  }
  const url = URL.createObjectURL(r.data as Blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = dispositionName(r.response.headers.get('Content-Disposition'), a.name);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function AttachmentRows({ items, onDelete }: { items: Attachment[]; onDelete?: (a: Attachment) => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<UIError | null>(null);
  return (
    <>
      <ErrorBox error={error} />
      <ul className="attachment-list" data-testid="attachment-list">
        {items.map((a) => (
          <li key={a.id} className="attachment" data-testid="attachment-item">
            <button type="button" className="link-button" onClick={() => void save(a, setError)}
              aria-label={t('att.download', { name: a.name })} data-testid="attachment-download">
              {a.name}
            </button>
            <span className="muted small"> · {a.content_type.replace('application/', '').replace('image/', '').toUpperCase()} · {formatBytes(a.size)}</span>
            {onDelete && (
              <button type="button" className="btn btn-ghost" aria-label={t('att.delete', { name: a.name })}
                onClick={() => window.confirm(t('att.deleteConfirm')) && onDelete(a)} data-testid="attachment-delete">×</button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The attachments of a challenge, for its page. */
export function AttachmentList({ challengeId }: { challengeId: string }) {
  const { t } = useI18n();
  const res = useLoad((signal) => api.GET('/api/v1/challenges/{id}/attachments', { params: { path: { id: challengeId } }, signal }), [challengeId]);
  if (res.data && res.data.items.length === 0) return null;
  return (
    <section className="section" aria-labelledby="att-title" data-testid="attachments">
      <h2 id="att-title">{t('att.title')}</h2>
      <ErrorBox error={res.error} />
      {res.loading && !res.data && <Loading />}
      {res.data && <AttachmentRows items={res.data.items} />}
    </section>
  );
}

/** Upload and delete attachments, on the edit page of a challenge. */
export function AttachmentManager({ challengeId }: { challengeId: string }) {
  const { t } = useI18n();
  const res = useLoad((signal) => api.GET('/api/v1/challenges/{id}/attachments', { params: { path: { id: challengeId } }, signal }), [challengeId]);
  const [error, setError] = useState<UIError | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const max = res.data?.max_size ?? 10 * 1024 * 1024;
  const upload = async (e: FormEvent) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return;
    setError(null);
    if (file.size > max) {
      setError({ status: 413, title: t('att.tooLarge', { size: formatBytes(max) }), detail: '', fields: {} });
      return;
    }
    setBusy(true);
    const r = await api.POST('/api/v1/challenges/{id}/attachments', {
      params: { path: { id: challengeId } },
      body: { file: file as unknown as string },
      bodySerializer: () => {
        const fd = new FormData();
        fd.append('file', file, file.name);
        return fd;
      },
    });
    setBusy(false);
    if (!r.data) {
      setError(toUIError(r.error, r.response));
      return;
    }
    if (input.current) input.current.value = '';
    const a = r.data;
    res.setData(res.data && { ...res.data, items: [...res.data.items, a] });
  };
  const remove = async (a: Attachment) => {
    setError(null);
    const r = await api.DELETE('/api/v1/challenges/{id}/attachments/{attachment_id}', {
      params: { path: { id: challengeId, attachment_id: a.id } },
    });
    if (r.response.status !== 204) {
      setError(toUIError(r.error, r.response));
      return;
    }
    res.setData(res.data && { ...res.data, items: res.data.items.filter((x) => x.id !== a.id) });
  };
  return (
    <section className="section card" aria-labelledby="att-manage-title" data-testid="attachment-manager">
      <h2 id="att-manage-title">{t('att.title')}</h2>
      <ErrorBox error={res.error ?? error} />
      {res.data && res.data.items.length === 0 && <p className="empty">{t('att.none')}</p>}
      {res.data && res.data.items.length > 0 && <AttachmentRows items={res.data.items} onDelete={(a) => void remove(a)} />}
      <form className="form" onSubmit={upload} data-testid="upload-form">
        <Field label={t('att.file')} hint={t('att.uploadHint', { size: formatBytes(max) })}>
          {(p) => <input {...p} ref={input} type="file" accept="application/pdf,image/png,image/jpeg,image/webp" data-testid="attachment-file" />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-secondary" disabled={busy} data-testid="upload-attachment">
            {busy ? t('att.uploading') : t('att.upload')}
          </button>
        </div>
      </form>
    </section>
  );
}
