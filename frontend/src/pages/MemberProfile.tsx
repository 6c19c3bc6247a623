import { Link, useParams } from 'react-router';
import { api, type Member } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { SectorList } from '../components/cards';
import { ClaimProfile } from '../components/ClaimProfile';
import { ErrorBox, KindBadge, Loading, Tags, VerifiedBadge } from '../components/ui';
import { useI18n, useTitle, type Key } from '../i18n';
import { useLoad } from '../lib/hooks';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  if (children === undefined || children === null || children === '' || children === false) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** Contact details, as far as the member lets the caller see them. */
export function ContactBlock({ m }: { m: Member }) {
  const { t } = useI18n();
  const { status } = useAuth();
  const c = m.contact ?? {};
  const hidden = (['email', 'phone', 'website'] as const).filter((f) => !c[f] && c[`${f}_visibility`] && c[`${f}_visibility`] !== 'private');
  const safeUrl = (u: string) => (/^https?:\/\//i.test(u) ? u : `https://${u}`);
  return (
    <section className="card contact" aria-labelledby="contact-title" data-testid="contact">
      <h2 id="contact-title">{t('field.contact')}</h2>
      {!c.email && !c.phone && !c.website ? (
        <p className="muted">{status === 'authed' ? t('profile.noContact') : t('profile.contactSignIn')}</p>
      ) : (
        <dl className="dl">
          <Row label={t('field.email')}>{c.email && <a href={`mailto:${c.email}`}>{c.email}</a>}</Row>
          <Row label={t('field.phone')}>{c.phone && <a href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>{c.phone}</a>}</Row>
          <Row label={t('field.website')}>
            {c.website && (
              <a href={safeUrl(c.website)} rel="noopener noreferrer nofollow" target="_blank">
                {c.website}
              </a>
            )}
          </Row>
        </dl>
      )}
      {status !== 'authed' && hidden.length > 0 && (c.email || c.phone || c.website) && (
        <p className="muted small">
          <Link to="/login">{t('profile.contactSignIn')}</Link>
        </p>
      )}
    </section>
  );
}

export default function MemberProfile() {
  const { id = '' } = useParams();
  const { t, date, num } = useI18n();
  const { me } = useAuth();
  const res = useLoad((signal) => api.GET('/api/v1/members/{id}', { params: { path: { id } }, signal }), [id, me?.id]);
  const m = res.data;
  useTitle(m?.name ?? t('members.title'));
  if (res.loading && !m) return <div className="container"><Loading /></div>;
  if (!m) {
    return (
      <div className="container">
        <h1>{res.error?.status === 404 ? t('common.notFound') : t('common.error')}</h1>
        <ErrorBox error={res.error} />
        <p><Link to="/members">← {t('nav.members')}</Link></p>
      </div>
    );
  }
  const mine = me?.member_id === m.id;
  return (
    <div className="container profile" data-testid="member-profile">
      <p className="breadcrumb"><Link to="/members">← {t('nav.members')}</Link></p>
      {m.status === 'draft' && <div className="alert alert-warn" role="status">{t('profile.draftNotice')}</div>}
      <header className="profile-head">
        <div className="card-top">
          <KindBadge kind={m.kind} />
          {m.verified && <VerifiedBadge />}
          {m.stage && <span className="badge badge-soft">{t(`stage.${m.stage}` as Key)}</span>}
        </div>
        <h1 data-testid="profile-name">{m.name}</h1>
        {m.headline && <p className="lead">{m.headline}</p>}
        {mine && <Link className="btn btn-secondary" to="/me/profile">{t('profile.editMine')}</Link>}
        {m.claimable && <span className="badge badge-soft">{t('claim.badge')}</span>}
      </header>
      <div className="profile-grid">
        <div className="profile-main">
          {m.description && (
            <section aria-labelledby="about-title" className="section">
              <h2 id="about-title">{t('profile.about')}</h2>
              <p className="prose">{m.description}</p>
            </section>
          )}
          {m.sectors && m.sectors.length > 0 && (
            <section aria-labelledby="sectors-title" className="section">
              <h2 id="sectors-title">{t('field.sectors')}</h2>
              <SectorList ids={m.sectors} />
            </section>
          )}
          {m.skills && m.skills.length > 0 && (
            <section aria-labelledby="skills-title" className="section">
              <h2 id="skills-title">{t('field.skills')}</h2>
              <Tags items={m.skills} label={t('field.skills')} />
            </section>
          )}
          {m.services && m.services.length > 0 && (
            <section aria-labelledby="services-title" className="section">
              <h2 id="services-title">{t('field.services')}</h2>
              <Tags items={m.services} label={t('field.services')} />
            </section>
          )}
        </div>
        <div className="profile-side">
          <section className="card" aria-labelledby="facts-title">
            <h2 id="facts-title">{t('profile.facts')}</h2>
            <dl className="dl" data-testid="profile-facts">
              <Row label={t('field.kind')}>{t(`kind.${m.kind}` as Key)}</Row>
              <Row label={t('field.ward')}>{m.ward}</Row>
              <Row label={t('field.stage')}>{m.stage && t(`stage.${m.stage}` as Key)}</Row>
              <Row label={t('field.founded')}>{m.founded ? String(m.founded) : ''}</Row>
              <Row label={t('field.teamSize')}>{m.team_size ? num(m.team_size) : ''}</Row>
              <Row label={t('field.organization')}>{m.organization}</Row>
              <Row label={t('field.jobTitle')}>{m.title}</Row>
              <Row label={t('field.yearsExperience')}>{m.years_experience ? num(m.years_experience) : ''}</Row>
              <Row label={t('field.availableFor')}>
                {m.available_for && m.available_for.length > 0 && m.available_for.map((a) => t(`avail.${a}` as Key)).join(', ')}
              </Row>
              <Row label={t('field.jurisdiction')}>{m.jurisdiction}</Row>
              <Row label={t('field.languages')}>
                {m.languages && m.languages.length > 0 && m.languages.map((l) => (l === 'vi' || l === 'en' ? t(`langName.${l}`) : l)).join(', ')}
              </Row>
              <Row label={t('field.verification')}>
                {(m.kind === 'agency' || m.kind === 'innovation_center') && t(`verif.${m.verification}` as Key)}
              </Row>
              <Row label={t('field.publishedAt')}>{date(m.published_at)}</Row>
              <Row label={t('field.updatedAt')}>{date(m.updated_at)}</Row>
            </dl>
          </section>
          <ContactBlock m={m} />
          <ClaimProfile m={m} />
          {m.kind === 'agency' && (
            <p><Link to={`/challenges?posted_by=${encodeURIComponent(m.id)}`}>{t('profile.agencyChallenges')} →</Link></p>
          )}
        </div>
      </div>
    </div>
  );
}
