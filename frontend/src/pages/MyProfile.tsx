import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, type AvailableFor, type Member, type Stage, type Visibility } from '../api/client';
import { fieldError, toUIError, unclaimedFields, type UIError } from '../api/problem';
import { useAuth } from '../auth/AuthContext';
import { CheckGroup, SectorPicker, TagInput } from '../components/inputs';
import { ErrorBox, Field, KindBadge, Loading, Notice, SignInPrompt } from '../components/ui';
import { useI18n, useTitle, type Key } from '../i18n';
import { VerifyBanner } from '../components/VerifyBanner';
import { KIND_FIELDS, formFromMember, memberPatch, type MemberForm } from '../lib/memberForm';

const STAGES: Stage[] = ['idea', 'mvp', 'seed', 'series_a', 'growth'];
const AVAIL: AvailableFor[] = ['mentoring', 'consulting', 'research', 'training', 'judging'];
const VIS: Visibility[] = ['public', 'members', 'private'];

const CLAIMED = [
  '/name', '/headline', '/description', '/sectors', '/skills', '/ward', '/languages', '/contact', '/stage', '/founded',
  '/team_size', '/organization', '/title', '/years_experience', '/available_for', '/services', '/jurisdiction',
];

export default function MyProfile() {
  const { t } = useI18n();
  const { status, me, reload: reloadMe } = useAuth();
  useTitle(t('myProfile.title'));
  const [member, setMember] = useState<Member | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [orig, setOrig] = useState<MemberForm | null>(null);
  const [form, setForm] = useState<MemberForm | null>(null);
  const [error, setError] = useState<UIError | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const memberId = me?.member_id;

  const load = async () => {
    if (!memberId) return;
    setConflict(false);
    setError(null);
    const { data, error: err, response } = await api.GET('/api/v1/members/{id}', { params: { path: { id: memberId } } });
    if (!data) {
      setError(toUIError(err, response));
      return;
    }
    setMember(data);
    setEtag(response.headers.get('ETag'));
    const f = formFromMember(data);
    setOrig(f);
    setForm(f);
  };

  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [memberId]);

  if (status === 'loading') return <div className="container"><Loading /></div>;
  if (status === 'anon') return <div className="container"><h1>{t('myProfile.title')}</h1><SignInPrompt /></div>;
  if (!memberId) return <div className="container"><h1>{t('myProfile.title')}</h1><p>{t('myProfile.noMember')}</p></div>;
  if (!member || !form || !orig) return <div className="container"><h1>{t('myProfile.title')}</h1><ErrorBox error={error} />{!error && <Loading />}</div>;

  const kind = member.kind;
  const has = (f: keyof MemberForm) => KIND_FIELDS[kind].includes(f);
  const set = <K extends keyof MemberForm>(k: K, v: MemberForm[K]) => {
    setForm((f) => (f ? { ...f, [k]: v } : f));
    setSaved(null);
  };
  const fe = (p: string) => fieldError(error, p);
  const patch = memberPatch(kind, orig, form);

  /** Save the changes; resolves true when saved (or nothing to save). */
  const save = async (): Promise<boolean> => {
    if (!patch) return true;
    setBusy(true);
    setError(null);
    setConflict(false);
    const { data, error: err, response } = await api.PATCH('/api/v1/members/{id}', {
      params: { path: { id: member.id }, header: etag ? { 'If-Match': etag } : {} },
      body: etag ? patch : { ...patch, version: member.version },
    });
    setBusy(false);
    if (!data) {
      const ue = toUIError(err, response);
      if (response.status === 409 || response.status === 412) setConflict(true);
      setError(ue);
      return false;
    }
    setMember(data);
    setEtag(response.headers.get('ETag'));
    const f = formFromMember(data);
    setOrig(f);
    setForm(f);
    setSaved(t('myProfile.saved'));
    return true;
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await save();
  };

  const publish = async () => {
    if (!(await save())) return;
    setBusy(true);
    const { data, error: err, response } = await api.POST('/api/v1/members/{id}/publish', { params: { path: { id: member.id } } });
    setBusy(false);
    if (!data) {
      setError(toUIError(err, response));
      return;
    }
    setSaved(t('myProfile.publishedNow'));
    await load();
    await reloadMe();
  };

  const visSelect = (f: 'email_visibility' | 'phone_visibility' | 'website_visibility', label: string) => (
    <Field label={t('myProfile.visibility', { field: label })} error={fe(`/contact/${f}`)}>
      {(p) => (
        <select {...p} value={form[f]} onChange={(e) => set(f, e.target.value as Visibility)} data-testid={`vis-${f}`}>
          {VIS.map((v) => (
            <option key={v} value={v}>{t(`vis.${v}` as Key)}</option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <div className="container narrow">
      <h1>{t('myProfile.title')}</h1>
      <p className="card-top">
        <KindBadge kind={kind} />
        <span className={`badge ${member.status === 'published' ? 'status-open' : 'status-draft'}`} data-testid="profile-status">
          {t(`pstatus.${member.status}` as Key)}
        </span>
        {(kind === 'agency' || kind === 'innovation_center') && (
          <span className="badge badge-soft">{t(`verif.${member.verification}` as Key)}</span>
        )}
        <Link to={`/members/${encodeURIComponent(member.id)}`}>{t('myProfile.view')}</Link>
      </p>
      <VerifyBanner />
      <p><Link to="/me/staff" data-testid="staff-link">{t('nav.staff')}</Link></p>
      {member.verification_note && <Notice kind="warn">{member.verification_note}</Notice>}
      {member.status === 'draft' && <Notice>{t('myProfile.draftHint')}</Notice>}
      {conflict && (
        <div className="alert alert-warn" role="alert" data-testid="conflict">
          <p>{t('myProfile.conflict')}</p>
          <button type="button" className="btn btn-secondary" onClick={() => void load()}>{t('myProfile.reload')}</button>
        </div>
      )}
      {!conflict && <ErrorBox error={error} extra={unclaimedFields(error, CLAIMED)} />}
      {saved && <Notice kind="success">{saved}</Notice>}

      <form onSubmit={onSubmit} className="form" noValidate data-testid="profile-form">
        <fieldset className="group">
          <legend>{t('myProfile.basics')}</legend>
          <Field label={t('field.name')} required error={fe('/name')}>
            {(p) => <input {...p} value={form.name} onChange={(e) => set('name', e.target.value)} maxLength={200} required />}
          </Field>
          <Field label={t('field.headline')} error={fe('/headline')} hint={t('myProfile.headlineHint')}>
            {(p) => <input {...p} value={form.headline} onChange={(e) => set('headline', e.target.value)} maxLength={300} />}
          </Field>
          <Field label={t('field.description')} error={fe('/description')} hint={t('myProfile.descriptionHint')}>
            {(p) => <textarea {...p} rows={7} value={form.description} onChange={(e) => set('description', e.target.value)} maxLength={10000} />}
          </Field>
          <Field label={t('field.ward')} error={fe('/ward')} hint={t('myProfile.wardHint')}>
            {(p) => <input {...p} value={form.ward} onChange={(e) => set('ward', e.target.value)} maxLength={100} />}
          </Field>
          <TagInput label={t('field.languages')} value={form.languages} onChange={(v) => set('languages', v)} max={10}
            hint={t('myProfile.languagesHint')} error={fe('/languages')} />
        </fieldset>

        <fieldset className="group">
          <legend>{t('myProfile.expertise')}</legend>
          <SectorPicker legend={t('field.sectors')} value={form.sectors} onChange={(v) => set('sectors', v)} error={fe('/sectors')} />
          <TagInput label={t('field.skills')} value={form.skills} onChange={(v) => set('skills', v)} error={fe('/skills')}
            testId="skills-input" />
        </fieldset>

        <fieldset className="group" data-testid="kind-fields">
          <legend>{t(`myProfile.kindFields.${kind}` as Key)}</legend>
          {has('stage') && (
            <Field label={t('field.stage')} error={fe('/stage')}>
              {(p) => (
                <select {...p} value={form.stage} onChange={(e) => set('stage', e.target.value as Stage | '')}>
                  <option value="">{t('common.notSet')}</option>
                  {STAGES.map((s) => (
                    <option key={s} value={s}>{t(`stage.${s}` as Key)}</option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {has('founded') && (
            <Field label={t('field.founded')} error={fe('/founded')}>
              {(p) => <input {...p} type="number" inputMode="numeric" min={1900} max={2100} value={form.founded} onChange={(e) => set('founded', e.target.value)} />}
            </Field>
          )}
          {has('team_size') && (
            <Field label={t('field.teamSize')} error={fe('/team_size')}>
              {(p) => <input {...p} type="number" inputMode="numeric" min={0} value={form.team_size} onChange={(e) => set('team_size', e.target.value)} />}
            </Field>
          )}
          {has('organization') && (
            <Field label={t('field.organization')} error={fe('/organization')}>
              {(p) => <input {...p} value={form.organization} onChange={(e) => set('organization', e.target.value)} maxLength={200} />}
            </Field>
          )}
          {has('title') && (
            <Field label={t('field.jobTitle')} error={fe('/title')}>
              {(p) => <input {...p} value={form.title} onChange={(e) => set('title', e.target.value)} maxLength={200} />}
            </Field>
          )}
          {has('years_experience') && (
            <Field label={t('field.yearsExperience')} error={fe('/years_experience')}>
              {(p) => <input {...p} type="number" inputMode="numeric" min={0} max={80} value={form.years_experience} onChange={(e) => set('years_experience', e.target.value)} />}
            </Field>
          )}
          {has('available_for') && (
            <CheckGroup legend={t('field.availableFor')} options={AVAIL} value={form.available_for}
              onChange={(v) => set('available_for', v)} label={(v) => t(`avail.${v}` as Key)} error={fe('/available_for')} max={5} />
          )}
          {has('services') && (
            <TagInput label={t('field.services')} value={form.services} onChange={(v) => set('services', v)} error={fe('/services')} />
          )}
          {has('jurisdiction') && (
            <Field label={t('field.jurisdiction')} error={fe('/jurisdiction')} hint={t('myProfile.jurisdictionHint')}>
              {(p) => <input {...p} value={form.jurisdiction} onChange={(e) => set('jurisdiction', e.target.value)} maxLength={200} />}
            </Field>
          )}
        </fieldset>

        <fieldset className="group" data-testid="contact-fields">
          <legend>{t('field.contact')}</legend>
          <p className="hint">{t('myProfile.contactHint')}</p>
          <div className="grid-2">
            <Field label={t('field.email')} error={fe('/contact/email')}>
              {(p) => <input {...p} type="email" value={form.email} onChange={(e) => set('email', e.target.value)} maxLength={254} autoComplete="email" />}
            </Field>
            {visSelect('email_visibility', t('field.email'))}
            <Field label={t('field.phone')} error={fe('/contact/phone')}>
              {(p) => <input {...p} type="tel" value={form.phone} onChange={(e) => set('phone', e.target.value)} maxLength={40} autoComplete="tel" />}
            </Field>
            {visSelect('phone_visibility', t('field.phone'))}
            <Field label={t('field.website')} error={fe('/contact/website')}>
              {(p) => <input {...p} type="url" value={form.website} onChange={(e) => set('website', e.target.value)} maxLength={300} autoComplete="url" />}
            </Field>
            {visSelect('website_visibility', t('field.website'))}
          </div>
        </fieldset>

        <div className="form-actions sticky-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || !patch} data-testid="save-profile">
            {busy ? t('common.saving') : t('common.save')}
          </button>
          {member.status === 'draft' && (
            <button type="button" className="btn btn-accent" disabled={busy} onClick={() => void publish()} data-testid="publish-profile">
              {patch ? t('myProfile.saveAndPublish') : t('myProfile.publish')}
            </button>
          )}
          {patch && <span className="muted small" role="status">{t('myProfile.unsaved')}</span>}
        </div>
      </form>
    </div>
  );
}
