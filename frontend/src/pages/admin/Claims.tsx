import { useState } from 'react';
import { Link } from 'react-router';
import { api, type Member } from '../../api/client';
import { toUIError, type UIError } from '../../api/problem';
import { ErrorBox, KindBadge, Loading, Notice, Pagination } from '../../components/ui';
import { useI18n, useTitle } from '../../i18n';
import { useLoad } from '../../lib/hooks';

/** Unowned profiles on a page of the directory, with a one-time claim invitation each or for a selection. */
function InviteToClaim() {
  const { t, num } = useI18n();
  const [page, setPage] = useState(1);
  const [emails, setEmails] = useState<Record<string, string>>({});
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [error, setError] = useState<UIError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const res = useLoad((signal) => api.GET('/api/v1/members', { params: { query: { page, per_page: 100 } }, signal }), [page]);
  const unowned = (res.data?.items ?? []).filter((m) => m.claimable);
  const inviteOne = async (m: Member) => {
    setError(null);
    setNotice(null);
    const email = emails[m.id]?.trim();
    const r = await api.POST('/api/v1/admin/members/{id}/claim-invitation', { params: { path: { id: m.id } }, body: email ? { email } : {} });
    if (!r.data) setError(toUIError(r.error, r.response));
    else setNotice(t('admin.invited', { email: r.data.email }));
  };
  const inviteSelected = async () => {
    setError(null);
    setNotice(null);
    const r = await api.POST('/api/v1/admin/claim-invitations', { body: { member_ids: [...selected] } });
    if (!r.data) {
      setError(toUIError(r.error, r.response));
      return;
    }
    const failed = r.data.results.filter((x) => x.error).map((x) => `${x.member_id}: ${x.error}`);
    setNotice(t('admin.bulkInvited', { invited: num(r.data.invited), total: num(r.data.results.length) }) + (failed.length ? ` (${failed.join('; ')})` : ''));
    setSelected(new Set());
  };
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  return (
    <section aria-labelledby="claim-invite-title">
      <h2 id="claim-invite-title">{t('admin.claimsInvite')}</h2>
      <p className="hint">{t('admin.claimsInviteHint')}</p>
      <ErrorBox error={res.error ?? error} />
      {notice && <Notice kind="success">{notice}</Notice>}
      {res.loading && !res.data && <Loading />}
      {res.data && unowned.length === 0 && <p className="empty">{t('admin.claimsNone')}</p>}
      {unowned.length > 0 && (
        <>
          <div className="actions">
            <button type="button" className="btn btn-primary" disabled={selected.size === 0} onClick={() => void inviteSelected()} data-testid="invite-selected">
              {t('admin.inviteSelected', { n: num(selected.size) })}
            </button>
          </div>
          <ul className="card-list" data-testid="claim-candidates">
            {unowned.map((m) => (
              <li key={m.id} className="card" data-testid="claim-candidate">
                <div className="card-top">
                  <label className="check">
                    <input type="checkbox" checked={selected.has(m.id)} onChange={() => toggle(m.id)} aria-label={t('admin.select', { name: m.name })} />
                  </label>
                  <KindBadge kind={m.kind} />
                </div>
                <h3 className="card-title"><Link to={`/members/${encodeURIComponent(m.id)}`}>{m.name}</Link></h3>
                <p className="muted">{m.contact?.email ?? t('admin.noEmail')}</p>
                <div className="actions">
                  <input aria-label={t('admin.inviteEmail')} placeholder={t('admin.inviteEmail')} type="email" maxLength={254}
                    value={emails[m.id] ?? ''} onChange={(e) => setEmails({ ...emails, [m.id]: e.target.value })} />
                  <button type="button" className="btn btn-secondary" onClick={() => void inviteOne(m)} data-testid="invite-claim">{t('admin.invite')}</button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {res.data && <Pagination page={res.data.page} perPage={res.data.per_page} total={res.data.total} onPage={setPage} />}
    </section>
  );
}

/** Pending requests to claim a profile, approved or rejected by an admin. */
function ClaimRequests() {
  const { t, date } = useI18n();
  const [page, setPage] = useState(1);
  const [error, setError] = useState<UIError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const res = useLoad((signal) => api.GET('/api/v1/admin/claim-requests', { params: { query: { status: 'pending', page, per_page: 20 } }, signal }), [page]);
  const decide = async (id: string, decision: 'approve' | 'reject') => {
    setError(null);
    setNotice(null);
    const r = await api.POST('/api/v1/admin/claim-requests/{id}', { params: { path: { id } }, body: { decision } });
    if (!r.data) setError(toUIError(r.error, r.response));
    else setNotice(t(decision === 'approve' ? 'admin.approved' : 'admin.rejectedClaim'));
    res.reload();
  };
  return (
    <section aria-labelledby="claim-req-title">
      <h2 id="claim-req-title">{t('admin.claimRequests')}</h2>
      <ErrorBox error={res.error ?? error} />
      {notice && <Notice kind="success">{notice}</Notice>}
      {res.data && res.data.items.length === 0 && <p className="empty">{t('admin.claimRequestsNone')}</p>}
      <ul className="card-list" data-testid="claim-requests">
        {res.data?.items.map((r) => (
          <li key={r.id} className="card" data-testid="claim-request">
            <p>
              <Link to={`/members/${encodeURIComponent(r.member_id)}`}>
                {t('admin.requestBy', { name: r.account_name ?? r.account_id, email: r.account_email ?? '', member: r.member_name ?? r.member_id })}
              </Link>
            </p>
            <blockquote>{r.message}</blockquote>
            <p className="muted small">{date(r.created_at, true)}</p>
            <div className="actions">
              <button type="button" className="btn btn-primary" onClick={() => void decide(r.id, 'approve')}>{t('admin.approve')}</button>
              <button type="button" className="btn btn-danger" onClick={() => void decide(r.id, 'reject')}>{t('admin.reject')}</button>
            </div>
          </li>
        ))}
      </ul>
      {res.data && <Pagination page={res.data.page} perPage={res.data.per_page} total={res.data.total} onPage={setPage} />}
    </section>
  );
}

export default function Claims() {
  const { t } = useI18n();
  useTitle(t('admin.claims'));
  return (
    <>
      <ClaimRequests />
      <InviteToClaim />
    </>
  );
}
