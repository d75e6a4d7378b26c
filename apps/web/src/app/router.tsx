import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { RequireSession } from '../features/auth/components/require-session';
import { AppLayout } from './layout';
import { ChangeDetailPage } from './routes/change-detail';
import { ChangesPage } from './routes/changes';
import { AdoptionImpactPage } from './routes/adoption-impact';
import { AdoptionsPage } from './routes/adoptions';
import { ChangePasswordPage } from './routes/change-password';
import { LoginPage } from './routes/login';
import { SettingsPage } from './routes/settings';
import { TeamsPage } from './routes/teams';
import './access.css';
import { FindingDetailPage } from './routes/finding-detail';
import { FindingsPage } from './routes/findings';
import { ImportsPage } from './routes/imports';
import { ThreatModelPage } from './routes/threat-model';
import { ThreatModelsPage } from './routes/threat-models';
import { NotFoundPage } from './routes/not-found';
import { OverviewPage } from './routes/overview';
import { ReportPage } from './routes/report';
import { RouteErrorPage } from './routes/route-error';

const router = createBrowserRouter([
  // Outside the session guard: the pages that let a person in.
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
  { path: '/change-password', element: <ChangePasswordPage />, errorElement: <RouteErrorPage /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'findings', element: <FindingsPage /> },
      { path: 'findings/:id', element: <FindingDetailPage /> },
      { path: 'threat-models', element: <ThreatModelsPage /> },
      { path: 'threat-models/:id', element: <ThreatModelPage /> },
      { path: 'imports', element: <ImportsPage /> },
      { path: 'adoption-impact', element: <AdoptionImpactPage /> },
      { path: 'changes', element: <ChangesPage /> },
      { path: 'changes/:id', element: <ChangeDetailPage /> },
      { path: 'report', element: <ReportPage /> },
      { path: 'teams', element: <TeamsPage /> },
      { path: 'adoptions', element: <AdoptionsPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
