import { QueryClient } from '@tanstack/react-query';
import { taxonomy, type GroupSummary, type Health, type Me } from '@technopolice/shared';
import { render } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { App } from '../App';
import { routes } from '../routes';
import { queryKeys } from '../lib/api';
import type { AuthController, AuthStatus } from '../lib/auth';
import { type AuthConfig, identityKeys } from '../lib/identity';
import { loadedRoutes } from './routes';

const pages = await loadedRoutes(routes);

/** A QueryClient that never refetches by itself nor retries, for deterministic tests. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, staleTime: Number.POSITIVE_INFINITY, refetchInterval: false },
    },
  });
}

/** What `GET /api/auth/config` answers in embedded mode. */
export const embeddedAuthConfig: AuthConfig = {
  url: 'http://localhost:3000',
  realm: 'technopolice',
  clientId: 'technopolice-web',
  registration: 'invitation',
};

/**
 * Seeds the cache with what the API would answer: the shared taxonomy itself, a healthy server
 * on PGlite and the embedded issuer's configuration. Nothing is fetched, and our own API is not
 * mocked.
 */
export function seedQueryClient(
  queryClient: QueryClient,
  {
    health = { status: 'ok', database: 'pglite' },
    authConfig = embeddedAuthConfig,
  }: { health?: Health; authConfig?: AuthConfig } = {},
): QueryClient {
  queryClient.setQueryData(queryKeys.taxonomy, taxonomy);
  queryClient.setQueryData(queryKeys.health, health);
  queryClient.setQueryData(identityKeys.authConfig, authConfig);
  return queryClient;
}

/** What a fixed session did when asked to go to the issuer. */
export interface AuthCalls {
  login: ({ redirectUri?: string } | undefined)[];
  register: (string | undefined)[];
  logout: number;
}

/**
 * A session in a given state, without an issuer: pages can be rendered signed in or out. Going
 * to the issuer is only recorded.
 */
export function fixedAuth(status: AuthStatus): AuthController & { calls: AuthCalls } {
  const calls: AuthCalls = { login: [], register: [], logout: 0 };
  return {
    calls,
    getStatus: () => status,
    subscribe: () => () => {},
    start: () => {},
    keycloak: null,
    token: () => Promise.resolve(status === 'signed-in' ? 'test-token' : undefined),
    refresh: () => Promise.resolve(false),
    signedOut: () => {},
    login: (options) => {
      calls.login.push(options);
      return Promise.resolve();
    },
    register: (token) => {
      calls.register.push(token);
      return Promise.resolve();
    },
    logout: () => {
      calls.logout += 1;
      return Promise.resolve();
    },
  };
}

/** A signed-in person, as `GET /api/me` answers. */
export function aMe(overrides: Partial<Me> = {}): Me {
  return {
    id: '0c6f3d1e-7b8a-4c1d-9e2f-3a4b5c6d7e8f',
    username: 'camille',
    displayName: 'Camille',
    language: 'fr',
    isInstanceAdmin: false,
    groups: [],
    ...overrides,
  };
}

export interface RenderOptions {
  queryClient?: QueryClient;
  /** Signed out unless a `me` is given. */
  status?: AuthStatus;
  /** Seeds `GET /api/me` (and signs in). */
  me?: Me;
  /** Seeds `GET /api/groups`; defaults to the groups of `me`. */
  groups?: GroupSummary[];
}

/** Renders the whole app at `path` with a memory router and a fixed session. */
export function renderApp(path = '/', options: RenderOptions = {}) {
  const queryClient = options.queryClient ?? seedQueryClient(createTestQueryClient());
  const status = options.status ?? (options.me ? 'signed-in' : 'signed-out');
  if (options.me) {
    queryClient.setQueryData(identityKeys.me, options.me);
    queryClient.setQueryData(identityKeys.groups, options.groups ?? options.me.groups);
  }
  const auth = fixedAuth(status);
  const router = createMemoryRouter(pages, { initialEntries: [path] });
  return {
    router,
    queryClient,
    auth,
    ...render(<App router={router} queryClient={queryClient} auth={auth} />),
  };
}
