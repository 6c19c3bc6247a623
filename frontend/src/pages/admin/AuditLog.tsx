import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ErrorBox, Field, Loading, Pagination } from '../../components/ui';
import { useI18n, useTitle } from '../../i18n';
import { useLoad } from '../../lib/hooks';
import { auditQuery, type AuditFilters } from '../../lib/privacy';

const ACTIONS = [
  'verification.queue_view', 'verification.decide', 'records.import', 'records.export', 'admin.create', 'stats.view',
  'member.update', 'member.publish', 'member.delete', 'challenge.admin_change', 'contact.reveal', 'account.delete',
  'account.data_download', 'claim.invite', 'claim.decide', 'staff.admin',
];

const EMPTY: AuditFilters = { actor: '', action: '', target: '' };

/** The admin audit log: who did what to which object, newest first, with filters. */
export default function AuditLog() {
  const { t, date } = useI18n();
  useTitle(t('audit.title'));
  const [draft, setDraft] = useState<AuditFilters>(EMPTY);
  const [filters, setFilters] = useState<AuditFilters>(EMPTY);
  const [page, setPage] = useState(1);
  const res = useLoad(
    (signal) => api.GET('/api/v1/admin/audit', { params: { query: auditQuery(filters, page) }, signal }),
    [filters, page],
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPage(1);
    setFilters(draft);
  };
  const set = (k: keyof AuditFilters) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <p className="hint">{t('audit.hint')}</p>
      <form className="form filters-row" onSubmit={submit} data-testid="audit-filters">
        <Field label={t('audit.actor')}>
          {(p) => <input {...p} value={draft.actor} onChange={(e) => set('actor')(e.target.value)} maxLength={64} />}
        </Field>
        <Field label={t('audit.action')}>
          {(p) => (
            <select {...p} value={draft.action} onChange={(e) => set('action')(e.target.value)} data-testid="audit-action">
              <option value="">{t('common.all')}</option>
              {ACTIONS.map((a) => <option key={a} value={a}>{a}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('audit.target')}>
          {(p) => <input {...p} value={draft.target} onChange={(e) => set('target')(e.target.value)} maxLength={100} />}
        </Field>
        <div className="actions">
          <button type="submit" className="btn btn-primary" data-testid="audit-apply">{t('audit.apply')}</button>
          <button type="button" className="btn btn-ghost" onClick={() => { setDraft(EMPTY); setFilters(EMPTY); setPage(1); }}>{t('common.clear')}</button>
        </div>
      </form>
      <ErrorBox error={res.error} />
      {res.loading && !res.data && <Loading />}
      {res.data && res.data.items.length === 0 && <p className="empty">{t('audit.none')}</p>}
      {res.data && res.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="audit-table">
            <caption className="visually-hidden">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.details')}</th>
                <th scope="col">{t('audit.request')}</th>
              </tr>
            </thead>
            <tbody>
              {res.data.items.map((e) => (
                <tr key={e.id} data-testid="audit-row">
                  <td>{date(e.at, true)}</td>
                  <td><code>{e.actor}</code></td>
                  <td><code>{e.action}</code></td>
                  <td>{e.target_type} <code>{e.target_id}</code></td>
                  <td className="small">{Object.entries(e.details ?? {}).map(([k, v]) => `${k}: ${v}`).join(' · ')}</td>
                  <td><code className="small">{e.request_id ?? ''}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {res.data && <Pagination page={res.data.page} perPage={res.data.per_page} total={res.data.total} onPage={setPage} />}
    </section>
  );
}
