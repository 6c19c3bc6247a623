import { useId, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import type { UIError } from '../api/problem';
import { useI18n, type Key } from '../i18n';
import type { ChallengeStatus, Kind, Reason } from '../api/client';

export const ERROR_CODES = [
  'invalid', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'precondition_failed', 'rate_limited', 'too_large', 'unavailable', 'internal',
] as const;

/** The problem's detail (and field messages that no input claimed), announced to screen readers. */
export function ErrorBox({ error, extra, testId }: { error: UIError | null | undefined; extra?: string[]; testId?: string }) {
  const { t } = useI18n();
  if (!error || (error.status === 0 && error.title === 'aborted')) return null;
  // The server's detail is in English only: lead with a sentence in the chosen language for the known codes.
  const known = error.code && (ERROR_CODES as readonly string[]).includes(error.code) ? t(`errcode.${error.code}` as Key) : null;
  const msg = error.status === 0 ? t('error.network') : error.detail || error.title;
  return (
    <div className="alert alert-error" role="alert" data-testid={testId ?? 'error'}>
      {known && <p className="alert-lead">{known}</p>}
      <p lang="en">{msg}</p>
      {extra && extra.length > 0 && (
        <ul>
          {extra.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Notice({ children, kind = 'info' }: { children: ReactNode; kind?: 'info' | 'success' | 'warn' }) {
  return (
    <div className={`alert alert-${kind}`} role="status">
      {children}
    </div>
  );
}

export interface FieldProps {
  id: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/** A labelled input with its hint and its error (from the problem's errors[].pointer). */
export function Field({ label, hint, error, children, className, required }: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  className?: string;
  children: (p: FieldProps) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errId = error ? `${id}-err` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ' ' + className : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="req" aria-hidden="true"> *</span>}
      </label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errId}>
          {error}
        </p>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export function KindBadge({ kind }: { kind: Kind }) {
  const { t } = useI18n();
  return <span className={`badge kind-${kind}`}>{t(`kind.${kind}` as Key)}</span>;
}

export function VerifiedBadge() {
  const { t } = useI18n();
  return (
    <span className="badge badge-verified" title={t('member.verifiedTitle')}>
      <svg aria-hidden="true" viewBox="0 0 16 16" width="12" height="12" className="icon">
        <path d="M6.5 11.2 3.3 8l1.1-1.1 2.1 2.1 5-5L12.6 5z" />
      </svg>
      {t('member.verified')}
    </span>
  );
}

export function StatusBadge({ status }: { status: ChallengeStatus }) {
  const { t } = useI18n();
  return <span className={`badge status-${status}`}>{t(`cstatus.${status}` as Key)}</span>;
}

/** A 0-100 score as a small meter. */
export function Score({ score }: { score: number }) {
  const { t } = useI18n();
  return (
    <span className="score" title={t('match.score', { score })}>
      <meter min={0} max={100} low={40} high={70} optimum={100} value={score} aria-hidden="true" />
      <span className="score-num">{t('match.score', { score })}</span>
    </span>
  );
}

/** Why a match was made, in the chosen language. */
export function Reasons({ reasons }: { reasons: Reason[] | undefined }) {
  const { pick, t } = useI18n();
  if (!reasons || reasons.length === 0) return null;
  return (
    <ul className="reasons" aria-label={t('match.reasons')} data-testid="match-reasons">
      {reasons.map((r, i) => (
        <li key={i} className={`reason reason-${r.kind}`}>
          {pick(r.vi, r.en)}
        </li>
      ))}
    </ul>
  );
}

export function Pagination({ page, perPage, total, onPage, label }: {
  page: number;
  perPage: number;
  total: number;
  onPage: (p: number) => void;
  label?: string;
}) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={label ?? t('common.pagination')} data-testid="pagination">
      <button type="button" className="btn btn-ghost" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ← {t('common.previous')}
      </button>
      <span aria-live="polite">{t('common.pageOf', { page, pages })}</span>
      <button type="button" className="btn btn-ghost" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('common.next')} →
      </button>
    </nav>
  );
}

export function SignInPrompt() {
  const { t } = useI18n();
  const location = useLocation();
  return (
    <div className="card">
      <p>{t('common.signInRequired')}</p>
      <p>
        <Link className="btn btn-primary" to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>
          {t('nav.login')}
        </Link>
      </p>
    </div>
  );
}

export function Tags({ items, label }: { items: string[] | undefined; label?: string }) {
  if (!items || items.length === 0) return null;
  return (
    <ul className="tags" aria-label={label}>
      {items.map((s) => (
        <li key={s} className="tag">
          {s}
        </li>
      ))}
    </ul>
  );
}
