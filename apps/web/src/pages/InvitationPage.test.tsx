import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { identityKeys } from '../lib/identity';
import { aPreview } from '../test/fixtures';
import {
  aMe,
  createTestQueryClient,
  embeddedAuthConfig,
  renderApp,
  seedQueryClient,
} from '../test/render';

const TOKEN = 'Jq3kZ8r1-TfP0vW2xYb4Lm6Nc5Hd7Gs9';

function renderInvitation(
  preview = aPreview(),
  {
    me,
    registration = 'invitation',
  }: { me?: ReturnType<typeof aMe>; registration?: 'invitation' | 'open' | 'none' } = {},
) {
  const queryClient = seedQueryClient(createTestQueryClient(), {
    authConfig: { ...embeddedAuthConfig, registration },
  });
  queryClient.setQueryData(identityKeys.invitationPreview(TOKEN), preview);
  return renderApp(`/invitations/${TOKEN}`, { queryClient, ...(me ? { me } : {}) });
}

describe('invitation landing page', () => {
  it('says which group and which role, and offers to sign in or create an account', async () => {
    const user = userEvent.setup();
    const { auth } = renderInvitation();

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Vous êtes invité·e à rejoindre Technopolice Marseille en tant que membre',
    );
    expect(screen.getByText(/Lien valable jusqu’au/)).toBeTruthy();
    expect(screen.getByText(/Un pseudonyme et un mot de passe suffisent/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Se connecter pour accepter' }));
    expect(auth.calls.login).toEqual([
      { redirectUri: `${window.location.origin}/invitations/${TOKEN}` },
    ]);
    await user.click(screen.getByRole('button', { name: 'Créer un compte' }));
    expect(auth.calls.register).toEqual([TOKEN]);
  });

  it('offers no account creation when the identity provider does not allow it here', () => {
    renderInvitation(aPreview({ role: 'coordinator' }), { registration: 'none' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain(
      'en tant que coordinateur·ice',
    );
    expect(screen.getByRole('button', { name: 'Se connecter pour accepter' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Créer un compte' })).toBeNull();
  });

  it('offers to join once signed in', () => {
    renderInvitation(aPreview(), { me: aMe() });
    expect(screen.getByRole('button', { name: 'Rejoindre le groupe' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Se connecter pour accepter' })).toBeNull();
    expect(screen.getByRole('navigation', { name: 'Navigation principale' })).toBeTruthy();
  });

  it.each([
    ['expired', 'Cette invitation a expiré'],
    ['revoked', 'Cette invitation a été révoquée'],
    ['used_up', 'Cette invitation a déjà servi'],
  ] as const)('explains a %s link, with no way to join', (problem, title) => {
    renderInvitation(aPreview({ problem }), { me: aMe() });
    expect(screen.getByRole('heading', { level: 1, name: title })).toBeTruthy();
    expect(
      screen.getByText('Demandez un nouveau lien à la personne qui vous l’a envoyé.'),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Rejoindre le groupe' })).toBeNull();
  });

  it('speaks English too', async () => {
    const user = userEvent.setup();
    renderInvitation();
    await user.click(screen.getByRole('button', { name: 'EN, English' }));
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe(
      'You are invited to join Technopolice Marseille as member',
    );
    expect(screen.getByRole('button', { name: 'Sign in to accept' })).toBeTruthy();
  });
});
