import { useState, type FormEvent } from 'react';
import { api, type Schemas } from '../api/client';
import { fieldError, toUIError, type UIError } from '../api/problem';
import { useAuth } from '../auth/AuthContext';
import { ErrorBox, Field, Loading, Notice, SignInPrompt } from '../components/ui';
import { useI18n, useTitle, type Key } from '../i18n';
import { useLoad } from '../lib/hooks';

type StaffRole = Schemas['StaffRole'];
const ROLES: StaffRole[] = ['member', 'owner'];

/** The staff of the signed-in account's organisation: owners invite, change roles, remove, transfer. */
export default function Staff() {
  const { t } = useI18n();
  const { status, me, reload } = useAuth();
  useTitle(t('staff.title'));
  const memberId = me?.member_id;
  const staff = useLoad((signal) => (memberId ? api.GET('/api/v1/members/{id}/staff', { params: { path: { id: memberId } }, signal }) : null), [memberId]);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('member');
  const [error, setError] = useState<UIError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (status === 'loading') return <div className="container"><Loading /></div>;
  if (status === 'anon') return <div className="container"><h1>{t('staff.title')}</h1><SignInPrompt /></div>;
  if (!memberId || !me) return <div className="container"><h1>{t('staff.title')}</h1><p>{t('staff.noMember')}</p></div>;
  const owner = me.member_role === 'owner';
  const path = { id: memberId };

  const run = async (work: () => Promise<{ response: Response; error?: unknown }>, ok: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    const r = await work();
    setBusy(false);
    if (!r.response.ok) {
      setError(toUIError(r.error, r.response));
      return false;
    }
    setNotice(ok);
    staff.reload();
    await reload();
    return true;
  };
  const invite = async (e: FormEvent) => {
    e.preventDefault();
    const to = email.trim();
    if (await run(() => api.POST('/api/v1/members/{id}/staff/invitations', { params: { path }, body: { email: to, role } }), t('staff.invited', { email: to }))) {
      setEmail('');
    }
  };
  const setRoleOf = (accountId: string, r: StaffRole) =>
    run(() => api.PUT('/api/v1/members/{id}/staff/{account_id}', { params: { path: { ...path, account_id: accountId } }, body: { role: r } }), t('staff.changed'));
  const remove = (accountId: string) =>
    run(() => api.DELETE('/api/v1/members/{id}/staff/{account_id}', { params: { path: { ...path, account_id: accountId } } }), t('staff.changed'));
  const transfer = (accountId: string) =>
    run(() => api.POST('/api/v1/members/{id}/staff/transfer', { params: { path }, body: { account_id: accountId } }), t('staff.changed'));

  return (
    <div className="container narrow" data-testid="staff-page">
      <h1>{t('staff.title')}</h1>
      <p className="hint">{t('staff.intro', { name: me.member?.name ?? '' })}</p>
      <ErrorBox error={staff.error ?? error} />
      {notice && <Notice kind="success">{notice}</Notice>}
      {!owner && <Notice>{t('staff.onlyOwners')}</Notice>}
      <section aria-labelledby="staff-list">
        <h2 id="staff-list">{t('staff.list')}</h2>
        {staff.loading && !staff.data && <Loading />}
        <ul className="card-list" data-testid="staff-list">
          {staff.data?.items.map((s) => {
            const self = s.account_id === me.id;
            return (
              <li key={s.account_id} className="card" data-testid="staff-item">
                <p><strong>{s.name}</strong> {self && <span className="muted">{t('staff.you')}</span>}</p>
                <p className="muted">{s.email}</p>
                {owner ? (
                  <div className="actions">
                    <label>
                      {t('staff.role')}{' '}
                      <select value={s.role} disabled={busy} onChange={(e) => void setRoleOf(s.account_id, e.target.value as StaffRole)}>
                        {ROLES.map((r) => <option key={r} value={r}>{t(`staff.role.${r}` as Key)}</option>)}
                      </select>
                    </label>
                    {!self && s.role !== 'owner' && (
                      <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void transfer(s.account_id)}>{t('staff.makeOwner')}</button>
                    )}
                    {!self && <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void remove(s.account_id)}>{t('staff.remove')}</button>}
                  </div>
                ) : (
                  <p><span className="badge badge-soft">{t(`staff.role.${s.role}` as Key)}</span></p>
                )}
                {self && !owner && (
                  <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void remove(s.account_id)}>{t('staff.leave')}</button>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      {owner && (
        <section aria-labelledby="staff-invite">
          <h2 id="staff-invite">{t('staff.invite')}</h2>
          <form className="form" onSubmit={invite} data-testid="staff-invite-form">
            <Field label={t('field.email')} required error={fieldError(error, '/email')}>
              {(p) => <input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} required />}
            </Field>
            <Field label={t('staff.role')} error={fieldError(error, '/role')}>
              {(p) => (
                <select {...p} value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
                  {ROLES.map((r) => <option key={r} value={r}>{t(`staff.role.${r}` as Key)}</option>)}
                </select>
              )}
            </Field>
            <button type="submit" className="btn btn-primary" disabled={busy}>{t('staff.inviteSend')}</button>
          </form>
        </section>
      )}
    </div>
  );
}
