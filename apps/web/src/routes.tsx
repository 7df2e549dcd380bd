import type { RouteObject } from 'react-router';
import { AppShell } from './components/AppShell';
import { PageError, RootError } from './components/RouteError';
import { CasesPage } from './pages/CasesPage';
import { DashboardPage } from './pages/DashboardPage';
import { DocumentsPage } from './pages/DocumentsPage';
import { ForumPage } from './pages/ForumPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PublicationsPage } from './pages/PublicationsPage';

/**
 * The route tree, shared by the browser router (main.tsx) and the memory routers of tests.
 * Paths are French, like the product; the API owns `/api`, `/socket.io`, `/realms`, `/p` and
 * `/feed.atom`, so no page may live there.
 */
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <AppShell />,
    errorElement: <RootError />,
    children: [
      {
        // Errors of a page render inside the shell, navigation stays usable.
        errorElement: <PageError />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'dossiers', element: <CasesPage /> },
          { path: 'forum', element: <ForumPage /> },
          { path: 'documents', element: <DocumentsPage /> },
          { path: 'publications', element: <PublicationsPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
