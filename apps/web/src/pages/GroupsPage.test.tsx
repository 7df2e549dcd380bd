import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aMe, renderApp } from '../test/render';

const groups = [
  {
    id: '5b1e9c3a-2f4d-4e8a-9b6c-7d8e9f0a1b2c',
    slug: 'marseille',
    name: 'Technopolice Marseille',
    role: 'admin' as const,
  },
  {
    id: '6c2f0d4b-3a5e-4f9b-8c7d-8e9f0a1b2c3d',
    slug: 'lyon',
    name: 'Technopolice Lyon',
    role: 'member' as const,
  },
];

describe('groups page', () => {
  it('lists my groups with my role in each, linking to their page', () => {
    renderApp('/groupes', { me: aMe({ groups }) });

    expect(screen.getByRole('heading', { level: 1, name: 'Groupes' })).toBeTruthy();
    const list = screen.getByRole('region', { name: 'Mes groupes' });
    const links = within(list).getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      `/groupes/${groups[0]!.id}`,
      `/groupes/${groups[1]!.id}`,
    ]);
    expect(links[0]!.textContent).toBe('Technopolice MarseilleAdministrateur·ice');
    expect(links[1]!.textContent).toBe('Technopolice LyonMembre');
  });

  it('says what a group is when there is none yet', () => {
    renderApp('/groupes', { me: aMe() });
    expect(
      screen.getByRole('heading', { name: 'Vous ne faites partie d’aucun groupe' }),
    ).toBeTruthy();
  });

  it('checks the new group with the shared schema before sending anything', async () => {
    const user = userEvent.setup();
    renderApp('/groupes', { me: aMe() });

    const name = screen.getByLabelText('Nom du groupe');
    expect(name.getAttribute('aria-describedby')).toBe('group-name-hint');
    await user.type(name, 'M');
    await user.click(screen.getByRole('button', { name: 'Créer un groupe' }));

    // createGroupSchema: at least 2 characters.
    const error = await screen.findByText('Au moins 2 caractères.');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(name.getAttribute('aria-describedby')).toBe('group-name-error group-name-hint');
    expect(error.closest('[id]')?.id).toBe('group-name-error');
    expect(document.activeElement).toBe(name);

    const description = screen.getByLabelText(/Description/);
    expect(description.getAttribute('aria-invalid')).toBeNull();

    // Whitespace is trimmed by the schema, as on the server.
    await user.clear(name);
    await user.type(name, '   ');
    await user.click(screen.getByRole('button', { name: 'Créer un groupe' }));
    expect(screen.getByText('Au moins 2 caractères.')).toBeTruthy();
  });

  it('shows my groups on the dashboard too', () => {
    renderApp('/', { me: aMe({ groups }) });
    const section = screen.getByRole('region', { name: 'Mes groupes' });
    expect(within(section).getAllByRole('listitem')).toHaveLength(2);
    expect(within(section).getByRole('link', { name: 'Tous mes groupes' })).toBeTruthy();
  });

  it('asks people without a group to create one from the dashboard', () => {
    renderApp('/', { me: aMe() });
    const section = screen.getByRole('region', { name: 'Mes groupes' });
    expect(
      within(section).getByRole('link', { name: 'Créer un groupe' }).getAttribute('href'),
    ).toBe('/groupes');
  });
});
