import { Link } from 'react-router';
import type { Challenge, Member } from '../api/client';
import { useI18n, type Key } from '../i18n';
import { Highlight, HighlightOr } from '../lib/highlight';
import { useMemberName, useSectors } from '../lib/hooks';
import { KindBadge, StatusBadge, VerifiedBadge } from './ui';

export function useSectorLabel() {
  const sectors = useSectors();
  const { pick } = useI18n();
  return (id: string) => {
    const s = sectors.find((x) => x.id === id);
    return s ? pick(s.label_vi, s.label_en) : id;
  };
}

export function SectorList({ ids }: { ids: string[] | undefined }) {
  const label = useSectorLabel();
  const { t } = useI18n();
  if (!ids || ids.length === 0) return null;
  return (
    <ul className="tags tags-sector" aria-label={t('field.sectors')}>
      {ids.map((id) => (
        <li key={id} className="tag tag-sector">
          {label(id)}
        </li>
      ))}
    </ul>
  );
}

function excerpt(s: string | undefined, n = 220): string {
  if (!s) return '';
  return s.length > n ? s.slice(0, n).replace(/\s+\S*$/, '') + '…' : s;
}

/** A member in a result list; the search's highlights are shown where the API marked them. */
export function MemberCard({ m, headingLevel = 2 }: { m: Member; headingLevel?: 2 | 3 }) {
  const { t } = useI18n();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const h = m.highlights;
  const descFrag = h?.description?.[0];
  const skillFrags = h?.skills;
  return (
    <article className="card member-card" data-testid="member-card" data-member-id={m.id}>
      <div className="card-top">
        <KindBadge kind={m.kind} />
        {m.verified && <VerifiedBadge />}
        {m.stage && <span className="badge badge-soft">{t(`stage.${m.stage}` as Key)}</span>}
      </div>
      <H className="card-title">
        <Link to={`/members/${encodeURIComponent(m.id)}`} data-testid="member-name">
          <HighlightOr h={h} field="name" text={m.name} />
        </Link>
      </H>
      {(m.headline || h?.headline) && (
        <p className="card-headline">
          <HighlightOr h={h} field="headline" text={m.headline ?? ''} />
        </p>
      )}
      {descFrag ? (
        <p className="card-desc">
          <Highlight fragment={descFrag} />
        </p>
      ) : (
        m.description && <p className="card-desc">{excerpt(m.description)}</p>
      )}
      {skillFrags && skillFrags.length > 0 ? (
        <ul className="tags" aria-label={t('field.skills')}>
          {skillFrags.slice(0, 6).map((f, i) => (
            <li key={i} className="tag">
              <Highlight fragment={f} />
            </li>
          ))}
        </ul>
      ) : (
        m.skills && m.skills.length > 0 && (
          <ul className="tags" aria-label={t('field.skills')}>
            {m.skills.slice(0, 6).map((s) => (
              <li key={s} className="tag">
                {s}
              </li>
            ))}
          </ul>
        )
      )}
      <p className="card-meta">
        {m.ward && <span>{m.ward}</span>}
        {m.organization && <span>{m.organization}</span>}
      </p>
    </article>
  );
}

export function AgencyName({ id }: { id: string }) {
  const name = useMemberName(id);
  return (
    <Link to={`/members/${encodeURIComponent(id)}`} className="agency-link">
      {name ?? id}
    </Link>
  );
}

export function ChallengeCard({ c, headingLevel = 2, showStatus = true }: { c: Challenge; headingLevel?: 2 | 3; showStatus?: boolean }) {
  const { t, date, num } = useI18n();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const h = c.highlights;
  const descFrag = h?.description?.[0];
  return (
    <article className="card challenge-card" data-testid="challenge-card" data-challenge-id={c.id}>
      <div className="card-top">
        {showStatus && <StatusBadge status={c.status} />}
        {c.deadline && <span className="badge badge-soft">{t('challenge.deadlineShort', { date: date(c.deadline) })}</span>}
        {c.budget_vnd ? <span className="badge badge-soft">{num(c.budget_vnd)} ₫</span> : null}
      </div>
      <H className="card-title">
        <Link to={`/challenges/${encodeURIComponent(c.id)}`} data-testid="challenge-title">
          <HighlightOr h={h} field="title" text={c.title} />
        </Link>
      </H>
      <p className="card-meta">
        {t('challenge.postedBy')} <AgencyName id={c.posted_by} />
        {c.ward && <span> · {c.ward}</span>}
      </p>
      <p className="card-desc">{descFrag ? <Highlight fragment={descFrag} /> : excerpt(c.description)}</p>
      <SectorList ids={c.sectors} />
    </article>
  );
}
