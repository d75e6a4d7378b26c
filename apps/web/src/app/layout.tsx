import { NavLink, Outlet } from 'react-router-dom';

/** Pages to come (adoption impact, teams, adoptions, settings) join this list. */
const NAV_ITEMS = [
  { to: '/', label: 'Overview' },
  { to: '/adoption-impact', label: 'Adoption impact' },
  { to: '/findings', label: 'Findings' },
  { to: '/threat-models', label: 'Threat models' },
  { to: '/imports', label: 'Imports' },
];

export function AppLayout() {
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
              {NAV_ITEMS.map((item) => (
                <li key={item.to}>
                  {/* Only the overview needs an exact match: a finding's detail still belongs under Findings. */}
                  <NavLink to={item.to} end={item.to === '/'} className="nav-link">
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="page">
        <Outlet />
      </main>
    </>
  );
}
