import { type Browser } from 'playwright-core';
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
const DOCUMENT_TITLE = 'Réponse de la mairie à la demande CADA';

const doc = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

/** A small valid PDF, one page per entry, Helvetica in WinAnsi (accents are real characters). */
function makePdf(pages: string[][]): Buffer {
  const escape = (text: string) => text.replace(/[\\()]/g, (char) => `\\${char}`);
  const objects: string[] = [];
  const pageIds = pages.map((_, index) => 4 + index * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  pages.forEach((lines, index) => {
    const id = pageIds[index] as number;
    const content = `BT /F1 13 Tf 18 TL 64 780 Td\n${lines.map((line) => `(${escape(line)}) '`).join('\n')}\nET`;
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

/** Attaches a PDF to a case as a script would: a token, then a multipart upload. */
async function uploadPdf(server: Server, caseId: string, title: string, pdf: Buffer) {
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
  form.set(
    'file',
    new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }),
    'reponse-cada.pdf',
  );
  form.set('title', title);
  form.set('kind', 'foi-answer');
  const answer = await fetch(`${server.url}/api/cases/${caseId}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const json = (await answer.json()) as { id: string };
  if (!answer.ok) throw new Error(`upload: ${answer.status} ${JSON.stringify(json)}`);
  return json.id;
}

describe('search, in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let caseId: string;
  let documentId: string;

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

    // A case whose description speaks of "caméras", a thread of it, and a PDF read page by page.
    const created = await alice<{ id: string }>('POST', `/api/groups/${group.id}/cases`, {
      title: CASE_TITLE,
      cityCode: '13055',
      technologies: ['algorithmic-video-surveillance'],
      description:
        'Cinquante caméras dotées d’un traitement algorithmique sur la Canebière, ' +
        'marché attribué à Thales en 2024.',
    });
    caseId = created.id;
    await alice('POST', `/api/groups/${group.id}/cases`, {
      title: 'Nice — drones au carnaval',
      cityCode: '06088',
      technologies: ['drones'],
      description: 'Deux drones survolent le cortège.',
    });
    await alice('POST', `/api/cases/${caseId}/threads`, {
      title: 'Compte rendu du conseil municipal',
      body: doc('La délibération sur les caméras est passée, 38 voix pour.'),
    });
    documentId = await uploadPdf(
      server,
      caseId,
      DOCUMENT_TITLE,
      makePdf([
        ['Mairie de Marseille - Direction de la tranquillité publique', 'Objet : votre demande'],
        ["Annexe : liste des caméras dotées d'un traitement algorithmique."],
      ]),
    );
    // Searchable once its text is read.
    for (let tries = 0; ; tries += 1) {
      const { textStatus } = await alice<{ textStatus: string }>(
        'GET',
        `/api/documents/${documentId}`,
      );
      if (textStatus === 'done') break;
      if (textStatus === 'failed' || tries > 120) throw new Error(`text: ${textStatus}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('finds a case from anywhere with Ctrl+K, then everything on the results page', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'fr-FR',
    });
    const { page, watch } = await watchedPage(context, server.url);
    onTestFailed(async () => {
      await shot(page, 'search-failure', true).catch(() => undefined);
      console.log(page.url(), watch);
    });
    await signIn(page, server, ALICE);
    await page.getByRole('button', { name: 'Rechercher…' }).getByText('Ctrl K').waitFor();

    // --- The palette: typed without the accent, found with it, highlighted.
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Rechercher dans l’espace' });
    const input = palette.getByRole('combobox');
    await expect.poll(() => input.evaluate((node) => node === document.activeElement)).toBe(true);
    await page.keyboard.type('camera');
    const listbox = palette.getByRole('listbox', { name: 'Résultats' });
    const caseOption = listbox.getByRole('option').filter({ hasText: CASE_TITLE });
    await caseOption.waitFor();
    expect(await caseOption.locator('mark').first().textContent()).toBe('caméras');
    await listbox.getByRole('group', { name: /^Messages/ }).waitFor();
    await listbox.getByRole('group', { name: /^Documents/ }).waitFor();
    expect(await caseOption.getAttribute('aria-selected')).toBe('true');
    expect(await input.getAttribute('aria-activedescendant')).toBe(
      await caseOption.getAttribute('id'),
    );
    await shot(page, 'search-palette-fr');

    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/dossiers/${caseId}`);
    await page.getByRole('heading', { level: 1, name: CASE_TITLE }).waitFor();
    expect(await palette.count()).toBe(0);

    // --- The results page, from the palette's last option.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('caméras');
    await listbox.getByRole('option', { name: /^Voir tous les résultats/ }).waitFor();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/recherche\?q=cam%C3%A9ras$/);
    await page.getByRole('heading', { level: 1, name: 'Résultats pour « caméras »' }).waitFor();
    const tabs = page.getByRole('tablist', { name: 'Types de résultats' });
    await tabs.getByRole('tab', { name: 'Tout 3' }).waitFor();
    const results = page.getByRole('tabpanel');
    await results.getByRole('heading', { name: '3 résultats' }).waitFor();
    await shot(page, 'search-results-fr', true);

    // A type: the address says it, the other results go.
    await tabs.getByRole('tab', { name: 'Documents 1' }).click();
    await page.waitForURL(/type=document/);
    await results.getByRole('heading', { name: '1 résultat' }).waitFor();
    const link = results.getByRole('link', { name: DOCUMENT_TITLE });
    expect(await results.getByRole('link', { name: CASE_TITLE }).count()).toBe(0);
    await results.getByText('p. 2', { exact: true }).waitFor();
    expect(await link.getAttribute('href')).toBe(`/documents/${documentId}?page=2`);
    await shot(page, 'search-results-documents-fr');

    // The document opens at the page where the words are.
    await link.click();
    await page.getByRole('heading', { level: 1, name: DOCUMENT_TITLE }).waitFor();
    await page.locator('.pdf-page[data-page="2"][data-drawn="true"]').waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.locator('.viewer-toolbar__page-input').inputValue(), { timeout: 10_000 })
      .toBe('2');
    await shot(page, 'search-document-page-2-fr');

    // --- Small screens: the search is an icon of the top bar, the palette fills the width.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/dossiers`);
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
    await shot(page, 'search-topbar-mobile-fr');
    await page.getByRole('button', { name: 'Rechercher…' }).click();
    await page.keyboard.type('drone');
    await listbox.getByRole('option').filter({ hasText: 'Nice — drones au carnaval' }).waitFor();
    await shot(page, 'search-palette-mobile-fr');
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'detached' });
    expect(
      await page
        .getByRole('button', { name: 'Rechercher…' })
        .evaluate((node) => node === document.activeElement),
    ).toBe(true);

    expectClean(watch);
    await context.close();
  });
});
