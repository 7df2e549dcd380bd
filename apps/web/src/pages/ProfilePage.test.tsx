import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aMe, renderApp } from '../test/render';

describe('profile page', () => {
  it('shows the username, and the pseudonym and language as editable fields', () => {
    renderApp('/profil', { me: aMe({ username: 'camille.m', displayName: 'Camille' }) });

    expect(screen.getByRole('heading', { level: 1, name: 'Mon profil' })).toBeTruthy();
    expect(screen.getByText('camille.m').tagName).toBe('STRONG');
    const name = screen.getByLabelText<HTMLInputElement>('Nom affiché');
    expect(name.value).toBe('Camille');
    const hint = document.getElementById(name.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toContain('Un pseudonyme suffit');
    expect(hint?.textContent).toContain('aucun nom réel ni adresse e-mail');
    expect(screen.getByLabelText<HTMLSelectElement>('Langue').value).toBe('fr');
  });

  it('refuses an empty display name, with the message linked to the field', async () => {
    const user = userEvent.setup();
    renderApp('/profil', { me: aMe() });

    const name = screen.getByLabelText('Nom affiché');
    await user.clear(name);
    await user.type(name, '   ');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    expect(await screen.findByText('Ce champ est obligatoire.')).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(name.getAttribute('aria-describedby')).toContain('profile-display-name-error');
  });
});
