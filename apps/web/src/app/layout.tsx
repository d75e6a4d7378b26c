import { NavLink, Outlet } from 'react-router-dom';
import { useSession } from '../features/auth/api/get-session';
import { UserMenu } from '../features/auth/components/user-menu';
import { can, type Capability } from '../features/auth/session-rules';

/** Pages to come (adoption impact) join this list. */
const NAV_ITEMS: { to: string; label: string; requires?: Capability }[] = [
  { to: '/', label: 'Overview' },
  { to: '/adoption-impact', label: 'Adoption impact' },
  { to: '/changes', label: 'Changes' },
  { to: '/findings', label: 'Findings' },
  { to: '/report', label: 'Report' },
  { to: '/threat-models', label: 'Threat models' },
  { to: '/imports', label: 'Imports' },
  { to: '/teams', label: 'Teams & services' },
  { to: '/adoptions', label: 'Adoptions' },
  // Only where the role can use it: the API would refuse everything on the page anyway.
  { to: '/settings', label: 'Settings', requires: 'administer' },
];

export function AppLayout() {
  const role = useSession().data?.user.role;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <NavLink to="/" className="brand">
            <span className="brand-mark" aria-hidden="true" />
            Escapement
          </NavLink>
          <nav aria-label="Main">
            <ul className="nav-list">
              {NAV_ITEMS.filter((item) => item.requires === undefined || can(role, item.requires)).map((item) => (
                <li key={item.to}>
                  {/* Only the overview needs an exact match: a finding's detail still belongs under Findings. */}
                  <NavLink to={item.to} end={item.to === '/'} className="nav-link">
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <UserMenu />
        </div>
      </header>
      <main id="main" className="page">
        <Outlet />
      </main>
    </>
  );
}
