import { join } from 'node:path';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshots, type Server, startServer, watchedPage } from './support.js';

describe('the app shell in Chromium', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('greets visitors in French with live data from the server, and asks to sign in for the workspace', async () => {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'fr-FR',
    });
    const { page, watch } = await watchedPage(context, server.url);
    await page.goto(server.url);

    // Signed out, `/` is the landing page (signed in, the dashboard: see identity.test.ts).
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Documenter la Safe City, ville par ville');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    // The technologies come from GET /api/taxonomy, the status line from GET /api/health.
    await page.getByText('Reconnaissance faciale').first().waitFor();
    await page.getByText('Serveur en ligne · base PGlite intégrée').waitFor();
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'dashboard-fr.png'), fullPage: true });

    // A deep link into the workspace survives a reload and asks to sign in first.
    await page.goto(`${server.url}/dossiers`);
    await page.getByRole('heading', { name: 'Connexion nécessaire' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'cases-empty-fr.png') });
    await page.reload();
    await page.getByRole('heading', { name: 'Connexion nécessaire' }).waitFor();

    expect(watch.foreignRequests).toEqual([]);
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('switches to English, and shows a page for an unknown address', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'fr-FR',
    });
    const { page, watch } = await watchedPage(context, server.url);
    await page.goto(`${server.url}/une-page-qui-n-existe-pas`);
    await page.getByText('Page introuvable').first().waitFor();
    await page.screenshot({ path: join(screenshots, 'not-found-fr-mobile.png') });

    await page.goto(server.url);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Documenting the Safe City, one city at a time');
    await page.getByText('Facial recognition').first().waitFor();
    await page.screenshot({ path: join(screenshots, 'dashboard-en-mobile.png'), fullPage: true });

    // The choice is remembered.
    await page.reload();
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Documenting the Safe City, one city at a time');

    expect(watch.foreignRequests).toEqual([]);
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
