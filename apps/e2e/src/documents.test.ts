import { type Browser, type Route } from 'playwright-core';
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
const CASE_TITLE = 'Marseille — vidéosurveillance algorithmique';

/**
 * A small valid PDF written by hand: one page per entry, Helvetica in WinAnsi (so that French
 * accents are real characters of the text layer). `padding` spaces in the last page's content
 * make it as large as wanted without changing what it shows.
 */
function makePdf(pages: string[][], padding = 0): Buffer {
  const escape = (text: string) => text.replace(/[\\()]/g, (char) => `\\${char}`);
  const objects: string[] = [];
  const pageIds = pages.map((_, index) => 4 + index * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  pages.forEach((lines, index) => {
    const id = pageIds[index] as number;
    const text = lines.map((line) => `(${escape(line)}) '`).join('\n');
    const pad = index === pages.length - 1 ? ' '.repeat(padding) : '';
    const content = `BT /F1 13 Tf 18 TL 64 780 Td\n${text}\nET${pad}`;
    objects[id] =
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ' +
      `/Resources << /Font << /F1 3 0 R >> >> /Contents ${id + 1} 0 R >>`;
    objects[id + 1] =
      `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
  });
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

const ANSWER_PAGES = [
  [
    'Mairie de Marseille - Direction de la tranquillité publique',
    'Objet : votre demande de communication de documents administratifs',
    'Madame, Monsieur, vous trouverez ci-joint les pièces demandées.',
  ],
  [
    'Le marché de vidéoprotection a été attribué à la société Thales.',
    'La délibération du conseil municipal du 12 mars en fixe le montant.',
  ],
  ["Annexe : liste des caméras dotées d'un traitement algorithmique."],
];

/** A 1×1 PNG: a file whose bytes say "image" whatever its name says. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('documents of a case, in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let caseId: string;

  beforeAll(async () => {
    server = await startServer({
      BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    });
    browser = await launchBrowser();
    const admin = await api(server, ADMIN.username, ADMIN.password);
    await admin('POST', '/api/admin/users', ALICE);
    const alice = await api(server, ALICE.username, ALICE.password);
    const group = await alice<{ id: string }>('POST', '/api/groups', {
      name: 'Technopolice Provence',
    });
    const created = await alice<{ id: string }>('POST', `/api/groups/${group.id}/cases`, {
      title: CASE_TITLE,
      cityCode: '13055',
      technologies: ['algorithmic-video-surveillance'],
    });
    caseId = created.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('uploads files with progress and pause, reads their text, views a PDF and finds in it', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'fr-FR',
    });
    const { page, watch } = await watchedPage(context, server.url);
    onTestFailed(async () => {
      await shot(page, 'documents-failure', true).catch(() => undefined);
      console.log(page.url(), watch);
    });
    await signIn(page, server, ALICE);

    // --- The Documents tab: the drop zone says what happens to the files.
    await page.goto(`${server.url}/dossiers/${caseId}?onglet=documents`);
    await page.getByRole('heading', { name: 'Déposer des documents' }).waitFor();
    await page.getByText('débarrassés de leurs métadonnées').waitFor();
    await page.getByRole('tab', { name: 'Documents 0' }).waitFor();
    await shot(page, 'documents-tab-empty-fr');

    // A slow connection, as at home: each chunk of a resumable upload waits a moment before it
    // reaches the server, long enough to see the upload move and to pause it.
    const slow = async (route: Route) => {
      if (route.request().method() === 'PATCH') await page.waitForTimeout(3000);
      await route.continue().catch(() => undefined); // Aborted meanwhile by the pause.
    };
    await page.route('**/api/uploads/**', slow);

    await page
      .getByRole('combobox', { name: 'Type des documents déposés' })
      .selectOption('foi-answer');
    await page.locator('.drop-zone input[type="file"]').setInputFiles([
      {
        name: 'reponse-cada-mairie.pdf',
        mimeType: 'application/pdf',
        buffer: makePdf(ANSWER_PAGES),
      },
      {
        name: 'dossier-complet-scanne.pdf',
        mimeType: 'application/pdf',
        buffer: makePdf([['Dossier complet'], ['Pièces annexes']], 9 * 1024 * 1024),
      },
      { name: 'photo-camera.pdf', mimeType: 'application/pdf', buffer: PNG },
      { name: 'installeur.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') },
    ]);

    const uploads = page.getByRole('region', { name: 'Dépôts' });
    const item = (name: string) => uploads.getByRole('listitem').filter({ hasText: name });
    // Refused at once, without sending it.
    await item('installeur.exe').getByText('Les fichiers .exe ne sont pas acceptés.').waitFor();
    // The large one goes resumable, its progress in bytes and percent.
    const large = item('dossier-complet-scanne.pdf');
    await large.getByText(/ sur 9\sMo · [1-9]\d? %/).waitFor({ timeout: 20_000 });
    await shot(page, 'documents-upload-progress-fr');
    await large
      .getByRole('button', { name: 'Mettre en pause le dépôt de dossier-complet-scanne.pdf' })
      .click();
    await large.getByText(/^En pause/).waitFor();
    const paused = await large.locator('progress').getAttribute('value');
    await page.waitForTimeout(1500);
    expect(await large.locator('progress').getAttribute('value')).toBe(paused);
    await shot(page, 'documents-upload-paused-fr');
    await large
      .getByRole('button', { name: 'Reprendre le dépôt de dossier-complet-scanne.pdf' })
      .click();

    // A name that lies about the bytes is refused by the server, in words.
    await item('photo-camera.pdf')
      .getByText(/Le contenu de ce fichier ne correspond pas à son extension \.pdf/)
      .waitFor({ timeout: 20_000 });
    await item('reponse-cada-mairie.pdf').getByText('Déposé').waitFor({ timeout: 20_000 });
    await large.getByText('Déposé').waitFor({ timeout: 60_000 });
    await page.unroute('**/api/uploads/**', slow);

    // The list shows both, and their text once read (live, from the server's event).
    const list = page.getByRole('list', { name: 'Documents du dossier' });
    const row = list.getByRole('listitem').filter({ hasText: 'reponse-cada-mairie' });
    await row.getByText('Texte extrait · 3 pages').waitFor({ timeout: 60_000 });
    await list
      .getByRole('listitem')
      .filter({ hasText: 'dossier-complet-scanne' })
      .getByText(/Texte extrait · 2 pages/)
      .waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: 'Documents 2' }).waitFor();
    await row.getByText('Réponse à une demande CADA').waitFor();
    await shot(page, 'documents-tab-fr', true);

    // --- The document page: the PDF drawn by PDF.js, its text beside it.
    await row.getByRole('link', { name: 'reponse-cada-mairie' }).click();
    await page.getByRole('heading', { level: 1, name: 'reponse-cada-mairie' }).waitFor();
    await page.locator('.pdf-page[data-page="1"][data-drawn="true"]').waitFor({ timeout: 30_000 });
    await page.getByText('Madame, Monsieur, vous trouverez ci-joint').waitFor();

    // Find, without accents: the occurrence is marked and the viewer goes to its page.
    await page.getByRole('searchbox').fill('deliberation');
    await page.locator('.find-box__count').getByText('1 sur 1').waitFor();
    expect(await page.locator('mark[data-current="true"]').textContent()).toBe('délibération');
    await expect.poll(() => page.locator('.viewer-toolbar__page-input').inputValue()).toBe('2');
    await page.locator('.pdf-page[data-page="2"][data-drawn="true"]').waitFor();
    await shot(page, 'document-page-find-fr');

    // Clicking the text of a page shows that page.
    await page.getByRole('button', { name: 'Page 3' }).click();
    await expect.poll(() => page.locator('.viewer-toolbar__page-input').inputValue()).toBe('3');
    // Zoom from the keyboard.
    const zoom = page.locator('.viewer-toolbar__zoom');
    const fitted = await zoom.textContent();
    await page.locator('.pdf-viewer__pages').focus();
    await page.keyboard.press('+');
    await expect.poll(() => zoom.textContent()).not.toBe(fitted);
    await page.keyboard.press('0');
    await expect.poll(() => zoom.textContent()).toBe(fitted);

    // Rename it in place.
    await page.getByRole('button', { name: 'Modifier le titre' }).click();
    await page
      .getByRole('textbox', { name: 'Titre du document' })
      .fill('Réponse de la mairie à la demande CADA');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Réponse de la mairie à la demande CADA' })
      .waitFor();

    // Its details: what was removed, who sees it.
    await page.getByRole('tab', { name: 'Fiche' }).click();
    await page.getByText('Empreinte SHA-256').waitFor();
    await page.getByText(/Seuls les membres de Technopolice Provence voient ce document/).waitFor();
    await shot(page, 'document-page-details-fr');

    // --- Cite it in the timeline; the document page then says where it is cited.
    const documentUrl = page.url();
    await page.getByRole('link', { name: CASE_TITLE }).click();
    await page.getByRole('tab', { name: /^Enquête/ }).click();
    const timeline = page.getByRole('region', { name: 'Chronologie' });
    await timeline.getByRole('button', { name: 'Ajouter un événement' }).click();
    await timeline.getByLabel('Date').fill('2025-03-12');
    await timeline.getByLabel('Événement').fill('Réponse de la mairie à notre demande CADA');
    await timeline
      .getByRole('combobox', { name: 'Document cité' })
      .selectOption({ label: 'Réponse de la mairie à la demande CADA' });
    await timeline.getByRole('button', { name: 'Ajouter à la chronologie' }).click();
    await timeline
      .getByRole('link', { name: 'Ouvrir le document « Réponse de la mairie à la demande CADA »' })
      .waitFor();
    await page.getByText(/a déposé le document « reponse-cada-mairie »/).waitFor();
    await shot(page, 'documents-timeline-activity-fr', true);

    await page.goto(documentUrl);
    await page.getByRole('tab', { name: 'Fiche' }).click();
    await page
      .getByRole('region', { name: /Cité dans/ })
      .getByRole('link', { name: 'Réponse de la mairie à notre demande CADA' })
      .waitFor();

    // The same page for a member who reads English.
    await page
      .getByRole('group', { name: 'Langue de l’interface' })
      .getByRole('button', { name: 'English' })
      .click();
    await page.getByRole('tab', { name: 'Details' }).waitFor();
    await page.getByRole('tab', { name: 'Extracted text' }).click();
    await page.getByText('Text extracted · 3 pages').first().waitFor();
    await shot(page, 'document-page-en');
    await page
      .getByRole('group', { name: 'Interface language' })
      .getByRole('button', { name: 'Français' })
      .click();
    await page.getByRole('tab', { name: 'Fiche' }).waitFor();

    // --- Every document of my groups.
    await page.goto(`${server.url}/documents`);
    await page.getByRole('link', { name: 'Réponse de la mairie à la demande CADA' }).waitFor();
    await page.getByRole('heading', { name: '2 documents' }).waitFor();
    await shot(page, 'documents-all-fr');

    // The refused upload is the only error the console saw (Chromium logs a 415 answer).
    watch.errors = watch.errors.filter((error) => !/status of 415/.test(error));
    expectClean(watch);
    await context.close();
  }, 240_000);
});
