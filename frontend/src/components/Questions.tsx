import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, type Challenge, type Schemas } from '../api/client';
import { fieldError, toUIError, type UIError } from '../api/problem';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { acceptsResponses } from '../lib/attachments';
import { useLoad } from '../lib/hooks';
import { ErrorBox, Field, Loading, Notice, Pagination } from './ui';

type Question = Schemas['Question'];

/** The agency's answer form for one question. */
function AnswerForm({ q, onDone }: { q: Question; onDone: (q: Question) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(q.answer ?? '');
  const [error, setError] = useState<UIError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await api.PUT('/api/v1/questions/{id}/answer', { params: { path: { id: q.id } }, body: { answer: text.trim() } });
    setBusy(false);
    if (r.data) onDone(r.data);
    else setError(toUIError(r.error, r.response));
  };
  return (
    <form className="form" onSubmit={submit} data-testid="answer-form">
      <ErrorBox error={error} />
      <Field label={t('qa.answerLabel')} error={fieldError(error, '/answer')} required>
        {(p) => <textarea {...p} rows={3} value={text} maxLength={5000} onChange={(e) => setText(e.target.value)} required data-testid="answer-text" />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !text.trim()} data-testid="send-answer">{t('qa.sendAnswer')}</button>
      </div>
    </form>
  );
}

function QuestionItem({ q, canAnswer, onChange }: { q: Question; canAnswer: boolean; onChange: (q: Question) => void }) {
  const { t, date } = useI18n();
  const [editing, setEditing] = useState(false);
  return (
    <li className="card question" data-testid="question-item" data-answered={q.answered ? 'true' : 'false'}>
      <div className="card-top">
        {!q.answered && <span className="badge badge-soft">{t('qa.pending')}</span>}
        {q.asked_by_me && <span className="badge badge-soft">{t('qa.mine')}</span>}
        <span className="muted small">{date(q.created_at)}</span>
      </div>
      <p className="prose question-text"><strong>{q.text}</strong></p>
      {q.answered && !editing && (
        <div className="answer" data-testid="question-answer">
          <p className="prose">{q.answer}</p>
          {q.answered_at && <p className="muted small">{t('qa.answeredOn', { date: date(q.answered_at) })}</p>}
        </div>
      )}
      {canAnswer && (!q.answered || editing) && (
        <AnswerForm q={q} onDone={(n) => { setEditing(false); onChange(n); }} />
      )}
      {canAnswer && q.answered && !editing && (
        <button type="button" className="btn btn-ghost" onClick={() => setEditing(true)}>{t('qa.editAnswer')}</button>
      )}
    </li>
  );
}

/** Questions and public answers on a challenge page: members ask, the agency (owner) answers. */
export function Questions({ c, owner }: { c: Challenge; owner: boolean }) {
  const { t } = useI18n();
  const { status, me } = useAuth();
  const [page, setPage] = useState(1);
  const [text, setText] = useState('');
  const [error, setError] = useState<UIError | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const res = useLoad((signal) => api.GET('/api/v1/challenges/{id}/questions', {
    params: { path: { id: c.id }, query: { page, per_page: 20 } }, signal,
  }), [c.id, page, me?.id]);
  const open = acceptsResponses(c);
  const replace = (q: Question) =>
    res.setData(res.data && { ...res.data, items: res.data.items.map((x) => (x.id === q.id ? q : x)) });
  const ask = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSent(false);
    const r = await api.POST('/api/v1/challenges/{id}/questions', { params: { path: { id: c.id } }, body: { text: text.trim() } });
    setBusy(false);
    if (!r.data) {
      setError(toUIError(r.error, r.response));
      return;
    }
    setText('');
    setSent(true);
    const q = r.data;
    res.setData(res.data && { ...res.data, items: [...res.data.items, q], total: res.data.total + 1 });
  };
  return (
    <section className="section" aria-labelledby="qa-title" data-testid="questions">
      <h2 id="qa-title">{t('qa.title')}</h2>
      <p className="hint">{t('qa.hint')}</p>
      <ErrorBox error={res.error} />
      {res.loading && !res.data && <Loading />}
      {res.data && res.data.items.length === 0 && <p className="empty">{t('qa.none')}</p>}
      {res.data && res.data.items.length > 0 && (
        <ul className="question-list">
          {res.data.items.map((q) => <QuestionItem key={q.id} q={q} canAnswer={owner} onChange={replace} />)}
        </ul>
      )}
      {res.data && <Pagination page={res.data.page} perPage={res.data.per_page} total={res.data.total} onPage={setPage} />}
      {!owner && status === 'authed' && open && (
        <form className="form card" onSubmit={ask} data-testid="ask-form">
          <ErrorBox error={error} />
          {sent && <Notice kind="success">{t('qa.sent')}</Notice>}
          <Field label={t('qa.ask')} hint={t('qa.askHint')} error={fieldError(error, '/text')} required>
            {(p) => <textarea {...p} rows={3} value={text} minLength={10} maxLength={2000} onChange={(e) => setText(e.target.value)} required data-testid="question-text" />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy || text.trim().length < 10} data-testid="send-question">{t('qa.send')}</button>
          </div>
        </form>
      )}
      {!owner && status === 'anon' && open && (
        <p><Link to={`/login?next=${encodeURIComponent(`/challenges/${c.id}`)}`}>{t('qa.signIn')}</Link></p>
      )}
      {!owner && !open && c.status !== 'draft' && <p className="muted">{t('qa.closed')}</p>}
    </section>
  );
}
