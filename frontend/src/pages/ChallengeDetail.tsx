import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, type Challenge, type Interest, type SolverKind } from '../api/client';
import { fieldError, toUIError, type UIError } from '../api/problem';
import { useAuth } from '../auth/AuthContext';
import { AttachmentList } from '../components/Attachments';
import { AgencyName, SectorList } from '../components/cards';
import { Questions } from '../components/Questions';
import { ErrorBox, Field, KindBadge, Loading, Notice, Pagination, Reasons, Score, StatusBadge, Tags, VerifiedBadge } from '../components/ui';
import { useI18n, useTitle, type Key } from '../i18n';
import { acceptsResponses } from '../lib/attachments';
import { useLoad } from '../lib/hooks';

const SOLVERS: SolverKind[] = ['startup', 'expert', 'innovation_center'];

function TextSection({ title, text }: { title: string; text?: string }) {
  if (!text) return null;
  return (
    <section className="section">
      <h2>{title}</h2>
      <p className="prose">{text}</p>
    </section>
  );
}

/** Publish, close or award; link to edit. */
function OwnerActions({ c, onChange }: { c: Challenge; onChange: (c: Challenge) => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<UIError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<{ data?: Challenge; error?: unknown; response: Response }>) => {
    setBusy(true);
    setError(null);
    const r = await fn();
    setBusy(false);
    if (r.data) onChange(r.data);
    else setError(toUIError(r.error, r.response));
  };
  const path = { path: { id: c.id } };
  return (
    <div className="owner-actions" data-testid="owner-actions">
      <ErrorBox error={error} />
      <div className="actions">
        {(c.status === 'draft' || c.status === 'open') && (
          <Link className="btn btn-secondary" to={`/challenges/${encodeURIComponent(c.id)}/edit`} data-testid="edit-challenge">{t('challenge.edit')}</Link>
        )}
        {c.status === 'draft' && (
          <button type="button" className="btn btn-accent" disabled={busy} data-testid="publish-challenge"
            onClick={() => void run(() => api.POST('/api/v1/challenges/{id}/publish', { params: path }))}>
            {t('challenge.publish')}
          </button>
        )}
        {c.status === 'open' && (
          <>
            <button type="button" className="btn btn-secondary" disabled={busy} data-testid="close-challenge"
              onClick={() => window.confirm(t('challenge.closeConfirm')) &&
                void run(() => api.POST('/api/v1/challenges/{id}/close', { params: path, body: { outcome: 'closed' } }))}>
              {t('challenge.close')}
            </button>
            <button type="button" className="btn btn-primary" disabled={busy} data-testid="award-challenge"
              onClick={() => window.confirm(t('challenge.awardConfirm')) &&
                void run(() => api.POST('/api/v1/challenges/{id}/close', { params: path, body: { outcome: 'awarded' } }))}>
              {t('challenge.award')}
            </button>
          </>
        )}
      </div>
    </div>
  );
}

/** Ranked, explained candidate solvers (the posting agency and admins). */
function Matches({ id }: { id: string }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<SolverKind | ''>('');
  const [page, setPage] = useState(1);
  const fid = useId();
  const res = useLoad(
    (signal) => api.GET('/api/v1/challenges/{id}/matches', {
      params: { path: { id }, query: { kind: kind || undefined, page, per_page: 10 } }, signal,
    }),
    [id, kind, page],
  );
  return (
    <section className="section" aria-labelledby="matches-title">
      <div className="section-head">
        <h2 id="matches-title">{t('challenge.matches')}</h2>
        <div className="inline-field">
          <label htmlFor={`${fid}-kind`}>{t('challenge.matchKind')}</label>
          <select id={`${fid}-kind`} value={kind} onChange={(e) => { setKind(e.target.value as SolverKind | ''); setPage(1); }} data-testid="match-kind">
            <option value="">{t('common.all')}</option>
            {SOLVERS.map((k) => <option key={k} value={k}>{t(`kindPlural.${k}` as Key)}</option>)}
          </select>
        </div>
      </div>
      <p className="hint">{t('challenge.matchesHint')}</p>
      <ErrorBox error={res.error} />
      {res.loading && !res.data && <Loading />}
      {res.data && res.data.items.length === 0 && <p className="empty">{t('challenge.noMatches')}</p>}
      {res.data && res.data.items.length > 0 && (
        <ol className="match-list" data-testid="challenge-matches">
          {res.data.items.map((m) => (
            <li key={m.member_id} className="card match" data-testid="match-item" data-member-id={m.member_id}>
              <div className="match-head">
                <div>
                  <div className="card-top">
                    {m.member && <KindBadge kind={m.member.kind} />}
                    {m.member?.verified && <VerifiedBadge />}
                  </div>
                  <h3 className="card-title">
                    <Link to={`/members/${encodeURIComponent(m.member_id)}`}>{m.member?.name ?? m.member_id}</Link>
                  </h3>
                  {m.member?.headline && <p className="card-headline">{m.member.headline}</p>}
                </div>
                <Score score={m.score} />
              </div>
              <Reasons reasons={m.reasons} />
            </li>
          ))}
        </ol>
      )}
      {res.data && <Pagination page={res.data.page} perPage={res.data.per_page} total={res.data.total} onPage={setPage} />}
    </section>
  );
}

function Teams({ id }: { id: string }) {
  const { t } = useI18n();
  const res = useLoad((signal) => api.GET('/api/v1/challenges/{id}/teams', { params: { path: { id } }, signal }), [id]);
  return (
    <section className="section" aria-labelledby="teams-title">
      <h2 id="teams-title">{t('challenge.teams')}</h2>
      <p className="hint">{t('challenge.teamsHint')}</p>
      <ErrorBox error={res.error} />
      {res.loading && !res.data && <Loading />}
      {res.data && res.data.items.length === 0 && <p className="empty">{t('challenge.noTeams')}</p>}
      {res.data && res.data.items.length > 0 && (
        <ol className="team-list" data-testid="challenge-teams">
          {res.data.items.map((team, i) => (
            <li key={i} className="card team" data-testid="team-item">
              <div className="match-head">
                <h3>{t('challenge.teamN', { n: i + 1 })}</h3>
                <Score score={team.score} />
              </div>
              <p>
                {t('challenge.coverage', { pct: Math.round(team.coverage * 100) })}
                <meter min={0} max={1} value={team.coverage} className="coverage" aria-hidden="true" />
              </p>
              <ul className="team-members">
                {team.members.map((m) => (
                  <li key={m.member_id}>
                    {m.member && <KindBadge kind={m.member.kind} />}{' '}
                    <Link to={`/members/${encodeURIComponent(m.member_id)}`}>{m.member?.name ?? m.member_id}</Link>
                    <Reasons reasons={m.reasons} />
                  </li>
                ))}
              </ul>
              {team.covered_skills.length > 0 && (<><h4>{t('challenge.covered')}</h4><Tags items={team.covered_skills} /></>)}
              {team.missing_skills.length > 0 && (<><h4>{t('challenge.missing')}</h4><Tags items={team.missing_skills} /></>)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Interests and proposals received, with shortlist / decline / select. */
function Received({ id }: { id: string }) {
  const { t, date } = useI18n();
  const [page, setPage] = useState(1);
  const [error, setError] = useState<UIError | null>(null);
  const res = useLoad((signal) => api.GET('/api/v1/challenges/{id}/interests', {
    params: { path: { id }, query: { page, per_page: 20 } }, signal,
  }), [id, page]);
  const decide = async (it: Interest, status: 'shortlisted' | 'declined' | 'selected') => {
    setError(null);
    const r = await api.PATCH('/api/v1/interests/{id}', { params: { path: { id: it.id } }, body: { status, version: it.version } });
    if (!r.data) {
      setError(toUIError(r.error, r.response));
      if (r.response.status === 409) res.reload();
      return;
    }
    const updated = r.data;
    res.setData(res.data && { ...res.data, items: res.data.items.map((x) => (x.id === it.id ? { ...x, ...updated, member: x.member } : x)) });
  };
  return (
    <section className="section" aria-labelledby="received-title">
      <h2 id="received-title">{t('challenge.received')}</h2>
      <ErrorBox error={res.error ?? error} />
      {res.loading && !res.data && <Loading />}
      {res.data && res.data.items.length === 0 && <p className="empty">{t('challenge.noInterests')}</p>}
      {res.data && res.data.items.length > 0 && (
        <ul className="interest-list" data-testid="challenge-interests">
          {res.data.items.map((it) => (
            <li key={it.id} className="card interest" data-testid="interest-item">
              <div className="match-head">
                <div>
                  <div className="card-top">
                    <span className="badge badge-soft">{t(`ikind.${it.kind}` as Key)}</span>
                    <span className={`badge istatus-${it.status}`} data-testid="interest-status">{t(`istatus.${it.status}` as Key)}</span>
                  </div>
                  <h3 className="card-title">
                    <Link to={`/members/${encodeURIComponent(it.member_id)}`}>{it.member?.name ?? it.member_id}</Link>
                  </h3>
                  <p className="muted small">{date(it.created_at, true)}</p>
                </div>
              </div>
              {it.message && <p className="prose">{it.message}</p>}
              {it.member?.contact && (it.member.contact.email || it.member.contact.phone) && (
                <p className="small">
                  {it.member.contact.email && <a href={`mailto:${it.member.contact.email}`}>{it.member.contact.email}</a>}
                  {it.member.contact.phone && <span> · {it.member.contact.phone}</span>}
                </p>
              )}
              <div className="actions">
                <button type="button" className="btn btn-secondary" disabled={it.status === 'shortlisted'} onClick={() => void decide(it, 'shortlisted')}>{t('interest.shortlist')}</button>
                <button type="button" className="btn btn-ghost" disabled={it.status === 'declined'} onClick={() => void decide(it, 'declined')}>{t('interest.decline')}</button>
                <button type="button" className="btn btn-primary" disabled={it.status === 'selected'} onClick={() => void decide(it, 'selected')}>{t('interest.select')}</button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {res.data && <Pagination page={res.data.page} perPage={res.data.per_page} total={res.data.total} onPage={setPage} />}
    </section>
  );
}

/** For a member: express interest or send a short proposal; or see what was sent. */
function InterestForm({ c }: { c: Challenge }) {
  const { t, date } = useI18n();
  const [kind, setKind] = useState<'interest' | 'proposal'>('interest');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<UIError | null>(null);
  const [busy, setBusy] = useState(false);
  const [mine, setMine] = useState<Interest | null | undefined>(undefined);
  const fid = useId();

  useEffect(() => {
    let live = true;
    // The API has no "my interest in this challenge": look through my interests.
    void api.GET('/api/v1/me/interests', { params: { query: { per_page: 100 } } }).then((r) => {
      if (live) setMine(r.data?.items.find((x) => x.challenge_id === c.id) ?? null);
    });
    return () => {
      live = false;
    };
  }, [c.id]);

  if (mine === undefined) return null;
  if (mine) {
    return (
      <section className="card section" aria-labelledby="mine-title" data-testid="my-interest">
        <h2 id="mine-title">{t('interest.yours')}</h2>
        <p>
          {t('interest.sentOn', { kind: t(`ikind.${mine.kind}` as Key), date: date(mine.created_at) })}{' '}
          <span className={`badge istatus-${mine.status}`}>{t(`istatus.${mine.status}` as Key)}</span>
        </p>
        {mine.message && <p className="prose">{mine.message}</p>}
      </section>
    );
  }
  if (!acceptsResponses(c)) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await api.POST('/api/v1/challenges/{id}/interests', {
      params: { path: { id: c.id } },
      body: { kind, message: message.trim() || undefined },
    });
    setBusy(false);
    if (r.data) setMine(r.data);
    else setError(toUIError(r.error, r.response));
  };
  return (
    <section className="card section" aria-labelledby="interest-title">
      <h2 id="interest-title">{t('interest.title')}</h2>
      <form onSubmit={submit} className="form" data-testid="interest-form">
        <ErrorBox error={error} />
        <fieldset className="field">
          <legend>{t('interest.kind')}</legend>
          <div className="checks checks-inline">
            {(['interest', 'proposal'] as const).map((k) => (
              <label key={k} className={`check${kind === k ? ' check-on' : ''}`}>
                <input type="radio" name={`${fid}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
                <span>{t(`ikind.${k}` as Key)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <Field label={kind === 'proposal' ? t('interest.proposalText') : t('interest.message')} error={fieldError(error, '/message')}
          hint={kind === 'proposal' ? t('interest.proposalHint') : t('interest.messageHint')} required={kind === 'proposal'}>
          {(p) => <textarea {...p} rows={kind === 'proposal' ? 8 : 3} value={message} maxLength={5000} onChange={(e) => setMessage(e.target.value)} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="send-interest">
            {kind === 'proposal' ? t('interest.sendProposal') : t('interest.send')}
          </button>
        </div>
      </form>
    </section>
  );
}

export default function ChallengeDetail() {
  const { id = '' } = useParams();
  const { t, date, num } = useI18n();
  const { status, me, isAdmin, kind } = useAuth();
  const res = useLoad((signal) => api.GET('/api/v1/challenges/{id}', { params: { path: { id } }, signal }), [id, me?.id]);
  const c = res.data;
  useTitle(c?.title ?? t('challenges.title'));
  if (res.loading && !c) return <div className="container"><Loading /></div>;
  if (!c) {
    return (
      <div className="container">
        <h1>{res.error?.status === 404 ? t('common.notFound') : t('common.error')}</h1>
        <ErrorBox error={res.error} />
        <p><Link to="/challenges">← {t('nav.challenges')}</Link></p>
      </div>
    );
  }
  const owner = status === 'authed' && (isAdmin || (me?.member_id !== undefined && me.member_id === c.posted_by));
  const solver = status === 'authed' && kind !== undefined && kind !== 'agency' && !owner;
  const open = acceptsResponses(c);
  return (
    <div className="container challenge-page" data-testid="challenge-page">
      <p className="breadcrumb"><Link to="/challenges">← {t('nav.challenges')}</Link></p>
      <header className="profile-head">
        <div className="card-top">
          <StatusBadge status={c.status} />
          {c.status === 'open' && !open && <span className="badge status-closed" data-testid="deadline-closed">{t('challenge.closedDeadline')}</span>}
        </div>
        <h1 data-testid="challenge-heading">{c.title}</h1>
        <p className="card-meta">{t('challenge.postedBy')} <AgencyName id={c.posted_by} />{c.published_at && <> · {date(c.published_at)}</>}</p>
        {owner && <OwnerActions c={c} onChange={(n) => res.setData(n)} />}
        {c.status === 'draft' && owner && <Notice>{t('challenge.draftHint')}</Notice>}
        {c.status === 'open' && !open && <Notice kind="warn">{t('challenge.deadlinePassed')}</Notice>}
      </header>
      <div className="profile-grid">
        <div className="profile-main">
          <TextSection title={t('field.description')} text={c.description} />
          <TextSection title={t('field.context')} text={c.context} />
          <TextSection title={t('field.constraints')} text={c.constraints} />
          <TextSection title={t('field.expectedOutcome')} text={c.expected_outcome} />
          <AttachmentList challengeId={c.id} />
          <Questions c={c} owner={owner} />
        </div>
        <div className="profile-side">
          <section className="card" aria-labelledby="facts-title">
            <h2 id="facts-title">{t('challenge.facts')}</h2>
            <dl className="dl">
              {c.deadline && (
                <><dt>{t('field.deadline')}</dt><dd data-testid="challenge-deadline">{date(c.deadline)}
                  {open && <span className="muted small"> · {t('challenge.closesAt', { date: date(c.deadline) })}</span>}</dd></>
              )}
              {c.budget_vnd ? (<><dt>{t('field.budget')}</dt><dd>{num(c.budget_vnd)} ₫</dd></>) : null}
              {c.ward && (<><dt>{t('field.ward')}</dt><dd>{c.ward}</dd></>)}
              {c.preferred_kinds && c.preferred_kinds.length > 0 && (
                <><dt>{t('field.preferredKinds')}</dt><dd>{c.preferred_kinds.map((k) => t(`kind.${k}` as Key)).join(', ')}</dd></>
              )}
              {c.closed_at && (<><dt>{t('field.closedAt')}</dt><dd>{date(c.closed_at)}</dd></>)}
            </dl>
            {c.sectors && c.sectors.length > 0 && (<><h3>{t('field.sectors')}</h3><SectorList ids={c.sectors} /></>)}
            {c.required_skills && c.required_skills.length > 0 && (<><h3>{t('field.requiredSkills')}</h3><Tags items={c.required_skills} /></>)}
          </section>
          {solver && <InterestForm c={c} />}
          {status === 'anon' && open && (
            <div className="card">
              <p>{t('interest.signIn')}</p>
              <Link className="btn btn-primary" to={`/login?next=${encodeURIComponent(`/challenges/${c.id}`)}`}>{t('nav.login')}</Link>
            </div>
          )}
        </div>
      </div>
      {owner && (
        <div className="owner-panels">
          <Matches id={c.id} />
          <Teams id={c.id} />
          <Received id={c.id} />
        </div>
      )}
    </div>
  );
}
