import { type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  api,
  expectClean,
  launchBrowser,
  shot,
  type Server,
  signIn,
  startServer,
  watchedPage,
} from './support.js';

const ADMIN = { username: 'admin', password: 'admin-password-42' };
const ALICE = { username: 'alice', password: 'alice-password-42', displayName: 'Alice' };
const BOB = { username: 'bob', password: 'bob-password-4242', displayName: 'Bob' };
const TITLE = 'Marseille — vidéosurveillance algorithmique (Thales)';

const column = (page: Page, stage: string) => page.locator(`[data-stage="${stage}"]`);
const card = (scope: Page | Locator, title: string) =>
  scope.locator('[data-case-id]').filter({ hasText: title });

/** Drags with the mouse in small steps, as a hand does (dnd-kit needs real pointer moves). */
async function drag(page: Page, from: Locator, to: Locator) {
  const start = (await from.boundingBox())!;
  const end = (await to.boundingBox())!;
  await page.mouse.move(start.x + start.width / 2, start.y + 20);
  await page.mouse.down();
  await page.mouse.move(start.x + start.width / 2 + 10, start.y + 30, { steps: 5 });
  await page.mouse.move(end.x + end.width / 2, end.y + 80, { steps: 20 });
  await page.waitForTimeout(150);
  await page.mouse.up();
}

describe('cases on the board, live, in Chromium', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({
      BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    });
    browser = await launchBrowser();

    // Two members of one group, made through the API as an instance admin would.
    const admin = await api(server, ADMIN.username, ADMIN.password);
    for (const person of [ALICE, BOB]) await admin('POST', '/api/admin/users', person);
    const alice = await api(server, ALICE.username, ALICE.password);
    const bob = await api(server, BOB.username, BOB.password);
    const group = await alice<{ id: string }>('POST', '/api/groups', {
      name: 'Technopolice Provence',
    });
    const invitation = await alice<{ token: string }>(
      'POST',
      `/api/groups/${group.id}/invitations`,
      { role: 'member' },
    );
    await bob('POST', `/api/invitations/${invitation.token}/accept`);

    // Cases the group already follows, so the board, list and map have something to show.
    const seeds: [string, string, string[], string, string?][] = [
      [
        'Nice — reconnaissance faciale au carnaval',
        '06088',
        ['facial-recognition'],
        'experiment',
        'investigating',
      ],
      ['Toulouse — police prédictive', '31555', ['predictive-policing'], 'announced'],
      ['Saint-Étienne — micros dans la rue', '42218', ['sound-sensors'], 'abandoned', 'drafting'],
      [
        'Valenciennes — caméras Huawei',
        '59606',
        ['algorithmic-video-surveillance'],
        'deployed',
        'investigating',
      ],
      ['Strasbourg — drones de la police municipale', '67482', ['drones'], 'experiment'],
      [
        'Paris — hypervision des JO',
        '75056',
        ['data-interconnection', 'algorithmic-video-surveillance'],
        'deployed',
        'drafting',
      ],
      ['Aix-en-Provence — caméras thermiques', '13001', ['thermal-cameras'], 'announced'],
      [
        'Aubagne — VSA au centre-ville',
        '13005',
        ['algorithmic-video-surveillance'],
        'contested',
        'investigating',
      ],
    ];
    for (const [title, cityCode, technologies, projectStatus, stage] of seeds) {
      const created = await alice<{ id: string }>('POST', `/api/groups/${group.id}/cases`, {
        title,
        cityCode,
        technologies,
        projectStatus,
        stage,
        tags: ['manifeste'],
      });
      if (title.startsWith('Valenciennes'))
        await alice('POST', `/api/cases/${created.id}/tasks`, {
          title: 'Demande CADA à la mairie',
          assigneeId: undefined,
        });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a case from the board, drags it to another column, and another member sees it live', async () => {
    const aliceContext = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'fr-FR',
    });
    const bobContext = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      locale: 'fr-FR',
    });
    const { page: alice, watch: aliceWatch } = await watchedPage(aliceContext, server.url);
    const { page: bob, watch: bobWatch } = await watchedPage(bobContext, server.url);
    onTestFailed(async () => {
      await shot(alice, 'cases-failure-alice', true).catch(() => undefined);
      await shot(bob, 'cases-failure-bob', true).catch(() => undefined);
      console.log('alice', alice.url(), aliceWatch, 'bob', bob.url(), bobWatch);
    });

    await signIn(alice, server, ALICE);
    await signIn(bob, server, BOB);
    await card(column(alice, 'open'), 'Toulouse').waitFor();
    await card(column(bob, 'open'), 'Toulouse').waitFor();

    // --- Alice opens a case from the board: city by name, one technology.
    await alice.getByRole('button', { name: 'Nouveau dossier' }).first().click();
    const dialog = alice.getByRole('dialog', { name: 'Nouveau dossier' });
    await dialog.getByLabel('Titre').fill(TITLE);
    await dialog.getByRole('combobox', { name: 'Commune' }).fill('marseil');
    await dialog
      .getByRole('option', { name: /Marseille.*13/ })
      .first()
      .click();
    await dialog.getByLabel('Vidéosurveillance algorithmique').check();
    await shot(alice, 'cases-create-fr');
    await dialog.getByRole('button', { name: 'Créer le dossier' }).click();

    // The case page opens; back on the board it sits in "Ouvert", and Bob sees it arrive.
    await alice.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await alice.goto(`${server.url}/dossiers`);
    await card(column(alice, 'open'), TITLE).waitFor();
    await card(column(bob, 'open'), TITLE).waitFor();

    // --- Alice drags it to "En enquête"; Bob's board moves it without reloading.
    await drag(alice, card(alice, TITLE), column(alice, 'investigating'));
    await card(column(alice, 'investigating'), TITLE).waitFor();
    await card(column(bob, 'investigating'), TITLE).waitFor();
    expect(await card(column(bob, 'open'), TITLE).count()).toBe(0);
    await shot(bob, 'cases-board-live-fr');

    // The same from the keyboard: Space picks the card up, an arrow changes column, Space drops.
    const strasbourg = 'Strasbourg — drones de la police municipale';
    await card(column(alice, 'open'), strasbourg).getByRole('link').first().focus();
    for (const key of ['Space', 'ArrowRight', 'Space']) {
      await alice.keyboard.press(key);
      // A person's keystrokes are far apart; dnd-kit measures between them.
      await alice.waitForTimeout(250);
    }
    await card(column(alice, 'investigating'), strasbourg).waitFor();
    await card(column(bob, 'investigating'), strasbourg).waitFor();

    // After a reload the moves are still there: they were saved, not only drawn.
    await alice.reload();
    await card(column(alice, 'investigating'), TITLE).waitFor();
    await card(column(alice, 'investigating'), strasbourg).waitFor();
    expect(await card(column(alice, 'open'), TITLE).count()).toBe(0);
    await shot(alice, 'cases-board-fr');

    // --- The list, sorted, and the map of France drawn from bundled geometry.
    const views = alice.getByRole('group', { name: 'Affichage' });
    await views.getByRole('button', { name: 'Liste' }).click();
    await alice.getByRole('table').waitFor();
    await alice
      .getByRole('table')
      .getByText('Strasbourg — drones de la police municipale')
      .waitFor();
    await shot(alice, 'cases-list-fr');
    await views.getByRole('button', { name: 'Carte' }).click();
    await alice.locator('.case-map__department').first().waitFor();
    // One marker per case, or a cluster where cities are close (Aix, Aubagne, Marseille).
    await alice.locator('.case-map__marker, .case-map__cluster').first().waitFor();
    await shot(alice, 'cases-map-fr', true);

    // --- The case page: facts, tasks, and the activity feed from the event log.
    await alice.goto(`${server.url}/dossiers`);
    await card(alice, TITLE).click();
    await alice.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await alice.getByText('Bouches-du-Rhône').first().waitFor();
    // Bob opens it too: each sees the other among its viewers.
    await bob.goto(alice.url());
    await bob.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await alice.getByRole('img', { name: 'Bob consulte aussi ce dossier' }).waitFor();
    await bob.getByRole('img', { name: 'Alice consulte aussi ce dossier' }).waitFor();
    await alice
      .getByText(/a déplacé le dossier/)
      .first()
      .waitFor();
    await shot(alice, 'cases-page-fr', true);

    // --- The same pages in English, for a member who reads English.
    await bob
      .getByRole('group', { name: 'Langue de l’interface' })
      .getByRole('button', { name: 'English' })
      .click();
    await bob.getByRole('heading', { name: 'Activity' }).waitFor();
    await shot(bob, 'cases-page-en', true);
    await bob.goto(`${server.url}/dossiers`);
    await card(column(bob, 'investigating'), TITLE).waitFor();
    await bob.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Board' }).waitFor();
    await shot(bob, 'cases-board-en');
    await bob.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Map' }).click();
    await bob.locator('.case-map__department').first().waitFor();
    await shot(bob, 'cases-map-en', true);

    expectClean(aliceWatch);
    expectClean(bobWatch);
  });
});
