import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from './i18n';
import { aMe, renderApp } from './test/render';

const FRENCH_NAV = ['Tableau de bord', 'Groupes', 'Dossiers', 'Forum', 'Documents', 'Publications'];
const ENGLISH_NAV = ['Dashboard', 'Groups', 'Cases', 'Forum', 'Documents', 'Publications'];

const me = aMe();

function navLabels() {
  const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent);
}

describe('app shell, signed in', () => {
  it('renders in French by default, with the navigation and a skip link', async () => {
    renderApp('/', { me });

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
    renderApp('/dossiers', { me });

    await user.click(screen.getByRole('button', { name: 'EN, English' }));

    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(ENGLISH_NAV);
    expect(screen.getByRole('link', { name: 'Skip to content' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Cases' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'EN, English' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');

    await user.click(screen.getByRole('button', { name: 'FR, Français' }));
    await waitFor(() => expect(document.documentElement.lang).toBe('fr'));
    expect(screen.getByRole('heading', { level: 1, name: 'Dossiers' })).toBeTruthy();
  });

  it.each([
    ['/dossiers', 'Aucun dossier pour l’instant'],
    ['/forum', 'Aucune discussion pour l’instant'],
    ['/documents', 'Aucun document pour l’instant'],
    ['/publications', 'Aucune publication pour l’instant'],
  ])('shows an empty state on %s', (path, title) => {
    renderApp(path, { me });
    expect(screen.getByRole('heading', { level: 2, name: title })).toBeTruthy();
    const link = screen.getAllByRole('link').find((l) => l.getAttribute('aria-current') === 'page');
    expect(link?.getAttribute('href')).toBe(path);
  });

  it('shows the 404 page for an unknown route, inside the shell', async () => {
    const user = userEvent.setup();
    renderApp('/nulle-part', { me });

    expect(screen.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeTruthy();
    expect(screen.getByText(/\/nulle-part/)).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Navigation principale' })).toBeTruthy();

    await user.click(screen.getByRole('link', { name: 'Retour au tableau de bord' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeTruthy();
  });

  it('opens and closes the navigation menu with the toggle', async () => {
    const user = userEvent.setup();
    renderApp('/', { me });
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

describe('signed out', () => {
  it('shows the landing page at / with a prominent sign-in and the invitation rule', async () => {
    const user = userEvent.setup();
    const { auth } = renderApp('/');

    expect(
      screen.getByRole('heading', { level: 1, name: 'Documenter la Safe City, ville par ville' }),
    ).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Navigation principale' })).toBeNull();
    expect(screen.getByText(/Les comptes se créent sur invitation d’un groupe/)).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Technologies suivies' })).toBeTruthy();
    // Registration is through invitations only: no "Créer un compte" on the landing page.
    expect(screen.queryByRole('button', { name: 'Créer un compte' })).toBeNull();

    const buttons = screen.getAllByRole('button', { name: 'Se connecter' });
    expect(buttons).toHaveLength(1);
    await user.click(buttons[0]!);
    expect(auth.calls.login).toEqual([{ redirectUri: `${window.location.origin}/` }]);
  });

  it('asks to sign in on workspace pages, with the sign-in button in the header too', async () => {
    const user = userEvent.setup();
    const { auth } = renderApp('/groupes');

    expect(screen.getByRole('heading', { level: 1, name: 'Connexion nécessaire' })).toBeTruthy();
    const buttons = screen.getAllByRole('button', { name: 'Se connecter' });
    expect(buttons).toHaveLength(2);
    await user.click(buttons[1]!);
    expect(auth.calls.login).toEqual([undefined]);
  });

  it('shows nothing of the workspace while the session is being checked', () => {
    renderApp('/', { status: 'loading' });
    expect(screen.getByRole('status').textContent).toBe('Connexion sécurisée…');
    expect(screen.queryByRole('main')).toBeNull();
  });
});

describe('the account menu', () => {
  it('names the person and opens a keyboard-usable menu', async () => {
    const user = userEvent.setup();
    const { auth } = renderApp('/', { me: aMe({ displayName: 'Renard' }) });

    const button = screen.getByRole('button', { name: 'Connecté·e Renard, menu du compte' });
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');

    button.focus();
    await user.keyboard('{Enter}');
    const menu = screen.getByRole('menu', { name: 'Menu du compte' });
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual(['Mon profil', 'Se déconnecter']);
    expect(document.activeElement).toBe(items[0]);

    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(items[1]);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(items[0]);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);

    await user.click(button);
    await user.click(screen.getByRole('menuitem', { name: 'Se déconnecter' }));
    expect(auth.calls.logout).toBe(1);
  });

  it('offers the administration to instance admins only, and leads to the profile', async () => {
    const user = userEvent.setup();
    renderApp('/', { me: aMe({ isInstanceAdmin: true }) });

    await user.click(screen.getByRole('button', { name: 'Connecté·e Camille, menu du compte' }));
    expect(screen.getByRole('menuitem', { name: 'Administration' }).getAttribute('href')).toBe(
      '/admin',
    );
    await user.click(screen.getByRole('menuitem', { name: 'Mon profil' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Mon profil' })).toBeTruthy();
    expect(screen.queryByRole('menu')).toBeNull();
  });
});
