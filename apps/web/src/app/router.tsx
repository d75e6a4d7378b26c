import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { AppLayout } from './layout';
import { AdoptionImpactPage } from './routes/adoption-impact';
import { FindingDetailPage } from './routes/finding-detail';
import { FindingsPage } from './routes/findings';
import { ImportsPage } from './routes/imports';
import { ThreatModelPage } from './routes/threat-model';
import { ThreatModelsPage } from './routes/threat-models';
import { NotFoundPage } from './routes/not-found';
import { OverviewPage } from './routes/overview';
import { RouteErrorPage } from './routes/route-error';

const router = createBrowserRouter([
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'findings', element: <FindingsPage /> },
      { path: 'findings/:id', element: <FindingDetailPage /> },
      { path: 'threat-models', element: <ThreatModelsPage /> },
      { path: 'threat-models/:id', element: <ThreatModelPage /> },
      { path: 'imports', element: <ImportsPage /> },
      { path: 'adoption-impact', element: <AdoptionImpactPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
