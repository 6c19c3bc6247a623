import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type Challenge, type SolverKind } from '../api/client';
import { fieldError, toUIError, unclaimedFields, type UIError } from '../api/problem';
import { useAuth } from '../auth/AuthContext';
import { AttachmentManager } from '../components/Attachments';
import { CheckGroup, SectorPicker, TagInput } from '../components/inputs';
import { ErrorBox, Field, Loading, Notice, SignInPrompt } from '../components/ui';
import { useI18n, useTitle, type Key } from '../i18n';
import { challengeCreateBody, challengePatch, emptyChallengeForm, formFromChallenge, type ChallengeForm } from '../lib/challengeForm';

const SOLVERS: SolverKind[] = ['startup', 'expert', 'innovation_center'];
const CLAIMED = ['/title', '/description', '/context', '/constraints', '/expected_outcome', '/sectors', '/required_skills',
  '/preferred_kinds', '/budget_vnd', '/deadline', '/ward', '/posted_by'];

/** Post a new challenge (a draft) or edit one of one's own agency. */
export default function ChallengeEdit() {
  const { id } = useParams();
  const editing = id !== undefined;
  const { t } = useI18n();
  const { status, me, isAgency, isAdmin } = useAuth();
  const navigate = useNavigate();
  useTitle(editing ? t('cform.editTitle') : t('cform.newTitle'));
  const [orig, setOrig] = useState<ChallengeForm>(emptyChallengeForm);
  const [form, setForm] = useState<ChallengeForm>(emptyChallengeForm);
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [postedBy, setPostedBy] = useState('');
  const [error, setError] = useState<UIError | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [loading, setLoading] = useState(editing);

  const load = async () => {
    if (!id) return;
    setLoading(true);
    setConflict(false);
    const r = await api.GET('/api/v1/challenges/{id}', { params: { path: { id } } });
    setLoading(false);
    if (!r.data) {
      setError(toUIError(r.error, r.response));
      return;
    }
    setChallenge(r.data);
    setEtag(r.response.headers.get('ETag'));
    const f = formFromChallenge(r.data);
    setOrig(f);
    setForm(f);
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, me?.id]);

  if (status === 'loading') return <div className="container"><Loading /></div>;
  if (status === 'anon') return <div className="container"><h1>{t('cform.newTitle')}</h1><SignInPrompt /></div>;
  if (!isAgency && !isAdmin) return <div className="container"><h1>{t('cform.newTitle')}</h1><p>{t('cform.agenciesOnly')}</p></div>;
  if (loading) return <div className="container"><Loading /></div>;

  const set = <K extends keyof ChallengeForm>(k: K, v: ChallengeForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const fe = (p: string) => fieldError(error, p);
  const patch = editing ? challengePatch(orig, form) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setConflict(false);
    if (editing && challenge) {
      if (!patch) {
        setBusy(false);
        navigate(`/challenges/${encodeURIComponent(challenge.id)}`);
        return;
      }
      const r = await api.PATCH('/api/v1/challenges/{id}', {
        params: { path: { id: challenge.id }, header: etag ? { 'If-Match': etag } : {} },
        body: etag ? patch : { ...patch, version: challenge.version },
      });
      setBusy(false);
      if (!r.data) {
        if (r.response.status === 409 || r.response.status === 412) setConflict(true);
        setError(toUIError(r.error, r.response));
        return;
      }
      navigate(`/challenges/${encodeURIComponent(r.data.id)}`);
      return;
    }
    const body = challengeCreateBody(form);
    if (isAdmin && postedBy.trim()) body.posted_by = postedBy.trim();
    const r = await api.POST('/api/v1/challenges', { body });
    setBusy(false);
    if (!r.data) {
      setError(toUIError(r.error, r.response));
      return;
    }
    navigate(`/challenges/${encodeURIComponent(r.data.id)}`);
  };

  return (
    <div className="container narrow">
      <p className="breadcrumb">
        <Link to={challenge ? `/challenges/${encodeURIComponent(challenge.id)}` : '/challenges'}>← {t('common.back')}</Link>
      </p>
      <h1>{editing ? t('cform.editTitle') : t('cform.newTitle')}</h1>
      {!editing && <Notice>{t('cform.draftHint')}</Notice>}
      {me?.member && me.member.kind === 'agency' && me.member.verification !== 'verified' && <Notice kind="warn">{t('cform.needVerified')}</Notice>}
      {conflict && (
        <div className="alert alert-warn" role="alert" data-testid="conflict">
          <p>{t('cform.conflict')}</p>
          <button type="button" className="btn btn-secondary" onClick={() => void load()}>{t('myProfile.reload')}</button>
        </div>
      )}
      {!conflict && <ErrorBox error={error} extra={unclaimedFields(error, CLAIMED)} />}
      <form className="form" onSubmit={submit} noValidate data-testid="challenge-form">
        {!editing && isAdmin && (
          <Field label={t('cform.postedBy')} hint={t('cform.postedByHint')} error={fe('/posted_by')}>
            {(p) => <input {...p} value={postedBy} onChange={(e) => setPostedBy(e.target.value)} maxLength={64} />}
          </Field>
        )}
        <Field label={t('field.title')} required error={fe('/title')} hint={t('cform.titleHint')}>
          {(p) => <input {...p} value={form.title} onChange={(e) => set('title', e.target.value)} maxLength={200} required />}
        </Field>
        <Field label={t('field.description')} required error={fe('/description')} hint={t('cform.descriptionHint')}>
          {(p) => <textarea {...p} rows={8} value={form.description} onChange={(e) => set('description', e.target.value)} maxLength={20000} required />}
        </Field>
        <Field label={t('field.context')} error={fe('/context')}>
          {(p) => <textarea {...p} rows={4} value={form.context} onChange={(e) => set('context', e.target.value)} maxLength={10000} />}
        </Field>
        <Field label={t('field.constraints')} error={fe('/constraints')}>
          {(p) => <textarea {...p} rows={4} value={form.constraints} onChange={(e) => set('constraints', e.target.value)} maxLength={10000} />}
        </Field>
        <Field label={t('field.expectedOutcome')} error={fe('/expected_outcome')}>
          {(p) => <textarea {...p} rows={4} value={form.expected_outcome} onChange={(e) => set('expected_outcome', e.target.value)} maxLength={10000} />}
        </Field>
        <SectorPicker legend={t('field.sectors')} value={form.sectors} onChange={(v) => set('sectors', v)} error={fe('/sectors')} />
        <TagInput label={t('field.requiredSkills')} value={form.required_skills} onChange={(v) => set('required_skills', v)}
          error={fe('/required_skills')} testId="required-skills-input" />
        <CheckGroup legend={t('field.preferredKinds')} options={SOLVERS} value={form.preferred_kinds}
          onChange={(v) => set('preferred_kinds', v)} label={(k) => t(`kind.${k}` as Key)} error={fe('/preferred_kinds')} max={3} />
        <div className="grid-3">
          <Field label={t('field.budgetVnd')} error={fe('/budget_vnd')} hint={t('cform.budgetHint')}>
            {(p) => <input {...p} inputMode="numeric" value={form.budget_vnd} onChange={(e) => set('budget_vnd', e.target.value)} maxLength={25} />}
          </Field>
          <Field label={t('field.deadline')} error={fe('/deadline')}>
            {(p) => <input {...p} type="date" value={form.deadline} onChange={(e) => set('deadline', e.target.value)} />}
          </Field>
          <Field label={t('field.ward')} error={fe('/ward')}>
            {(p) => <input {...p} value={form.ward} onChange={(e) => set('ward', e.target.value)} maxLength={100} />}
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || (editing && !patch)} data-testid="save-challenge">
            {busy ? t('common.saving') : editing ? t('common.save') : t('cform.create')}
          </button>
          <Link className="btn btn-ghost" to={challenge ? `/challenges/${encodeURIComponent(challenge.id)}` : '/challenges'}>{t('common.cancel')}</Link>
        </div>
      </form>
      {challenge ? <AttachmentManager challengeId={challenge.id} /> : <p className="hint">{t('att.saveFirst')}</p>}
    </div>
  );
}
