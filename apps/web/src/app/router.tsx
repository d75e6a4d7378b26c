import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { AppLayout } from './layout';
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
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
