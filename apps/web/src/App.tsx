import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { type createBrowserRouter, RouterProvider } from 'react-router';
import i18n from './i18n';
import { type AuthController, AuthProvider } from './lib/auth';

type AppRouter = ReturnType<typeof createBrowserRouter>;

/** Everything a page needs around it: translations, data cache and the session. */
export function AppProviders({
  queryClient,
  auth,
  children,
}: {
  queryClient: QueryClient;
  auth: AuthController;
  children: ReactNode;
}) {
  return (
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <AuthProvider controller={auth}>{children}</AuthProvider>
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>
  );
}

/**
 * The app for a given router and session: a browser router and keycloak-js in main.tsx, a memory
 * router and a fixed session in tests.
 */
export function App({
  router,
  queryClient,
  auth,
}: {
  router: AppRouter;
  queryClient: QueryClient;
  auth: AuthController;
}) {
  return (
    <AppProviders queryClient={queryClient} auth={auth}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
