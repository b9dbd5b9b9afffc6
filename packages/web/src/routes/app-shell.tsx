/**
 * The frame around every signed-in screen: who is signed in, Sign out, and
 * the navigation through the product's areas. On narrow screens the
 * navigation folds behind a Menu button. "Declare incident" (or, for those
 * who cannot declare, "Report a problem") is in the top bar on every screen,
 * phones included: one click from anywhere. The menu closes with Escape;
 * after a navigation, focus moves to the new page's heading, so a screen
 * reader or keyboard user starts where the page starts.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { useCurrentUser, useSession } from '../features/auth/session-context';
import { canRespond } from '../features/incidents/incident-labels';
import { BrandMark } from '../ui/brand';
import { ErrorMessage } from '../ui/feedback';
import { AREA_GROUPS, AREAS } from './areas';

export function AppShell() {
  const user = useCurrentUser();
  const { signOut } = useSession();
  const location = useLocation();
  const [isMenuOpen, setMenuOpen] = useState(false);
  const [signOutError, setSignOutError] = useState<unknown>();

  const menuButton = useRef<HTMLButtonElement>(null);
  const isFirstPath = useRef(true);

  useEffect(() => setMenuOpen(false), [location.pathname]);

  useEffect(() => {
    if (!isMenuOpen) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, [isMenuOpen]);

  useEffect(() => {
    // Not on the first page shown: the browser's own focus is right there.
    if (isFirstPath.current) {
      isFirstPath.current = false;
      return;
    }
    return focusHeadingWhenShown();
  }, [location.pathname]);

  async function handleSignOut() {
    setSignOutError(undefined);
    try {
      // Once signed out, the session guard takes the person to /login.
      await signOut();
    } catch (error) {
      setSignOutError(error);
    }
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          ref={menuButton}
          type="button"
          className="button menu-toggle"
          aria-expanded={isMenuOpen}
          aria-controls="primary-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <Link to="/app" className="brand" aria-label="Tocsin">
          <BrandMark />
          <span className="brand-name">Tocsin</span>
        </Link>
        <DeclareButton canDeclare={canRespond(user.role)} />
        <div className="who">
          <span className="who-name">
            Signed in as{' '}
            <Link to="/app/settings/profile" data-testid="current-user">
              {user.name}
            </Link>
          </span>
          <span className="badge" title="Your role">
            {user.role}
          </span>
          <button type="button" className="button" onClick={() => void handleSignOut()}>
            Sign out
          </button>
        </div>
      </header>
      {signOutError !== undefined && <ErrorMessage error={signOutError} title="Signing out failed:" />}
      <div className="layout">
        <nav id="primary-nav" aria-label="Main" className={isMenuOpen ? 'sidebar open' : 'sidebar'}>
          <p className="nav-who">
            Signed in as <Link to="/app/settings/profile">{user.name}</Link> ({user.role})
          </p>
          {AREA_GROUPS.map((group) => (
            <div key={group} className="nav-group">
              <h2 className="nav-heading">{group}</h2>
              <ul>
                {AREAS.filter((area) => area.group === group).map((area) => (
                  <li key={area.path}>
                    <NavLink to={`/app/${area.path}`}>
                      <span>{area.label}</span>
                      {area.planned && <span className="tag">planned</span>}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}

function DeclareButton({ canDeclare }: { canDeclare: boolean }) {
  return canDeclare ? (
    <Link
      to="/app/incidents/declare"
      className="button primary declare-button"
      data-testid="declare-button"
      aria-label="Declare incident"
    >
      Declare<span className="declare-more"> incident</span>
    </Link>
  ) : (
    <Link
      to="/app/incidents/report"
      className="button declare-button"
      data-testid="declare-button"
      aria-label="Report a problem"
    >
      Report<span className="declare-more"> a problem</span>
    </Link>
  );
}

/** Focuses the main heading once the page shows it (it may wait for its data); stops at the next navigation. */
function focusHeadingWhenShown(): () => void {
  const main = document.getElementById('main');
  if (!main) return () => undefined;
  const tryFocus = (): boolean => {
    const heading = main.querySelector('h1');
    if (!heading) return false;
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: false });
    return true;
  };
  if (tryFocus()) return () => undefined;
  const observer = new MutationObserver(() => {
    if (tryFocus()) observer.disconnect();
  });
  observer.observe(main, { childList: true, subtree: true });
  return () => observer.disconnect();
}
