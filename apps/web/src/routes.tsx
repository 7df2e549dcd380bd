import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { PageLoading } from './components/PageLoading';
import { PageError, RootError } from './components/RouteError';
import { RequireAuth, RootLayout } from './components/RootLayout';
import { loadTranslations } from './i18n';
import { NotFoundPage } from './pages/NotFoundPage';

/**
 * A route whose page loads when first visited, with its own chunk and the translations beyond
 * the first page's, so that the first page only downloads what it shows (the build's report
 * holds the case board to a budget, see vite.config.ts). While it loads, the current page stays
 * on screen; on a first visit the shell shows {@link PageLoading}.
 */
function page<K extends string, M extends Record<K, ComponentType>>(
  load: () => Promise<M>,
  name: K,
  // The case board renders with the first page's sections alone (i18n/firstPage.test.ts).
  { allTranslations = true }: { allTranslations?: boolean } = {},
): () => Promise<{ Component: ComponentType }> {
  return async () => {
    const [module] = await Promise.all([load(), allTranslations ? loadTranslations() : null]);
    return { Component: module[name] };
  };
}

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
        // The deepest route above the lazy pages: on a first visit, the shell renders around it.
        hydrateFallbackElement: <PageLoading />,
        children: [
          {
            index: true,
            lazy: page(() => import('./pages/HomePage'), 'HomePage'),
          },
          {
            path: 'invitations/:token',
            lazy: page(() => import('./pages/InvitationPage'), 'InvitationPage'),
          },
          {
            element: <RequireAuth />,
            children: [
              {
                path: 'groupes',
                lazy: page(() => import('./pages/GroupsPage'), 'GroupsPage'),
              },
              {
                path: 'groupes/:groupId',
                lazy: page(() => import('./pages/group/GroupLayout'), 'GroupLayout'),
                children: [
                  {
                    index: true,
                    lazy: page(() => import('./pages/group/GroupMembers'), 'GroupMembers'),
                  },
                  {
                    path: 'invitations',
                    lazy: page(() => import('./pages/group/GroupInvitations'), 'GroupInvitations'),
                  },
                  {
                    path: 'parametres',
                    lazy: page(() => import('./pages/group/GroupSettings'), 'GroupSettings'),
                  },
                  {
                    path: 'journal',
                    lazy: page(() => import('./pages/group/GroupJournal'), 'GroupJournal'),
                  },
                ],
              },
              {
                path: 'profil',
                lazy: page(() => import('./pages/ProfilePage'), 'ProfilePage'),
              },
              {
                path: 'admin',
                lazy: page(() => import('./pages/AdminPage'), 'AdminPage'),
              },
              {
                // The case board: the page the build's budget is about.
                path: 'dossiers',
                lazy: page(() => import('./pages/CasesPage'), 'CasesPage', {
                  allTranslations: false,
                }),
              },
              {
                path: 'dossiers/:caseId',
                lazy: page(() => import('./pages/CasePage'), 'CasePage'),
              },
              {
                path: 'forum',
                lazy: page(() => import('./pages/ForumPage'), 'ForumPage'),
              },
              {
                path: 'forum/:threadId',
                lazy: page(() => import('./pages/ForumPage'), 'ForumPage'),
              },
              {
                path: 'documents',
                lazy: page(() => import('./pages/DocumentsPage'), 'DocumentsPage'),
              },
              {
                // The document page; its viewer loads when a document is shown.
                path: 'documents/:documentId',
                lazy: page(() => import('./pages/DocumentPage'), 'DocumentPage'),
              },
              {
                path: 'publications',
                lazy: page(() => import('./pages/PublicationsPage'), 'PublicationsPage'),
              },
              {
                path: 'recherche',
                lazy: page(() => import('./pages/SearchPage'), 'SearchPage'),
              },
            ],
          },
          // Already in the shell's code: the page errors show it too.
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
