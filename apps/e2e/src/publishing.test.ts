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
const DOCUMENT_TITLE = 'Délibération du conseil municipal du 12 mars';
const ALICE_TEXT = 'La ville a voté 1,2 million d’euros pour 50 caméras « intelligentes ».';
const BOB_TEXT = 'Le marché a été attribué à Thales sans appel d’offres public.';

/** A small valid PDF of one page, as a council deliberation would be. */
function makePdf(lines: string[]): Buffer {
  const content = `BT /F1 13 Tf 18 TL 64 780 Td\n${lines.map((line) => `(${line}) '`).join('\n')}\nET`;
  const objects = [
    '',
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id += 1) {
    offsets[id] = Buffer.byteLength(body, 'latin1');
    body += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id += 1)
    body += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Attaches a PDF to a case as a script would: a token, then a multipart upload. */
async function uploadPdf(server: Server, caseId: string, title: string) {
  const token = await fetch(`${server.url}/realms/technopolice/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'technopolice-cli',
      username: ALICE.username,
      password: ALICE.password,
    }),
  }).then(async (res) => ((await res.json()) as { access_token: string }).access_token);
  const form = new FormData();
  const pdf = makePdf(['Deliberation 23/118', 'Videoprotection intelligente']);
  form.set(
    'file',
    new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }),
    'deliberation.pdf',
  );
  form.set('title', title);
  form.set('kind', 'deliberation');
  const answer = await fetch(`${server.url}/api/cases/${caseId}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const json = (await answer.json()) as { id: string };
  if (!answer.ok) throw new Error(`upload: ${answer.status} ${JSON.stringify(json)}`);
  return json.id;
}

/** The summary's editor of a page. */
const editorOf = (page: Page, language = 'Synthèse en français') =>
  page.getByRole('textbox', { name: language });

/** The side panel of the summary tab. */
const panelOf = (page: Page, name = 'Relecture et publication') =>
  page.getByRole('complementary', { name });

/** Someone else's caret in a page's editor, with their name. */
const caretOf = (page: Page, name: string) =>
  page.locator('.collab-caret').filter({ hasText: name });

describe('co-editing, review and publication of a summary, in Chromium', () => {
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
      technologies: ['algorithmic-video-surveillance', 'drones'],
      description: 'Caméras « intelligentes » sur le Vieux-Port et la Canebière.',
      stage: 'drafting',
    });
    caseId = created.id;
    await uploadPdf(server, caseId, DOCUMENT_TITLE);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('two members co-edit with live carets, a review is approved, and the public page needs no script', async () => {
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
      await shot(a, 'summary-failure-alice', true).catch(() => undefined);
      await shot(b, 'summary-failure-bob', true).catch(() => undefined);
      console.log(a.url(), aliceWatch, b.url(), bobWatch);
    });
    // Console errors with where they come from, to tell the known ones apart.
    const errors: { text: string; url: string }[] = [];
    for (const page of [a, b])
      page.on('console', (message) => {
        if (message.type() === 'error')
          errors.push({ text: message.text(), url: message.location().url });
      });
    await signIn(a, server, ALICE);
    await signIn(b, server, BOB);

    // --- Both open the summary; each sees the other arrive.
    const tab = `${server.url}/dossiers/${caseId}?onglet=synthese`;
    await a.goto(tab);
    await b.goto(tab);
    await editorOf(a).waitFor();
    await editorOf(b).waitFor();
    await a.getByRole('status').filter({ hasText: 'Enregistré' }).waitFor();
    await b.getByRole('status').filter({ hasText: 'Enregistré' }).waitFor();
    const presence = (page: Page) => page.getByRole('list', { name: 'Dans la synthèse' });
    await presence(a).getByText('Bob').waitFor();
    await presence(b).getByText('Alice').waitFor();

    // --- Alice starts from the template; Bob sees its sections arrive.
    await a.getByRole('button', { name: 'Insérer le modèle' }).click();
    await editorOf(b).getByRole('heading', { name: 'Le projet' }).waitFor();
    await editorOf(b).getByRole('heading', { name: 'Ce que nous demandons' }).waitFor();
    await b.getByRole('button', { name: 'Insérer le modèle' }).waitFor({ state: 'detached' });

    // --- Each writes under a heading; each sees the other's words and caret.
    // Each replaces a section's hint (in italics) with plain text.
    await editorOf(a).getByText('Ce que la ville a annoncé').click({ clickCount: 3 });
    await a.keyboard.press('Control+I');
    await a.keyboard.type(ALICE_TEXT);
    await editorOf(b).getByText(ALICE_TEXT).waitFor();
    await editorOf(b).getByText('Ce que la ville a annoncé').waitFor({ state: 'detached' });
    await caretOf(b, 'Alice').waitFor();

    await editorOf(b).getByText('Fournisseurs, prestataires').click({ clickCount: 3 });
    await b.keyboard.press('Control+I');
    await b.keyboard.type(BOB_TEXT);
    await editorOf(a).getByText(BOB_TEXT).waitFor();
    await caretOf(a, 'Bob').waitFor();
    await caretOf(b, 'Alice').waitFor();
    // Bob wrote last: once saved, the status says so.
    await a.getByText('dernière modification par Bob').waitFor({ timeout: 20_000 });
    await shot(a, 'summary-editor-fr');

    // --- Alice asks for a review: Bob (a member who did not ask) now reads and comments.
    await panelOf(a).getByRole('button', { name: 'Demander une relecture' }).click();
    await panelOf(a)
      .getByRole('textbox', { name: /Un mot pour les relecteur·ices/ })
      .fill('Vérifiez surtout le montant et le fournisseur.');
    await panelOf(a).getByRole('button', { name: 'Envoyer la demande' }).click();
    await panelOf(a).getByText('Relecture demandée par Alice').waitFor();
    await panelOf(b).getByText('Relecture demandée par Alice').waitFor();
    await b.getByText('Lecture seule').waitFor();
    await expect
      .poll(() => editorOf(b).getAttribute('contenteditable'), { timeout: 15_000 })
      .toBe('false');

    // Bob comments on a passage he selects.
    await editorOf(b).getByText(BOB_TEXT).click({ clickCount: 3 });
    await b.getByRole('button', { name: 'Commenter la sélection' }).click();
    await panelOf(b)
      .getByRole('textbox', { name: 'Votre commentaire' })
      .fill('Source : le BOAMP ?');
    await panelOf(b).getByRole('button', { name: 'Commenter', exact: true }).click();
    const comment = panelOf(a).getByRole('list', { name: 'Commentaires de la relecture' });
    await comment.getByText('Source : le BOAMP ?').waitFor();
    await comment.getByText(BOB_TEXT).waitFor();
    await shot(b, 'summary-readonly-fr');

    // --- Alice (admin, not the last editor) approves: the rule is met.
    await panelOf(a).getByRole('button', { name: 'Approuver la synthèse' }).click();
    await panelOf(a).getByText('La règle est remplie : la synthèse peut être publiée.').waitFor();
    await panelOf(b)
      .getByRole('list', { name: 'Personnes qui ont approuvé' })
      .getByText('Alice')
      .waitFor();
    await shot(a, 'summary-review-fr', true);

    // --- Alice publishes with the deliberation.
    await panelOf(a).getByRole('button', { name: 'Publier la synthèse' }).click();
    const dialog = a.getByRole('dialog', { name: 'Publier la synthèse' });
    await dialog.getByText('Tout ceci devient public').waitFor();
    await dialog.getByRole('checkbox', { name: new RegExp(DOCUMENT_TITLE) }).check();
    await shot(a, 'summary-publish-dialog-fr');
    await dialog.getByRole('button', { name: 'Publier', exact: true }).click();
    await panelOf(a).getByText('Publiée : révision 1').waitFor();
    await panelOf(a).getByText('En ligne · révision 1').waitFor();
    const publicUrl = await panelOf(a)
      .getByRole('link', { name: 'Voir la page publique' })
      .first()
      .getAttribute('href');
    expect(publicUrl).toMatch(/\/p\/technopolice-provence\/[^/]+$/);
    await panelOf(b).getByText('En ligne · révision 1').waitFor();

    // --- The group's publication rule, as admins set it.
    await a.goto(`${server.url}/groupes/${groupId}/parametres`);
    const rule = a.getByRole('region', { name: 'Règle de publication' });
    await rule.getByText('Pour publier : 1 coordinateur·ice ou 2 membres').waitFor();
    await rule.scrollIntoViewIfNeeded();
    await shot(a, 'group-publication-rule-fr');

    // --- The Publications page lists it.
    await a.goto(`${server.url}/publications`);
    await a.getByRole('list', { name: 'Synthèses publiées' }).getByText(CASE_TITLE).waitFor();
    await shot(a, 'publications-fr');

    // --- The editor in English: the interface and the English summary, from its template.
    await a.goto(tab);
    // Once the profile is read (it carries the language), switch to English.
    await editorOf(a).waitFor();
    await a.getByRole('status').filter({ hasText: 'Enregistré' }).waitFor();
    await a.locator('.lang-switch__button[lang="en"]').click();
    await a.getByRole('tab', { name: 'English (optional)' }).click();
    await editorOf(a, 'Summary in English').waitFor();
    await a.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await a.getByRole('button', { name: 'Insert the template' }).click();
    await editorOf(a, 'Summary in English').getByRole('heading', { name: 'The project' }).waitFor();
    await shot(a, 'summary-editor-en');

    expect(aliceWatch.foreignRequests).toEqual([]);
    expect(bobWatch.foreignRequests).toEqual([]);
    expect(errors).toEqual([]);
    await aliceContext.close();
    await bobContext.close();

    // --- Someone signed out, without JavaScript, reads the public page.
    const visitorContext = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'fr-FR',
      javaScriptEnabled: false,
    });
    const { page: visitor, watch: visitorWatch } = await watchedPage(visitorContext, server.url);
    const answer = await visitor.goto(new URL(publicUrl ?? '', server.url).toString());
    expect(answer?.status()).toBe(200);
    await visitor.getByRole('heading', { level: 1, name: CASE_TITLE }).waitFor();
    await visitor.getByText(ALICE_TEXT).waitFor();
    await visitor.getByText(BOB_TEXT).waitFor();
    await visitor.getByText(DOCUMENT_TITLE).first().waitFor();
    await shot(visitor, 'public-page-fr', true);
    expect(visitorWatch.foreignRequests).toEqual([]);
    expect(visitorWatch.errors).toEqual([]);
    await visitorContext.close();
  }, 240_000);
});
