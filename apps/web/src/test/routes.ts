import type { RouteObject } from 'react-router';

/**
 * The route tree with every lazy page already loaded: in tests, a page renders at once, as it
 * would once its chunk is there (the browser tests cover the loading itself).
 */
export async function loadedRoutes(routes: RouteObject[]): Promise<RouteObject[]> {
  return Promise.all(
    routes.map(async (route): Promise<RouteObject> => {
      const { lazy, ...rest } = route;
      const loaded = typeof lazy === 'function' ? await lazy() : {};
      const children = route.children ? await loadedRoutes(route.children) : undefined;
      return { ...rest, ...loaded, ...(children ? { children } : {}) } as RouteObject;
    }),
  );
}
