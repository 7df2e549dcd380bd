import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  api,
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
const CASE_TITLE = 'Marseille — vidéosurveillance algorithmique';
const THREAD_TITLE = 'Qui relance la mairie pour la demande CADA ?';

/** A rich-text body of one paragraph, as the API takes it. */
const doc = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

/** Every console error fails the test. */
function unexpected(_error: { text: string; url: string }): boolean {
  return true;
}

/** The bell of the app's header, whatever its count. */
const bell = (page: Page) => page.getByRole('button', { name: /^Notifications/ });

describe('discussions of a case, live between two members, in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let caseId: string;
  let groupId: string;

  beforeAll(async () => {
    server = await startServer({
      BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    });
    browser = await launchBrowser();

    const admin = await api(server, ADMIN.username, ADMIN.password);
    for (const person of [ALICE, BOB]) await admin('POST', '/api/admin/users', person);
    const alice = await api(server, ALICE.username, ALICE.password);
    const bob = await api(server, BOB.username, BOB.password);
    const group = await alice<{ id: string }>('POST', '/api/groups', {
      name: 'Technopolice Provence',
    });
    groupId = group.id;
    const invitation = await alice<{ token: string }>(
      'POST',
      `/api/groups/${group.id}/invitations`,
      { role: 'member' },
    );
    await bob('POST', `/api/invitations/${invitation.token}/accept`);
    const created = await alice<{ id: string }>('POST', `/api/groups/${group.id}/cases`, {
      title: CASE_TITLE,
      cityCode: '13055',
      technologies: ['algorithmic-video-surveillance'],
    });
    caseId = created.id;

    // An earlier thread of the case, and a forum with categories, so that lists look lived in.
    await bob('POST', `/api/cases/${caseId}/threads`, {
      title: 'Compte rendu du conseil municipal du 12 mars',
      body: doc(
        'La délibération sur les caméras est passée, 38 voix pour. Je mets le PV en ligne.',
      ),
    });
    const legal = await alice<{ id: string }>('POST', `/api/groups/${group.id}/forum/categories`, {
      name: 'Juridique',
      description: 'Recours, CADA, CNIL',
    });
    await alice('POST', `/api/groups/${group.id}/forum/categories`, { name: 'Organisation' });
    const forumThread = await alice<{ id: string }>(
      'POST',
      `/api/groups/${group.id}/forum/threads`,
      {
        title: 'Modèle de saisine de la CNIL',
        body: doc('Voici le modèle que nous avons utilisé à Nice, à adapter.'),
        categoryId: legal.id,
      },
    );
    await bob('POST', `/api/threads/${forumThread.id}/posts`, {
      body: doc('Merci ! Je l’adapte pour Marseille cette semaine.'),
    });
    await bob('POST', `/api/groups/${group.id}/forum/threads`, {
      title: 'Permanence du samedi : qui est disponible ?',
      body: doc('Il nous faut deux personnes au local samedi après-midi.'),
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a new thread, a mention, a notification and a reaction to the other without reload', async () => {
    const aliceContext = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'fr-FR',
    });
    const bobContext = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'fr-FR',
    });
    const { page: a, watch: aliceWatch } = await watchedPage(aliceContext, server.url);
    const { page: b, watch: bobWatch } = await watchedPage(bobContext, server.url);
    onTestFailed(async () => {
      await shot(a, 'discussions-failure-alice', true).catch(() => undefined);
      await shot(b, 'discussions-failure-bob', true).catch(() => undefined);
      console.log(a.url(), aliceWatch, b.url(), bobWatch);
    });
    // Console errors with where they come from, to tell the known ones apart (see `unexpected`).
    const errors: { text: string; url: string }[] = [];
    for (const page of [a, b])
      page.on('console', (message) => {
        if (message.type() === 'error')
          errors.push({ text: message.text(), url: message.location().url });
      });
    await signIn(a, server, ALICE);
    await signIn(b, server, BOB);

    const tab = `${server.url}/dossiers/${caseId}?onglet=discussions`;
    await a.goto(tab);
    await b.goto(tab);
    const threads = (page: Page) =>
      page.getByRole('list', { name: 'Fils de discussion du dossier' });
    await threads(a)
      .getByRole('link', { name: /Compte rendu du conseil/ })
      .waitFor();
    await threads(b)
      .getByRole('link', { name: /Compte rendu du conseil/ })
      .waitFor();
    // Each sees the other on the case, in the tab's header.
    await a.getByRole('tabpanel').getByRole('img', { name: /Bob/ }).waitFor();

    // Alice was told of Bob's answer in her forum thread already.
    await a.getByRole('button', { name: 'Notifications : 1 non lue' }).waitFor();

    // --- Alice starts a thread; Bob sees it appear in his list.
    await a.getByRole('button', { name: 'Nouveau fil' }).click();
    await a.getByRole('textbox', { name: 'Titre' }).fill(THREAD_TITLE);
    await a.getByRole('textbox', { name: 'Premier message' }).click();
    await a.keyboard.type('La mairie n’a pas répondu dans le délai d’un mois. On saisit la CADA ?');
    await a.getByRole('button', { name: 'Publier le fil' }).click();
    await a.getByRole('heading', { name: THREAD_TITLE }).waitFor();

    const bobRow = threads(b).getByRole('listitem').filter({ hasText: THREAD_TITLE });
    await bobRow.waitFor();
    expect(await bobRow.textContent()).toContain('Ouvert par Alice');
    await bobRow.getByLabel('1 message non lu').waitFor();
    await shot(b, 'discussions-list-fr');

    // --- Bob opens it and answers, mentioning Alice with the suggestion popup.
    await bobRow.getByRole('link', { name: THREAD_TITLE }).click();
    await b.getByText('On saisit la CADA ?').waitFor();
    const composer = b.getByRole('textbox', { name: `Répondre dans « ${THREAD_TITLE} »` });
    await composer.click();
    await b.keyboard.type('Oui, ');
    await b.keyboard.type('@Ali');
    const suggestion = b.getByRole('listbox').getByRole('option', { name: /Alice/ });
    await suggestion.waitFor();
    await shot(b, 'discussions-mention-popup-fr');
    await b.keyboard.press('Enter');
    await b.keyboard.type(' je prépare la saisine ce soir.');
    await b.keyboard.press('Control+Enter');
    await b.locator('.post').filter({ hasText: 'je prépare la saisine ce soir' }).waitFor();

    // --- Alice sees the post without reloading, and the bell counts it.
    const bobPost = a.locator('.post').filter({ hasText: 'je prépare la saisine ce soir' });
    await bobPost.waitFor();
    await bobPost.locator('.rt-mention').filter({ hasText: '@Alice' }).waitFor();
    await a.getByRole('button', { name: 'Notifications : 2 non lues' }).waitFor();
    await bell(a).click();
    const panel = a.getByRole('dialog', { name: 'Notifications' });
    await panel.getByText(`Bob vous a mentionné·e dans « ${THREAD_TITLE} »`).waitFor();
    await shot(a, 'discussions-notifications-fr');
    await a.keyboard.press('Escape');

    // --- Alice reacts; Bob sees the reaction.
    await bobPost.hover();
    await bobPost.getByRole('button', { name: 'Réagir' }).click();
    await bobPost.getByRole('button', { name: 'D’accord' }).click();
    await bobPost.getByRole('button', { name: /👍 : vous/ }).waitFor();
    await b
      .locator('.post')
      .filter({ hasText: 'je prépare la saisine ce soir' })
      .getByRole('button', { name: /👍 : Alice/ })
      .waitFor();
    await shot(b, 'discussions-thread-fr');

    // --- The forum: categories, threads, the same thread view.
    await a.goto(`${server.url}/forum?groupe=${groupId}`);
    await a.getByRole('link', { name: 'Modèle de saisine de la CNIL' }).waitFor();
    await a
      .getByRole('navigation', { name: 'Catégories du forum' })
      .getByText('Juridique')
      .waitFor();
    await shot(a, 'forum-fr');
    await a.getByRole('link', { name: 'Modèle de saisine de la CNIL' }).click();
    await a.getByText('Je l’adapte pour Marseille').waitFor();
    await shot(a, 'forum-thread-fr');

    expect(aliceWatch.foreignRequests).toEqual([]);
    expect(bobWatch.foreignRequests).toEqual([]);
    expect(errors.filter(unexpected)).toEqual([]);
    await aliceContext.close();
    await bobContext.close();
  });
});
