import { useI18n, useTitle } from '../../i18n';
import { POLICY, PRIVACY_POLICY_VERSION } from './policy';

/** The privacy policy, in the language of the interface, with its version. */
export default function PrivacyPolicy() {
  const { t, lang } = useI18n();
  const p = POLICY[lang];
  useTitle(p.title);
  return (
    <div className="container prose" data-testid="privacy-policy">
      <h1>{p.title}</h1>
      <p className="muted" data-testid="policy-version">{t('privacy.version', { version: PRIVACY_POLICY_VERSION })}</p>
      <p>{p.intro}</p>
      {p.sections.map((s) => (
        <section key={s.title}>
          <h2>{s.title}</h2>
          {s.paragraphs.map((para, i) => <p key={i}>{para}</p>)}
        </section>
      ))}
    </div>
  );
}
