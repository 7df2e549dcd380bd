import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { identityKeys } from '../lib/identity';
import { anEvent } from '../test/fixtures';
import { aMe, createTestQueryClient, renderApp, seedQueryClient } from '../test/render';

function renderAdmin(isInstanceAdmin = true) {
  const queryClient = seedQueryClient(createTestQueryClient());
  queryClient.setQueryData(identityKeys.adminSettings, { registrationOpen: false });
  queryClient.setQueryData(identityKeys.adminAudit, [
    anEvent('sign-in.failed', { username: 'camille', failures: 3 }, null),
    anEvent('account.created', { username: 'renard', instanceAdmin: false }, null),
  ]);
  return renderApp('/admin', { queryClient, me: aMe({ isInstanceAdmin }) });
}

describe('administration page', () => {
  it('is closed to people who are not instance admins', () => {
    renderAdmin(false);
    expect(
      screen.getByRole('heading', { name: 'Réservé aux administrateur·ices de l’instance' }),
    ).toBeTruthy();
    expect(screen.queryByLabelText('Identifiant')).toBeNull();
  });

  it('shows registration closed by default: accounts through invitations only', () => {
    renderAdmin();
    const toggle = screen.getByRole('switch', { name: 'Inscription ouverte à tous' });
    expect((toggle as HTMLInputElement).checked).toBe(false);
    expect(
      document.getElementById(toggle.getAttribute('aria-describedby') ?? '')?.textContent,
    ).toContain('uniquement par invitation');
  });

  it('checks a new account with the shared schema, with the password policy in the hint', async () => {
    const user = userEvent.setup();
    renderAdmin();

    const password = screen.getByLabelText('Mot de passe provisoire');
    expect(
      document.getElementById(password.getAttribute('aria-describedby') ?? '')?.textContent,
    ).toContain('Au moins 10 caractères, différent de l’identifiant');

    await user.type(screen.getByLabelText('Identifiant'), 'A!');
    await user.type(password, 'court');
    await user.click(screen.getByRole('button', { name: 'Créer le compte' }));
    expect(
      await screen.findByText(/^De 3 à 32 caractères : lettres minuscules sans accent/),
    ).toBeTruthy();
    expect(screen.getByText('Au moins 10 caractères.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Identifiant'));

    await user.clear(screen.getByLabelText('Identifiant'));
    await user.type(screen.getByLabelText('Identifiant'), 'renard-des-villes');
    await user.clear(password);
    await user.type(password, 'Renard-des-villes');
    await user.click(screen.getByRole('button', { name: 'Créer le compte' }));
    expect(
      await screen.findByText('Le mot de passe doit être différent de l’identifiant.'),
    ).toBeTruthy();
    expect(screen.getByLabelText('Identifiant').getAttribute('aria-invalid')).toBeNull();
  });

  it('shows the instance journal without any IP address', () => {
    renderAdmin();
    const section = screen.getByRole('region', { name: 'Journal de l’instance' });
    const entries = within(section).getAllByRole('listitem');
    expect(entries[0]!.textContent).toContain('Échec de connexion');
    expect(entries[0]!.textContent).toContain('identifiant « camille » · 3 échecs d’affilée');
    expect(entries[0]!.textContent).toContain('par le système');
    expect(entries[1]!.textContent).toContain('Compte créé');
  });
});
