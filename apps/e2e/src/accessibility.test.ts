import axe from 'axe-core';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  expectClean,
  launchBrowser,
  PEOPLE,
  SEED_ENV,
  seedWorkspace,
  type Server,
  shot,
  signIn,
  startServer,
  watchedPage,
  type Workspace,
} from './support.js';

/** WCAG 2.0 and 2.1, levels A and AA: what the campaign promises its readers. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** What fails the test; `moderate` and `minor` findings are printed but do not. */
const BLOCKING = new Set(['serious', 'critical']);

/** Pages whose screenshot is kept, to look at. */
const SHOTS = new Set(['dashboard', 'case: Enquête', 'case: Discussions', 'forum thread']);

/** A problem axe found, in words a person can act on. */
function describeViolation(where: string, violation: axe.Result): string {
  const targets = violation.nodes
    .slice(0, 5)
    .map((node) => {
      const why = node.failureSummary?.split('\n').slice(1).join(' ').trim() ?? '';
      const html = node.html.length > 160 ? `${node.html.slice(0, 160)}…` : node.html;
      return `    ${node.target.join(' ')}\n      ${html}\n      ${why}`;
    })
    .join('\n');
  const more = violation.nodes.length > 5 ? `\n    … and ${violation.nodes.length - 5} more` : '';
  return `${where}: [${violation.impact}] ${violation.id} — ${violation.help}\n${targets}${more}`;
}

/** Waits until the page has stopped loading: no region says it is busy, and fonts are in. */
async function settle(page: Page) {
  await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/**
 * Runs axe on the page as it is and answers its serious and critical violations.
 *
 * axe goes in through `page.evaluate`, that is CDP's Runtime.evaluate: DevTools code is not
 * subject to the page's Content-Security-Policy, so the app keeps its real CSP (`script-src
 * 'self'`, no inline script) during the audit. `addScriptTag` would add an inline script the CSP
 * refuses, and `bypassCSP` would hide a CSP violation of the app itself. (axe needs timers,
 * which do not fire in a context without JavaScript: see the public pages' test.)
 */
async function audit(page: Page, where: string): Promise<string[]> {
  await settle(page);
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.evaluate(axe.source);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof axe }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    TAGS,
  );
  const found = results.violations.map((violation) => ({
    violation,
    text: describeViolation(where, violation),
  }));
  const minor = found.filter(({ violation }) => !BLOCKING.has(violation.impact ?? ''));
  if (minor.length > 0) console.log(minor.map(({ text }) => text).join('\n'));
  return found
    .filter(({ violation }) => BLOCKING.has(violation.impact ?? ''))
    .map(({ text }) => text);
}

describe('accessibility of every main page, in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let ws: Workspace;

  beforeAll(async () => {
    server = await startServer(SEED_ENV);
    browser = await launchBrowser();
    ws = await seedWorkspace(server);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A French-speaking person's browser; animations off so that colours are the final ones. */
  const newContext = (options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> =>
    browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'fr-FR',
      reducedMotion: 'reduce',
      ...options,
    });

  it('finds no serious violation on the pages of the workspace, in French', async () => {
    const context = await newContext();
    const { page, watch } = await watchedPage(context, server.url);
    onTestFailed(async () => {
      await shot(page, 'a11y-failure', true).catch(() => undefined);
      console.log(page.url(), watch);
    });
    const problems: string[] = [];
    const check = async (where: string, path: string | null, ready: Ready) => {
      if (path !== null) await page.goto(`${server.url}${path}`);
      await ready(page);
      problems.push(...(await audit(page, where)));
      // Pages showing what the fixes changed (avatars, the account button, the thread's marker).
      if (SHOTS.has(where))
        await shot(
          page,
          `a11y-${where.normalize('NFD').replace(/\p{M}/gu, '').replace(/\W+/g, '-')}`,
        );
    };

    // Signed out: the landing page, the workspace asking to sign in, the issuer's sign-in page.
    await check('landing', '/', heading('Documenter la Safe City, ville par ville'));
    await check('sign-in needed', '/dossiers', heading('Connexion nécessaire'));
    await page.getByRole('main').getByRole('button', { name: 'Se connecter' }).click();
    await check('issuer sign-in', null, (p) => p.locator('input[name="username"]').waitFor());

    await signIn(page, server, PEOPLE.alice);
    for (const [where, path, ready] of workspacePages(ws)) await check(where, path, ready);

    expect(problems, problems.join('\n\n')).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    await context.close();
  });

  it('finds no serious violation on the admin page, nor on pages in English', async () => {
    const problems: string[] = [];

    // The instance admin's page.
    const adminContext = await newContext();
    const { page: admin } = await watchedPage(adminContext, server.url);
    await signIn(admin, server, PEOPLE.admin);
    await admin.goto(`${server.url}/admin`);
    await admin.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await admin.getByText('alice').first().waitFor();
    problems.push(...(await audit(admin, 'admin')));
    await adminContext.close();

    // Bob reads in English: the pages with the most words of their own.
    const context = await newContext();
    const { page, watch } = await watchedPage(context, server.url);
    onTestFailed(async () => {
      await shot(page, 'a11y-failure-en', true).catch(() => undefined);
      console.log(page.url(), watch);
    });
    await page.goto(`${server.url}/?lang=en`);
    await heading('Documenting the Safe City, one city at a time')(page);
    problems.push(...(await audit(page, 'landing (en)')));
    await page.goto(`${server.url}/?lang=fr`);
    await signIn(page, server, PEOPLE.bob);
    // The switch changes his profile too: every page loaded afterwards is in English.
    await page.getByRole('button', { name: 'EN, English' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    const pages: [string, string, Ready][] = [
      [
        'dashboard (en)',
        '/',
        (p) => p.getByRole('main').getByText('Technopolice Provence').first().waitFor(),
      ],
      [
        'cases board (en)',
        '/dossiers',
        (p) => p.locator(`[data-case-id="${ws.caseId}"]`).first().waitFor(),
      ],
      [
        'case: Summary (en)',
        `/dossiers/${ws.caseId}?onglet=synthese`,
        (p) => p.getByRole('textbox', { name: 'Summary in French' }).waitFor(),
      ],
      [
        'document (en)',
        `/documents/${ws.documentId}`,
        (p) =>
          p
            .getByRole('heading', { name: 'Délibération du conseil municipal du 12 mars' })
            .first()
            .waitFor(),
      ],
      [
        'search (en)',
        '/recherche?q=cam%C3%A9ras',
        (p) => p.getByRole('main').getByText(ws.caseTitle).first().waitFor(),
      ],
    ];
    for (const [where, path, ready] of pages) {
      await page.goto(`${server.url}${path}`);
      await ready(page);
      expect(await page.getAttribute('html', 'lang'), where).toBe('en');
      problems.push(...(await audit(page, where)));
    }

    expect(problems, problems.join('\n\n')).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    await context.close();
  });

  it('finds no serious violation on the public pages, read without JavaScript', async () => {
    // Signed out and without JavaScript, each page reads (status, title, not one script).
    // axe itself needs timers, which never fire where scripts are disabled: it runs on the same
    // answer in a second context with JavaScript on. The pages carry no script and their CSP
    // (`default-src 'none'`) would refuse one, so both contexts show the very same document.
    const reader = await newContext({ javaScriptEnabled: false });
    const auditor = await newContext();
    const { page: withoutJs, watch } = await watchedPage(reader, server.url);
    const { page, watch: auditorWatch } = await watchedPage(auditor, server.url);
    const problems: string[] = [];
    const pages: [string, string, number, string | RegExp][] = [
      ['public list', '/p', 200, 'Dossiers publiés'],
      ['public case page', ws.publicPath, 200, ws.caseTitle],
      ['public case page (en)', `${ws.publicPath}?lang=en`, 200, ws.caseTitle],
      ['public 404', '/p/technopolice-provence/pas-de-dossier-ici', 404, 'Page introuvable'],
      ['public 410', ws.retractedPath, 410, 'Dossier retiré'],
    ];
    for (const [where, path, status, title] of pages) {
      for (const each of [withoutJs, page]) {
        const answer = await each.goto(`${server.url}${path}`);
        expect(answer?.status(), where).toBe(status);
        await each.getByRole('heading', { level: 1, name: title }).first().waitFor();
        expect(await each.locator('script').count(), where).toBe(0);
      }
      problems.push(...(await audit(page, where)));
    }
    expect(problems, problems.join('\n\n')).toEqual([]);
    // Chromium logs the expected 404 and 410 answers as failed loads: nothing else may fail.
    for (const each of [watch, auditorWatch]) {
      expect(each.foreignRequests).toEqual([]);
      expect(each.errors.filter((error) => !/status of (404|410)/.test(error))).toEqual([]);
    }
    await reader.close();
    await auditor.close();
  });

  it('walks the main journey with the keyboard alone, focus always visible', async () => {
    const context = await newContext();
    const { page, watch } = await watchedPage(context, server.url);
    onTestFailed(async () => {
      await shot(page, 'keyboard-failure', true).catch(() => undefined);
      console.log(page.url(), await focused(page), watch);
    });
    const problems: string[] = [];
    await signIn(page, server, PEOPLE.alice);
    await page.goto(server.url);
    await page.getByRole('main').getByText('Technopolice Provence').first().waitFor();

    // --- The first Tab shows the skip link; Enter puts focus on the main content.
    await page.keyboard.press('Tab');
    await focusOn(page, { tag: 'A', name: 'Aller au contenu' });
    await expectFocusVisible(page);
    expect(await page.locator('.skip-link').isVisible()).toBe(true);
    expect((await page.locator('.skip-link').boundingBox())?.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    await focusOn(page, { id: 'main' });

    // --- Back into the sidebar's navigation, every stop visibly focused; Enter follows a link
    // and focus lands on the new page's title.
    await press(page, 'Shift+Tab', (el) => el.tag === 'A' && el.name === 'Dossiers');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/dossiers`);
    await focusOn(page, { tag: 'H1', name: 'Dossiers' });

    // --- A dialog: Enter opens it with focus inside, Escape closes it, focus goes back.
    await page.locator(`[data-case-id="${ws.caseId}"]`).first().waitFor();
    await press(page, 'Tab', (el) => el.tag === 'BUTTON' && el.name === 'Nouveau dossier');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Nouveau dossier' });
    await dialog.waitFor();
    await focusOn(page, { inDialog: true });
    await expectFocusVisible(page);
    problems.push(...(await audit(page, 'dialog: new case')));
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await focusOn(page, { tag: 'BUTTON', name: 'Nouveau dossier' });

    // --- A case from the board: Tab to its card, Enter opens it.
    await press(page, 'Tab', (el) => el.tag === 'A' && el.name === ws.caseTitle);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/dossiers/${ws.caseId}`);
    await focusOn(page, { tag: 'H1', name: ws.caseTitle });

    // --- The case's tabs: Tab reaches the chosen one, arrows move and show each panel.
    await press(page, 'Tab', (el) => el.role === 'tab' && el.selected);
    expect((await focused(page)).name).toBe('Enquête');
    for (const [key, tab, param] of [
      ['ArrowRight', 'Documents', 'documents'],
      ['ArrowRight', 'Discussions', 'discussions'],
      ['ArrowRight', 'Synthèse', 'synthese'],
      ['ArrowRight', 'Enquête', null],
      ['End', 'Synthèse', 'synthese'],
      ['ArrowLeft', 'Discussions', 'discussions'],
    ] as const) {
      await page.keyboard.press(key);
      await focusOn(page, { role: 'tab', selected: true, name: expect.stringMatching(`^${tab}`) });
      await expectFocusVisible(page);
      expect(new URL(page.url()).searchParams.get('onglet')).toBe(param);
      await expect
        .poll(() => page.getByRole('tabpanel').getAttribute('aria-labelledby'))
        .toBe(`case-tab-${param ?? 'enquete'}`);
    }
    // Tab leaves the tab list for the panel.
    await page.getByRole('link', { name: /Compte rendu du conseil/ }).waitFor();
    await page.keyboard.press('Tab');
    await focusOn(page, { inPanel: true });
    await expectFocusVisible(page);

    // --- The account menu: Enter opens it on its first item, Escape closes it on its button.
    await press(page, 'Shift+Tab', (el) => el.tag === 'BUTTON' && /menu du compte$/.test(el.name));
    await page.keyboard.press('Enter');
    await focusOn(page, { role: 'menuitem', name: 'Mon profil' });
    await expectFocusVisible(page);
    await page.keyboard.press('ArrowDown');
    await focusOn(page, { role: 'menuitem', name: 'Se déconnecter' });
    await page.keyboard.press('Escape');
    await focusOn(page, {
      tag: 'BUTTON',
      name: expect.stringMatching(/menu du compte$/),
      expanded: 'false',
    });

    // --- The command palette: Ctrl+K, type, arrows to a result, Enter opens it.
    await page.keyboard.press('Control+K');
    const palette = page.getByRole('dialog', { name: 'Rechercher dans l’espace' });
    await palette.waitFor();
    await focusOn(page, { role: 'combobox', inDialog: true });
    await page.keyboard.type('Délibération');
    const option = palette.getByRole('option', { name: /Délibération du conseil municipal/ });
    await option.waitFor();
    problems.push(...(await audit(page, 'command palette')));
    const optionId = await option.getAttribute('id');
    const combobox = palette.getByRole('combobox');
    for (let step = 0; step < 10; step += 1) {
      if ((await combobox.getAttribute('aria-activedescendant')) === optionId) break;
      await page.keyboard.press('ArrowDown');
    }
    expect(await combobox.getAttribute('aria-activedescendant')).toBe(optionId);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/documents/${ws.documentId}`));
    await palette.waitFor({ state: 'detached' });
    await page
      .getByRole('heading', { name: 'Délibération du conseil municipal du 12 mars' })
      .first()
      .waitFor();

    // Opened from the header's button, Escape closes it and gives focus back to the button.
    const trigger = (el: Focused) => el.tag === 'BUTTON' && el.name.startsWith('Rechercher');
    await press(page, 'Shift+Tab', trigger);
    await page.keyboard.press('Enter');
    await palette.waitFor();
    await focusOn(page, { role: 'combobox', inDialog: true });
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'detached' });
    await expect.poll(async () => trigger(await focused(page))).toBe(true);
    await expectFocusVisible(page);

    expect(problems, problems.join('\n\n')).toEqual([]);
    expectClean(watch);
    await context.close();
  });
});

/** Waits for what says a page is there. */
type Ready = (page: Page) => Promise<unknown>;

const heading =
  (name: string | RegExp, level = 1): Ready =>
  (page) =>
    page.getByRole('heading', { level, name }).first().waitFor();

/** Every main page of the signed-in app (in French), with what says it has loaded. */
function workspacePages(ws: Workspace): [string, string, Ready][] {
  const main =
    (text: string): Ready =>
    (page) =>
      page.getByRole('main').getByText(text).first().waitFor();
  const caseTab = (tab: string) => `/dossiers/${ws.caseId}${tab ? `?onglet=${tab}` : ''}`;
  return [
    ['dashboard', '/', main('Technopolice Provence')],
    ['groups', '/groupes', main('Technopolice Provence')],
    ['group', `/groupes/${ws.groupId}`, main('Bob')],
    [
      'group settings',
      `/groupes/${ws.groupId}/parametres`,
      (p) => p.getByRole('region', { name: 'Règle de publication' }).waitFor(),
    ],
    [
      'cases board',
      '/dossiers',
      (p) => p.locator(`[data-case-id="${ws.caseId}"]`).first().waitFor(),
    ],
    ['case: Enquête', caseTab(''), main('Demander le marché à la CADA')],
    [
      'case: Documents',
      caseTab('documents'),
      (p) =>
        p.getByRole('tabpanel').getByText('Délibération du conseil municipal').first().waitFor(),
    ],
    [
      'case: Discussions',
      caseTab('discussions'),
      (p) => p.getByRole('link', { name: /Compte rendu du conseil/ }).waitFor(),
    ],
    [
      'case: Synthèse',
      caseTab('synthese'),
      (p) => p.getByRole('textbox', { name: 'Synthèse en français' }).waitFor(),
    ],
    ['documents', '/documents', main('Délibération du conseil municipal')],
    [
      'document',
      `/documents/${ws.documentId}`,
      heading('Délibération du conseil municipal du 12 mars'),
    ],
    [
      'forum',
      '/forum',
      (p) => p.getByRole('link', { name: 'Modèle de saisine de la CNIL' }).waitFor(),
    ],
    ['forum thread', `/forum/${ws.forumThreadId}`, main('je l’adapte pour Marseille')],
    ['search', '/recherche?q=cam%C3%A9ras', main(ws.caseTitle)],
    ['publications', '/publications', main(ws.caseTitle)],
    ['profile', '/profil', heading('Profil')],
    ['not found', '/une-page-qui-n-existe-pas', main('Page introuvable')],
  ];
}

/** What has the focus, in a few words. */
interface Focused {
  tag: string;
  id: string;
  role: string | null;
  name: string;
  selected: boolean;
  expanded: string | null;
  inDialog: boolean;
  inPanel: boolean;
}

/** Waits until what has the focus matches `expected`. */
async function focusOn(page: Page, expected: Partial<Record<keyof Focused, unknown>>) {
  await expect.poll(() => focused(page)).toMatchObject(expected);
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement ?? document.body;
    const text = (el as HTMLElement).innerText ?? '';
    return {
      tag: el.tagName,
      id: el.id,
      role: el.getAttribute('role'),
      // The accessible name as far as this needs: the label, else the first line of the text.
      name: (el.getAttribute('aria-label') ?? text.split('\n')[0] ?? '').trim(),
      selected: el.getAttribute('aria-selected') === 'true',
      expanded: el.getAttribute('aria-expanded'),
      inDialog: el.closest('[role="dialog"]') !== null,
      inPanel: el.closest('[role="tabpanel"]') !== null,
    };
  });
}

/**
 * Whether the focused element shows it: an outline, or a box-shadow it has only while focused
 * (compared with an unfocused copy beside it, so that a card's resting shadow does not count),
 * on itself or on a parent styled with `:focus-within`.
 */
async function expectFocusVisible(page: Page) {
  // Polled: a transition towards the ring starts from the resting style.
  let found = await focusStyle(page);
  for (let wait = 0; !found.visible && wait < 20; wait += 1) {
    await page.waitForTimeout(100);
    found = await focusStyle(page);
  }
  expect(found.visible, `no visible focus on ${found.what}`).toBe(true);
}

function focusStyle(page: Page): Promise<{ visible: boolean; what: string }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { visible: false, what: 'nothing has the focus' };
    const ring = (style: CSSStyleDeclaration) =>
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
        ? `outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`
        : style.boxShadow;
    let node: Element | null = el;
    for (let depth = 0; node && depth < 3; depth += 1, node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && node === el)
        return { visible: true, what: ring(style) };
      const copy = node.cloneNode(false) as Element;
      copy.removeAttribute('id');
      node.after(copy);
      const resting = ring(getComputedStyle(copy));
      copy.remove();
      const now = ring(style);
      if (now !== 'none' && now !== resting) return { visible: true, what: now };
    }
    const style = getComputedStyle(el);
    return {
      visible: false,
      what: `${el.outerHTML.slice(0, 160)} (box-shadow: ${style.boxShadow}, outline: ${style.outlineStyle} ${style.outlineWidth})`,
    };
  });
}

/**
 * Presses `key` (Tab or Shift+Tab) until `until` holds for the focused element, checking that
 * each element on the way shows its focus.
 */
async function press(page: Page, key: string, until: (el: Focused) => boolean, max = 60) {
  const path: string[] = [];
  for (let step = 0; step < max; step += 1) {
    await page.keyboard.press(key);
    const el = await focused(page);
    path.push(`${el.tag}${el.role ? `[${el.role}]` : ''} ${el.name}`);
    await expectFocusVisible(page);
    if (until(el)) return el;
  }
  throw new Error(`${key} never reached the element; went through:\n${path.join('\n')}`);
}
