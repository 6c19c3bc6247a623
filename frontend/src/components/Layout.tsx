import { useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { useLive } from '../auth/Notifications';
import { useI18n } from '../i18n';
import { ConsentBanner } from '../pages/privacy/ConsentBanner';

function Logo() {
  return (
    <svg className="logo-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" className="logo-bg" />
      <path className="logo-star" d="M16 5l3.1 6.9 7.4.7-5.6 5 1.7 7.3L16 21l-6.6 3.9 1.7-7.3-5.6-5 7.4-.7z" />
    </svg>
  );
}

function Bell() {
  const { t } = useI18n();
  const { unread } = useLive();
  const label = unread > 0 ? t('bell.unread', { count: unread }) : t('bell.none');
  return (
    <NavLink to="/notifications" className="bell" aria-label={label} title={label} data-testid="bell">
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="icon">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
      </svg>
      <span className={`bell-count${unread > 0 ? '' : ' bell-zero'}`} data-testid="bell-count" aria-hidden="true">
        {unread > 99 ? '99+' : unread}
      </span>
    </NavLink>
  );
}

export function Layout() {
  const { t, lang, setLang } = useI18n();
  const { status, me, isAdmin, isAgency, kind, logout } = useAuth();
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();

  useEffect(() => {
    setMenuOpen(false);
  }, [location.pathname, location.search]);

  // Move focus to the main region on navigation, for screen readers and keyboards.
  useEffect(() => {
    const main = document.getElementById('main');
    if (main && document.activeElement === document.body) main.focus({ preventScroll: true });
  }, [location.pathname]);

  const authed = status === 'authed';
  const solver = authed && kind !== undefined && kind !== 'agency';
  return (
    <div className="app">
      <a href="#main" className="skip-link">
        {t('a11y.skip')}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            <Logo />
            <span className="brand-text">
              <span className="brand-name">innonet</span>
              <span className="brand-tag">{t('app.tagline')}</span>
            </span>
          </Link>
          <div className="header-tools">
            {authed && <Bell />}
            <button type="button" className="btn btn-ghost lang-switch" data-testid="lang-switch"
              onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')} lang={lang === 'vi' ? 'en' : 'vi'}>
              {lang === 'vi' ? 'EN' : 'VI'}
              <span className="visually-hidden"> – {t('lang.switchLabel')}</span>
            </button>
            <button type="button" className="btn btn-ghost menu-toggle" aria-expanded={menuOpen} aria-controls="site-nav"
              onClick={() => setMenuOpen((o) => !o)} data-testid="menu-toggle">
              <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="icon">
                <path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" />
              </svg>
              <span className="visually-hidden">{t('nav.menu')}</span>
            </button>
          </div>
          <nav id="site-nav" className={`site-nav${menuOpen ? ' open' : ''}`} aria-label={t('nav.main')}>
            <ul>
              <li>
                <NavLink to="/" end>
                  {t('nav.home')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/members">{t('nav.members')}</NavLink>
              </li>
              <li>
                <NavLink to="/challenges" end>
                  {t('nav.challenges')}
                </NavLink>
              </li>
              {solver && (
                <>
                  <li>
                    <NavLink to="/me/matches">{t('nav.myMatches')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/me/proposals">{t('nav.myProposals')}</NavLink>
                  </li>
                </>
              )}
              {authed && (isAgency || isAdmin) && (
                <li>
                  <NavLink to="/challenges/new">{t('nav.newChallenge')}</NavLink>
                </li>
              )}
              {isAdmin && (
                <li>
                  <NavLink to="/admin">{t('nav.admin')}</NavLink>
                </li>
              )}
              {authed ? (
                <>
                  {me?.member_id && (
                    <li>
                      <NavLink to="/me/profile">{t('nav.myProfile')}</NavLink>
                    </li>
                  )}
                  <li>
                    <NavLink to="/settings/notifications">{t('nav.settings')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/settings/privacy">{t('nav.privacy')}</NavLink>
                  </li>
                  <li>
                    <button type="button" className="linklike" data-testid="logout"
                      onClick={() => void logout().then(() => navigate('/'))}>
                      {t('nav.logout')}
                    </button>
                  </li>
                </>
              ) : status === 'anon' ? (
                <>
                  <li>
                    <NavLink to="/login">{t('nav.login')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/register" className="nav-cta">
                      {t('nav.register')}
                    </NavLink>
                  </li>
                </>
              ) : null}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        <ConsentBanner />
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="footer-inner">
          <p>
            <strong>innonet</strong> · {t('footer.about')}
          </p>
          <p className="muted">{t('footer.license')} · <Link to="/privacy">{t('footer.privacy')}</Link></p>
        </div>
      </footer>
    </div>
  );
}
