import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { identityKeys } from './lib/identity';
import { routes } from './routes';
import { aMe, createTestQueryClient, fixedAuth, seedQueryClient } from './test/render';

// The other tests render pages already loaded (test/routes.ts); here, the routes as the browser
// gets them.
describe('pages loaded with their routes', () => {
  it('shows the shell and a loading page while the page loads, then the page', async () => {
    const me = aMe();
    const queryClient = seedQueryClient(createTestQueryClient());
    queryClient.setQueryData(identityKeys.me, me);
    queryClient.setQueryData(identityKeys.groups, []);
    const router = createMemoryRouter(routes, { initialEntries: ['/dossiers'] });
    render(<App router={router} queryClient={queryClient} auth={fixedAuth('signed-in')} />);

    const main = screen.getByRole('main');
    expect(within(main).getByRole('status').textContent).toBe('Chargement…');
    expect(screen.getByRole('navigation', { name: 'Navigation principale' })).toBeTruthy();

    expect(await screen.findByRole('heading', { level: 1, name: 'Dossiers' })).toBeTruthy();
    expect(within(main).queryByText('Chargement…')).toBeNull();
  });
});
