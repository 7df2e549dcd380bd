import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  expectClean,
  launchBrowser,
  shot,
  type Server,
  startServer,
  watchedPage,
} from './support.js';

const ADMIN = { username: 'admin', password: 'admin-password-42' };
const GUEST = {
  username: 'renard',
  displayName: 'Renard',
  password: 'des renards dans la ville',
};
const GROUP = 'Technopolice Marseille';

describe('accounts, groups and invitations in Chromium', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({
      BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in, creates a group, invites someone who registers and joins it', async () => {
    // --- The administrator signs in through the built-in issuer (code flow with PKCE).
    const adminContext = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'fr-FR',
    });
    const { page: admin, watch: adminWatch } = await watchedPage(adminContext, server.url);
    onTestFailed(async () => {
      await shot(admin, 'identity-failure-admin', true).catch(() => undefined);
      console.log('admin', admin.url(), adminWatch);
    });
    await admin.goto(server.url);
    await admin
      .getByRole('heading', { level: 1, name: 'Documenter la Safe City, ville par ville' })
      .waitFor();
    await admin.getByText('Reconnaissance faciale').first().waitFor();
    await shot(admin, 'identity-landing-fr', true);

    await admin.getByRole('button', { name: 'Se connecter' }).click();
    await admin.locator('input[name="username"]').waitFor();
    expect(new URL(admin.url()).pathname).toMatch(/^\/realms\/technopolice\//);
    await shot(admin, 'identity-login-fr');
    await admin.locator('input[name="username"]').fill(ADMIN.username);
    await admin.locator('input[name="password"]').fill(ADMIN.password);
    await admin.getByRole('button', { name: 'Se connecter' }).click();

    const adminMenu = admin.getByRole('button', { name: /, menu du compte$/ });
    await adminMenu.waitFor();
    expect(new URL(admin.url()).pathname).toBe('/');
    await admin.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    await admin.getByRole('heading', { name: 'Vous ne faites partie d’aucun groupe' }).waitFor();
    await shot(admin, 'identity-dashboard-fr');

    // --- Creates a group.
    await admin
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Groupes' })
      .click();
    await admin.getByRole('heading', { level: 1, name: 'Groupes' }).waitFor();
    // The shared schema's rule, before anything is sent.
    await admin.getByRole('button', { name: 'Créer un groupe' }).click();
    await admin.getByText('Au moins 2 caractères.').waitFor();
    await admin.getByLabel('Nom du groupe').fill(GROUP);
    await admin
      .getByLabel('Description')
      .fill('Vidéosurveillance algorithmique, drones et hypervision à Marseille.');
    await admin.getByRole('button', { name: 'Créer un groupe' }).click();
    await admin.getByRole('heading', { level: 1, name: GROUP, exact: true }).waitFor();
    const groupPath = new URL(admin.url()).pathname;
    expect(groupPath).toMatch(/^\/groupes\/[0-9a-f-]{36}$/);

    await admin.getByRole('link', { name: 'Groupes', exact: true }).click();
    await admin.getByRole('link', { name: new RegExp(GROUP) }).waitFor();
    await shot(admin, 'identity-groups-fr');
    await admin.getByRole('link', { name: new RegExp(GROUP) }).click();
    await admin.getByRole('heading', { level: 1, name: GROUP, exact: true }).waitFor();

    // --- Creates a single-use invitation for a member and reads its link (shown once).
    await admin.getByRole('link', { name: 'Invitations' }).click();
    await admin.getByRole('heading', { name: 'Inviter quelqu’un' }).waitFor();
    await admin.getByLabel('Rôle dans le groupe').selectOption('member');
    await admin.getByLabel('Usage unique').check();
    await admin.getByRole('button', { name: 'Créer le lien' }).click();
    const linkInput = admin.getByRole('textbox', { name: 'Lien d’invitation', exact: true });
    await linkInput.waitFor();
    const link = await linkInput.inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/invitations/[^/]+$`));
    await shot(admin, 'identity-invitation-created-fr');
    await admin.getByRole('button', { name: 'J’ai copié le lien' }).click();
    await admin.getByText('Active', { exact: true }).waitFor();
    await shot(admin, 'identity-invitations-fr', true);

    // --- Someone else opens the link, creates an account, comes back and joins.
    const guestContext = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      locale: 'fr-FR',
    });
    const { page: guest, watch: guestWatch } = await watchedPage(guestContext, server.url);
    onTestFailed(async () => {
      await shot(guest, 'identity-failure-guest', true).catch(() => undefined);
      console.log('guest', guest.url(), guestWatch);
    });
    await guest.goto(link);
    const invitationHeading = guest.getByRole('heading', { level: 1 });
    await expect
      .poll(() => invitationHeading.textContent())
      .toBe(`Vous êtes invité·e à rejoindre ${GROUP} en tant que membre`);
    await shot(guest, 'identity-invitation-landing-fr');

    await guest.getByRole('button', { name: 'Créer un compte' }).click();
    await guest.locator('input[name="passwordConfirm"]').waitFor();
    await shot(guest, 'identity-register-fr');
    await guest.locator('input[name="username"]').fill(GUEST.username);
    await guest.locator('input[name="displayName"]').fill(GUEST.displayName);
    await guest.locator('input[name="password"]').fill(GUEST.password);
    await guest.locator('input[name="passwordConfirm"]').fill(GUEST.password);
    await guest.getByRole('button', { name: 'Créer mon compte' }).click();

    const join = guest.getByRole('button', { name: 'Rejoindre le groupe' });
    await join.waitFor();
    expect(new URL(guest.url()).pathname).toBe(new URL(link).pathname);
    await guest.getByRole('button', { name: 'Renard, menu du compte' }).waitFor();
    await shot(guest, 'identity-invitation-signed-in-fr');
    await join.click();

    await guest.getByRole('heading', { level: 1, name: GROUP, exact: true }).waitFor();
    expect(new URL(guest.url()).pathname).toBe(groupPath);
    const guestMembers = guest.locator('.member-list');
    await guestMembers.getByText(GUEST.displayName, { exact: true }).waitFor();
    expect(await guestMembers.locator('.member-row').count()).toBe(2);
    // A member sees the roles but cannot change them, and sees no admin sections.
    expect(await guest.getByRole('combobox').count()).toBe(0);
    expect(await guest.getByRole('link', { name: 'Journal' }).count()).toBe(0);
    await shot(guest, 'identity-group-member-view-fr');

    // --- The administrator reloads the members and sees the newcomer.
    await admin.getByRole('link', { name: 'Membres' }).click();
    await admin.reload();
    const adminMembers = admin.locator('.member-list');
    await adminMembers.getByText(GUEST.displayName, { exact: true }).waitFor();
    expect(await adminMembers.locator('.member-row').count()).toBe(2);
    await admin.getByRole('combobox', { name: 'Rôle de Renard' }).waitFor();
    await shot(admin, 'identity-group-members-fr');

    // The only administrator may not leave: the group would have none.
    await admin.getByRole('button', { name: 'Quitter le groupe' }).click();
    const leave = admin.getByRole('alertdialog', { name: `Quitter « ${GROUP} » ?` });
    await leave.getByRole('button', { name: 'Quitter le groupe' }).click();
    await leave.getByText('Le groupe doit garder au moins un·e administrateur·ice').waitFor();
    await shot(admin, 'identity-last-admin-fr');
    // Chromium logs every error answer; this 409 is the one expected, nothing else.
    expect(adminWatch.errors).toEqual([
      'Failed to load resource: the server responded with a status of 409 (Conflict)',
    ]);
    adminWatch.errors.length = 0;
    await leave.getByRole('button', { name: 'Annuler' }).click();

    await admin.getByRole('link', { name: 'Journal' }).click();
    await admin.getByText('Arrivée dans le groupe').waitFor();
    await shot(admin, 'identity-group-journal-fr', true);

    // --- Profile: the pseudonym and the language.
    await adminMenu.click();
    await admin.getByRole('menuitem', { name: 'Mon profil' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Mon profil' }).waitFor();
    await shot(admin, 'identity-profile-fr');

    // --- The instance administration, then signing out (at the issuer too).
    await adminMenu.click();
    await admin.getByRole('menuitem', { name: 'Administration' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    expect(
      await admin.getByRole('switch', { name: 'Inscription ouverte à tous' }).isChecked(),
    ).toBe(false);
    await admin.getByText('Compte créé').first().waitFor();
    await shot(admin, 'identity-admin-fr', true);

    await adminMenu.click();
    // keycloak-js sends the id token as hint: the issuer signs out without asking again.
    await admin.getByRole('menuitem', { name: 'Se déconnecter' }).click();
    await admin
      .getByRole('heading', { level: 1, name: 'Documenter la Safe City, ville par ville' })
      .waitFor();
    expect(new URL(admin.url()).pathname).toBe('/');
    // Signed out for real: the landing page offers to sign in, and stays signed out.
    await admin.getByRole('button', { name: 'Se connecter' }).first().waitFor();
    await admin.reload();
    await admin.getByRole('button', { name: 'Se connecter' }).first().waitFor();
    await shot(admin, 'identity-signed-out-fr');

    expectClean(adminWatch);
    expectClean(guestWatch);
    await guestContext.close();
    await adminContext.close();
  }, 180_000);

  it('works on a phone: the menu holds the sections and the account', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'fr-FR',
    });
    const { page, watch } = await watchedPage(context, server.url);
    await page.goto(server.url);
    await page
      .getByRole('heading', { level: 1, name: 'Documenter la Safe City, ville par ville' })
      .waitFor();
    await shot(page, 'identity-landing-fr-mobile', true);

    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.locator('input[name="username"]').fill(ADMIN.username);
    await page.locator('input[name="password"]').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();

    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    const account = page.getByRole('button', { name: /, menu du compte$/ });
    await account.click();
    await page.getByRole('menuitem', { name: 'Administration' }).waitFor();
    await shot(page, 'identity-menu-fr-mobile');
    await page.getByRole('menuitem', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await page.getByRole('switch', { name: 'Inscription ouverte à tous' }).waitFor();
    await shot(page, 'identity-admin-fr-mobile', true);

    expectClean(watch);
    await context.close();
  }, 120_000);
});
