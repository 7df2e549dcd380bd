import { QueryClient } from '@tanstack/react-query';
import { taxonomy, type Health } from '@technopolice/shared';
import { render } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { App } from '../App';
import { queryKeys } from '../lib/api';
import { routes } from '../routes';

/** A QueryClient that never refetches by itself nor retries, for deterministic tests. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, staleTime: Number.POSITIVE_INFINITY, refetchInterval: false },
    },
  });
}

/**
 * Seeds the cache with what the API would answer: the shared taxonomy itself and a healthy
 * server on PGlite. Nothing is fetched, and our own API is not mocked.
 */
export function seedQueryClient(
  queryClient: QueryClient,
  { health = { status: 'ok', database: 'pglite' } }: { health?: Health } = {},
): QueryClient {
  queryClient.setQueryData(queryKeys.taxonomy, taxonomy);
  queryClient.setQueryData(queryKeys.health, health);
  return queryClient;
}

/** Renders the whole app at `path` with a memory router. */
export function renderApp(path = '/', queryClient = seedQueryClient(createTestQueryClient())) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  return { router, queryClient, ...render(<App router={router} queryClient={queryClient} />) };
}
