import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from './i18n';
import { renderApp } from './test/render';

const FRENCH_NAV = ['Tableau de bord', 'Dossiers', 'Forum', 'Documents', 'Publications'];
const ENGLISH_NAV = ['Dashboard', 'Cases', 'Forum', 'Documents', 'Publications'];

function navLabels() {
  const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent);
}

describe('app shell', () => {
  it('renders in French by default, with the navigation and a skip link', async () => {
    renderApp('/');

    expect(document.documentElement.lang).toBe('fr');
    expect(navLabels()).toEqual(FRENCH_NAV);

    const skip = screen.getByRole('link', { name: 'Aller au contenu' });
    expect(skip.getAttribute('href')).toBe('#main');
    expect(screen.getByRole('main').id).toBe('main');
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('contentinfo')).toBeTruthy();

    const current = screen.getByRole('link', { name: 'Tableau de bord' });
    expect(current.getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Dossiers' }).getAttribute('aria-current')).toBeNull();

    expect(screen.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeTruthy();
    expect(await screen.findByText('Serveur en ligne · base PGlite intégrée')).toBeTruthy();
  });

  it('switches to English from the header, updating labels, <html lang> and storage', async () => {
    const user = userEvent.setup();
    renderApp('/dossiers');

    await user.click(screen.getByRole('button', { name: 'English' }));

    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(ENGLISH_NAV);
    expect(screen.getByRole('link', { name: 'Skip to content' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Cases' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');

    await user.click(screen.getByRole('button', { name: 'Français' }));
    await waitFor(() => expect(document.documentElement.lang).toBe('fr'));
    expect(screen.getByRole('heading', { level: 1, name: 'Dossiers' })).toBeTruthy();
  });

  it.each([
    ['/dossiers', 'Aucun dossier pour l’instant'],
    ['/forum', 'Aucune discussion pour l’instant'],
    ['/documents', 'Aucun document pour l’instant'],
    ['/publications', 'Aucune publication pour l’instant'],
  ])('shows an empty state on %s', (path, title) => {
    renderApp(path);
    expect(screen.getByRole('heading', { level: 2, name: title })).toBeTruthy();
    const link = screen.getAllByRole('link').find((l) => l.getAttribute('aria-current') === 'page');
    expect(link?.getAttribute('href')).toBe(path);
  });

  it('shows the 404 page for an unknown route, inside the shell', async () => {
    const user = userEvent.setup();
    renderApp('/nulle-part');

    expect(screen.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeTruthy();
    expect(screen.getByText(/\/nulle-part/)).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Navigation principale' })).toBeTruthy();

    await user.click(screen.getByRole('link', { name: 'Retour au tableau de bord' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeTruthy();
  });

  it('opens and closes the navigation menu with the toggle', async () => {
    const user = userEvent.setup();
    renderApp('/');
    const toggle = screen.getByRole('button', { name: 'Ouvrir le menu' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.getAttribute('aria-controls')).toBe('primary-nav');

    await user.click(toggle);
    expect(
      screen.getByRole('button', { name: 'Fermer le menu' }).getAttribute('aria-expanded'),
    ).toBe('true');

    await user.click(screen.getByRole('link', { name: 'Forum' }));
    expect(
      screen.getByRole('button', { name: 'Ouvrir le menu' }).getAttribute('aria-expanded'),
    ).toBe('false');
  });
});
