import { lazy, Suspense, useId, useState, type FormEvent } from 'react';
import { Link, NavLink, Route, Routes } from 'react-router';
import { api, type ImportReport, type Member } from '../../api/client';
import { toUIError, type UIError } from '../../api/problem';
import { useAuth } from '../../auth/AuthContext';
import { ErrorBox, Field, KindBadge, Loading, Notice, Pagination, SignInPrompt } from '../../components/ui';
import { useI18n, useTitle, type Key } from '../../i18n';
import { useLoad } from '../../lib/hooks';

const Dashboard = lazy(() => import('./Dashboard'));
const Claims = lazy(() => import('./Claims'));
const AuditLog = lazy(() => import('./AuditLog'));

function Verifications() {
  const { t, date } = useI18n();
  useTitle(t('admin.verifications'));
  const [page, setPage] = useState(1);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<UIError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const res = useLoad((signal) => api.GET('/api/v1/admin/verifications', { params: { query: { page, per_page: 20 } }, signal }), [page]);
  const decide = async (m: Member, decision: 'verify' | 'reject') => {
    setError(null);
    setDone(null);
    const note = notes[m.id]?.trim();
    const r = await api.POST('/api/v1/admin/verifications/{id}', { params: { path: { id: m.id } }, body: { decision, note: note || undefined } });
    if (!r.data) {
      setError(toUIError(r.error, r.response));
      return;
    }
    setDone(t(decision === 'verify' ? 'admin.verifiedDone' : 'admin.rejectedDone', { name: m.name }));
    res.reload();
  };
  return (
    <section aria-labelledby="ver-title">
      <h2 id="ver-title">{t('admin.verifications')}</h2>
      <p className="hint">{t('admin.verificationsHint')}</p>
      <ErrorBox error={res.error ?? error} />
      {done && <Notice kind="success">{done}</Notice>}
      {res.loading && !res.data && <Loading />}
      {res.data && res.data.items.length === 0 && <p className="empty">{t('admin.noPending')}</p>}
      {res.data && res.data.items.length > 0 && (
        <ul className="card-list" data-testid="verification-queue">
          {res.data.items.map((m) => (
            <li key={m.id} className="card" data-testid="verification-item">
              <div className="card-top">
                <KindBadge kind={m.kind} />
                <span className="badge badge-soft">{t(`verif.${m.verification}` as Key)}</span>
                <span className="badge badge-soft">{t(`pstatus.${m.status}` as Key)}</span>
              </div>
              <h3 className="card-title"><Link to={`/members/${encodeURIComponent(m.id)}`}>{m.name}</Link></h3>
              {m.headline && <p>{m.headline}</p>}
              <dl className="dl dl-inline small">
                {m.jurisdiction && (<><dt>{t('field.jurisdiction')}</dt><dd>{m.jurisdiction}</dd></>)}
                {m.ward && (<><dt>{t('field.ward')}</dt><dd>{m.ward}</dd></>)}
                {m.contact?.email && (<><dt>{t('field.email')}</dt><dd>{m.contact.email}</dd></>)}
                {m.contact?.website && (<><dt>{t('field.website')}</dt><dd>{m.contact.website}</dd></>)}
                <dt>{t('field.createdAt')}</dt><dd>{date(m.created_at)}</dd>
              </dl>
              <Field label={t('admin.note')} hint={t('admin.noteHint')}>
                {(p) => <input {...p} value={notes[m.id] ?? ''} maxLength={1000} onChange={(e) => setNotes({ ...notes, [m.id]: e.target.value })} />}
              </Field>
              <div className="actions">
                <button type="button" className="btn btn-primary" onClick={() => void decide(m, 'verify')} data-testid="verify">{t('admin.verify')}</button>
                <button type="button" className="btn btn-danger" onClick={() => void decide(m, 'reject')} data-testid="reject">{t('admin.reject')}</button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {res.data && <Pagination page={res.data.page} perPage={res.data.per_page} total={res.data.total} onPage={setPage} />}
    </section>
  );
}

function Import() {
  const { t, num } = useI18n();
  useTitle(t('admin.import'));
  const id = useId();
  const [type, setType] = useState<'members' | 'challenges'>('members');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<UIError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    const r = await api.POST('/api/v1/admin/import', {
      body: { type, file: file as unknown as string },
      bodySerializer: (b) => {
        const fd = new FormData();
        fd.append('type', b.type);
        fd.append('file', file, file.name);
        return fd;
      },
    });
    setBusy(false);
    if (!r.data) setError(toUIError(r.error, r.response));
    else setReport(r.data);
  };
  return (
    <section aria-labelledby="imp-title">
      <h2 id="imp-title">{t('admin.import')}</h2>
      <p className="hint">{t('admin.importHint')}</p>
      <form className="form" onSubmit={submit} data-testid="import-form">
        <ErrorBox error={error} />
        <fieldset className="field">
          <legend>{t('admin.type')}</legend>
          <div className="checks checks-inline">
            {(['members', 'challenges'] as const).map((k) => (
              <label key={k} className={`check${type === k ? ' check-on' : ''}`}>
                <input type="radio" name={`${id}-type`} value={k} checked={type === k} onChange={() => setType(k)} />
                <span>{t(`admin.type.${k}` as Key)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <Field label={t('admin.file')} hint={t('admin.fileHint')}>
          {(p) => <input {...p} type="file" accept=".csv,.xlsx,.jsonl,.ndjson,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="import-file" />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={!file || busy} data-testid="import-submit">{busy ? t('common.loading') : t('admin.upload')}</button>
        </div>
      </form>
      {report && (
        <div className="section" data-testid="import-report" aria-live="polite">
          <Notice kind={report.errors.length ? 'warn' : 'success'}>
            {t('admin.importResult', { rows: num(report.rows), imported: num(report.imported), errors: num(new Set(report.errors.map((e) => e.row)).size) })}
          </Notice>
          {type === 'members' && report.imported > 0 && <p><Link to="/admin/claims" data-testid="import-invite">{t('admin.claimsInvite')}</Link></p>}
          {report.errors.length > 0 && (
            <div className="table-wrap">
              <table className="table" data-testid="import-errors">
                <caption>{t('admin.rowErrors')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.row')}</th>
                    <th scope="col">{t('admin.field')}</th>
                    <th scope="col">{t('admin.message')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.errors.map((er, i) => (
                    <tr key={i}>
                      <td>{er.row}</td>
                      <td><code>{er.field ?? ''}</code></td>
                      <td>{er.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function Export() {
  const { t } = useI18n();
  useTitle(t('admin.export'));
  const [error, setError] = useState<UIError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // The export needs the bearer token, which a plain link cannot carry: fetch it, then save the blob.
  const download = async (type: 'members' | 'challenges', format: 'jsonl' | 'csv' | 'xlsx') => {
    setError(null);
    setBusy(`${type}.${format}`);
    const r = await api.GET('/api/v1/admin/export', { params: { query: { type, format } }, parseAs: 'blob' });
    setBusy(null);
    if (!r.data) {
      setError(toUIError(r.error, r.response));
      return;
    }
    const cd = r.response.headers.get('Content-Disposition') ?? '';
    const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd)?.[1] ?? `innonet-${type}.${format}`;
    const url = URL.createObjectURL(r.data as Blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = decodeURIComponent(name);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  };
  return (
    <section aria-labelledby="exp-title">
      <h2 id="exp-title">{t('admin.export')}</h2>
      <p className="hint">{t('admin.exportHint')}</p>
      <ErrorBox error={error} />
      <div className="export-grid" data-testid="export-links">
        {(['members', 'challenges'] as const).map((type) => (
          <div key={type} className="card">
            <h3>{t(`admin.type.${type}` as Key)}</h3>
            <div className="actions">
              {(['csv', 'xlsx', 'jsonl'] as const).map((f) => (
                <button key={f} type="button" className="btn btn-secondary" disabled={busy !== null}
                  onClick={() => void download(type, f)} data-testid={`export-${type}-${f}`}>
                  {busy === `${type}.${f}` ? t('common.loading') : t('admin.download', { format: f.toUpperCase() })}
                </button>
              ))}
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}

export default function Admin() {
  const { t } = useI18n();
  const { status, isAdmin } = useAuth();
  if (status === 'loading') return <div className="container"><Loading /></div>;
  if (status === 'anon') return <div className="container"><h1>{t('admin.title')}</h1><SignInPrompt /></div>;
  if (!isAdmin) return <div className="container"><h1>{t('admin.title')}</h1><p>{t('admin.only')}</p></div>;
  return (
    <div className="container admin">
      <h1>{t('admin.title')}</h1>
      <nav className="tabs" aria-label={t('admin.sections')}>
        <NavLink to="/admin" end>{t('admin.verifications')}</NavLink>
        <NavLink to="/admin/dashboard">{t('admin.dashboard')}</NavLink>
        <NavLink to="/admin/import">{t('admin.import')}</NavLink>
        <NavLink to="/admin/export">{t('admin.export')}</NavLink>
        <NavLink to="/admin/claims">{t('admin.claims')}</NavLink>
        <NavLink to="/admin/audit">{t('audit.title')}</NavLink>
      </nav>
      <Routes>
        <Route index element={<Verifications />} />
        <Route path="dashboard" element={<Suspense fallback={<Loading />}><Dashboard /></Suspense>} />
        <Route path="import" element={<Import />} />
        <Route path="export" element={<Export />} />
        <Route path="claims" element={<Suspense fallback={<Loading />}><Claims /></Suspense>} />
        <Route path="audit" element={<Suspense fallback={<Loading />}><AuditLog /></Suspense>} />
      </Routes>
    </div>
  );
}
