import type { RouteObject } from 'react-router';
import { PageError, RootError } from './components/RouteError';
import { RequireAuth, RootLayout } from './components/RootLayout';
import { AdminPage } from './pages/AdminPage';
import { CasePage } from './pages/CasePage';
import { CasesPage } from './pages/CasesPage';
import { DocumentsPage } from './pages/DocumentsPage';
import { ForumPage } from './pages/ForumPage';
import { GroupLayout } from './pages/group/GroupLayout';
import { GroupInvitations } from './pages/group/GroupInvitations';
import { GroupJournal } from './pages/group/GroupJournal';
import { GroupMembers } from './pages/group/GroupMembers';
import { GroupSettings } from './pages/group/GroupSettings';
import { GroupsPage } from './pages/GroupsPage';
import { HomePage } from './pages/HomePage';
import { InvitationPage } from './pages/InvitationPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProfilePage } from './pages/ProfilePage';
import { PublicationsPage } from './pages/PublicationsPage';
import { SearchPage } from './pages/SearchPage';

/**
 * The route tree, shared by the browser router (main.tsx) and the memory routers of tests.
 * Paths are French, like the product; the API owns `/api`, `/socket.io`, `/realms`, `/p` and
 * `/feed.atom`, so no page may live there. The home page and invitation links are public;
 * everything else asks to sign in first.
 */
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <RootLayout />,
    errorElement: <RootError />,
    children: [
      {
        // Errors of a page render inside the shell, navigation stays usable.
        errorElement: <PageError />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'invitations/:token', element: <InvitationPage /> },
          {
            element: <RequireAuth />,
            children: [
              { path: 'groupes', element: <GroupsPage /> },
              {
                path: 'groupes/:groupId',
                element: <GroupLayout />,
                children: [
                  { index: true, element: <GroupMembers /> },
                  { path: 'invitations', element: <GroupInvitations /> },
                  { path: 'parametres', element: <GroupSettings /> },
                  { path: 'journal', element: <GroupJournal /> },
                ],
              },
              { path: 'profil', element: <ProfilePage /> },
              { path: 'admin', element: <AdminPage /> },
              { path: 'dossiers', element: <CasesPage /> },
              { path: 'dossiers/:caseId', element: <CasePage /> },
              { path: 'forum', element: <ForumPage /> },
              { path: 'forum/:threadId', element: <ForumPage /> },
              { path: 'documents', element: <DocumentsPage /> },
              {
                // The document page and its viewer load when a document is opened.
                path: 'documents/:documentId',
                lazy: () =>
                  import('./pages/DocumentPage').then((module) => ({
                    Component: module.DocumentPage,
                  })),
              },
              { path: 'publications', element: <PublicationsPage /> },
              { path: 'recherche', element: <SearchPage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
