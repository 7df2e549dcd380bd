import type { DocumentDetail, DocumentText } from '@technopolice/shared';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { documentKeys } from '../../../lib/documents';
import { GROUP_ID, RENARD_ID } from '../../../test/fixtures';
import { aMe, createTestQueryClient, renderApp, seedQueryClient } from '../../../test/render';
import { aDetail, aText, CASE_ID, DOC_CADA } from '../fixtures';
import { apiError, stubFetch, type Answer, type Call } from '../test/api';
import type { PdfViewerProps } from './PdfViewer';

/** PDF.js does not run in jsdom: the viewer shows which page it was asked for. */
vi.mock('./PdfViewer', () => ({
  default: ({ blob, jump }: PdfViewerProps) => (
    <div data-testid="pdf-viewer">{`PDF de ${blob.size} octets, page ${jump?.page ?? 1}`}</div>
  ),
}));

const room = vi.hoisted(() => ({
  caseId: undefined as string | undefined,
  listeners: null as null | Record<string, ((payload: never) => void) | undefined>,
}));

vi.mock('../../../lib/socket', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../lib/socket')>()),
  useCaseRoom: (caseId: string | undefined, listeners: Record<string, () => void>) => {
    room.caseId = caseId;
    room.listeners = listeners;
    return { live: true, viewers: [] };
  },
}));

function emit(name: string, payload: unknown) {
  const listener = room.listeners?.[name] as ((payload: unknown) => void) | undefined;
  if (!listener) throw new Error(`no listener for ${name}`);
  act(() => listener(payload));
}

const me = (role: 'member' | 'coordinator' = 'member') =>
  aMe({
    groups: [{ id: GROUP_ID, slug: 'marseille', name: 'Technopolice Marseille', role }],
  });

const pdfBytes = new Blob(['%PDF-1.4 fake'], { type: 'application/pdf' });

/** The document page, the document and its text in the cache, its bytes from the fake API. */
function renderDocument({
  detail = aDetail(),
  text = aText(),
  role = 'member',
  handler = () => undefined,
}: {
  detail?: DocumentDetail | null;
  text?: DocumentText;
  role?: 'member' | 'coordinator';
  handler?: (call: Call) => Answer | undefined;
} = {}) {
  const calls = stubFetch(
    (call) =>
      handler(call) ?? (call.url.endsWith('/file') ? { status: 200, blob: pdfBytes } : undefined),
  );
  const queryClient = seedQueryClient(createTestQueryClient());
  if (detail) queryClient.setQueryData(documentKeys.detail(DOC_CADA), detail);
  queryClient.setQueryData(documentKeys.text(DOC_CADA), text);
  const rendered = renderApp(`/documents/${DOC_CADA}`, { queryClient, me: me(role) });
  return { ...rendered, calls };
}

/** What the find box says of its results. */
const found = () => document.querySelector('.find-box__count')?.textContent;

beforeEach(() => {
  room.listeners = null;
  room.caseId = undefined;
  // jsdom does not scroll.
  Element.prototype.scrollTo = () => undefined;
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the document page', () => {
  it('shows the document, its extracted text, and moves the viewer to what is found', async () => {
    const user = userEvent.setup();
    renderDocument();

    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Réponse de la mairie à la demande CADA',
      }),
    ).toBeTruthy();
    expect(
      screen
        .getByRole('link', { name: 'Vidéosurveillance algorithmique à Marseille' })
        .getAttribute('href'),
    ).toBe(`/dossiers/${CASE_ID}?onglet=documents`);
    const header = document.querySelector('.document-header') as HTMLElement;
    expect(header.textContent).toContain('Réponse à une demande CADA');
    expect(header.textContent).toContain('12 mars 2025');
    expect(header.textContent).toContain('Texte extrait · 12 pages');
    expect(header.textContent).toContain('Privé au groupe');
    // The live room of the document's case is followed.
    expect(room.caseId).toBe(CASE_ID);

    // The bytes were fetched with the token, and handed to the PDF viewer.
    expect((await screen.findByTestId('pdf-viewer')).textContent).toBe(
      `PDF de ${pdfBytes.size} octets, page 1`,
    );

    const search = screen.getByRole('searchbox');
    await user.type(search, 'deliberation');
    await waitFor(() => expect(found()).toBe('1 sur 1'));
    const mark = document.querySelector('mark[data-current="true"]');
    expect(mark?.textContent).toBe('délibération');
    expect(mark?.closest('section')?.getAttribute('data-page')).toBe('2');
    expect(screen.getByTestId('pdf-viewer').textContent).toContain('page 2');

    await user.clear(search);
    await user.type(search, 'a');
    await waitFor(() => expect(found()).toMatch(/^1 sur \d+$/));
    await user.click(screen.getByRole('button', { name: 'Résultat suivant' }));
    expect(found()).toMatch(/^2 sur \d+$/);

    // Clicking a page of the text shows it in the viewer.
    await user.click(screen.getByRole('button', { name: 'Page 3' }));
    expect(screen.getByTestId('pdf-viewer').textContent).toContain('page 3');
    expect(
      screen
        .getByRole('button', { name: 'Page 3' })
        .closest('section')
        ?.getAttribute('aria-current'),
    ).toBe('page');

    await user.clear(search);
    await user.type(search, 'introuvable');
    await waitFor(() => expect(found()).toBe('Aucun résultat'));
  });

  it('edits the details with the version it read, and says who won after a 409', async () => {
    const theirs = aDetail({ source: 'Préfecture des Bouches-du-Rhône', version: 2 });
    const { calls } = renderDocument({
      handler: ({ method, url }) => {
        if (method === 'PATCH' && url === `/api/documents/${DOC_CADA}`)
          return apiError(409, 'stale_version', 'The document changed since version 1');
        if (method === 'GET' && url === `/api/documents/${DOC_CADA}`)
          return { status: 200, body: theirs };
        return undefined;
      },
    });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('tab', { name: 'Fiche' }));
    await user.click(screen.getByRole('button', { name: 'Modifier la fiche du document' }));
    const source = screen.getByRole('textbox', { name: /Source/ });
    await user.clear(source);
    await user.type(source, 'Mairie, courrier recommandé');
    await user.selectOptions(
      screen.getByRole('combobox', { name: /Obtenu par/ }),
      'council-meeting',
    );
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Quelqu’un d’autre vient de modifier ce document');
    await waitFor(() =>
      expect(alert.textContent).toContain(
        'Source est maintenant : Préfecture des Bouches-du-Rhône',
      ),
    );
    expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({
      source: 'Mairie, courrier recommandé',
      obtainedBy: 'council-meeting',
      version: 1,
    });
    // The draft is kept, to be saved again on top of the new version.
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: /Source/ }).value).toBe(
      'Mairie, courrier recommandé',
    );
  });

  it('tells what was removed from the file, who sees it, and where it is cited', async () => {
    const user = userEvent.setup();
    renderDocument();
    await user.click(await screen.findByRole('tab', { name: 'Fiche' }));
    const panel = screen.getByRole('tabpanel');

    expect(panel.textContent).toContain('reponse-cada.pdf');
    expect(panel.textContent).toContain('PDF (application/pdf)');
    expect(panel.textContent).toContain(aDetail().sha256);
    expect(panel.textContent).toContain('par Camille');
    expect(panel.textContent).toContain('informations du PDF : auteur, créateur, logiciel, dates');
    expect(panel.textContent).toContain('XMP : auteur, logiciel, historique');
    expect(panel.textContent).toContain(
      'Seuls les membres de Technopolice Marseille voient ce document',
    );
    expect(panel.textContent).toContain('Demande CADA');

    const cited = within(panel).getByRole('region', { name: /Cité dans/ });
    expect(
      within(cited).getByRole('link', { name: 'Vote du conseil municipal' }).getAttribute('href'),
    ).toBe(`/dossiers/${CASE_ID}`);
    expect(cited.textContent).toContain('Les discussions qui citent ce document apparaîtront ici');
  });

  it('explains a failed extraction and reads the text again on demand', async () => {
    const failed = aDetail({ textStatus: 'failed', textError: 'timeout' });
    const { calls } = renderDocument({
      detail: failed,
      text: aText({ textStatus: 'failed', textError: 'timeout', pages: [] }),
      handler: ({ method, url }) =>
        method === 'POST' && url.endsWith('/text/retry') ? { status: 202 } : undefined,
    });
    const user = userEvent.setup();

    expect(
      await screen.findByText('Le texte n’a pas pu être lu : lecture trop longue, interrompue.'),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Relancer la lecture' }));
    expect(await screen.findByText(/Lecture du texte en cours/)).toBeTruthy();
    expect(calls.some((call) => call.method === 'POST' && call.url.endsWith('/text/retry'))).toBe(
      true,
    );

    // The server says the text is ready: it is read again.
    emit('document:updated', {
      caseId: CASE_ID,
      seq: 9,
      changes: ['text'],
      document: { ...failed, textStatus: 'done', textError: null, version: 2 },
    });
    await waitFor(() =>
      expect(calls.some((call) => call.url === `/api/documents/${DOC_CADA}/text`)).toBe(true),
    );
  });

  it('shows images from their bytes', async () => {
    const created: Blob[] = [];
    vi.stubGlobal(
      'URL',
      Object.assign(class extends URL {}, {
        createObjectURL: (blob: Blob) => {
          created.push(blob);
          return `blob:test/${created.length}`;
        },
        revokeObjectURL: () => undefined,
      }),
    );
    const photo = aDetail({
      title: 'Caméra du Vieux-Port',
      family: 'image',
      mimeType: 'image/jpeg',
      fileName: 'camera.jpg',
    });
    renderDocument({ detail: photo });
    const image = await screen.findByRole('img', { name: 'Caméra du Vieux-Port' });
    await waitFor(() => expect(image.getAttribute('src')).toMatch(/^blob:test\//));
  });

  it('offers no preview of an office file, only its text and a download', async () => {
    renderDocument({
      detail: aDetail({
        family: 'office',
        mimeType: 'application/vnd.oasis.opendocument.text',
        fileName: 'cctp.odt',
      }),
    });
    expect(
      await screen.findByText(/Pas d’aperçu pour ce type de fichier : le texte extrait est à côté/),
    ).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Télécharger' })).toHaveLength(2);
  });

  it('lets only its uploader, coordinators and admins delete a document', async () => {
    renderDocument({ detail: aDetail({ uploadedBy: { id: RENARD_ID, displayName: 'Renard' } }) });
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByRole('button', { name: 'Supprimer' })).toBeNull();
  });

  it('deletes a document after asking, and goes back to its case', async () => {
    const { router, calls } = renderDocument({
      handler: ({ method }) => (method === 'DELETE' ? { status: 204 } : undefined),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Supprimer' }));
    const dialog = screen.getByRole('alertdialog', {
      name: 'Supprimer « Réponse de la mairie à la demande CADA » ?',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Supprimer le document' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/dossiers/${CASE_ID}`));
    expect(router.state.location.search).toBe('?onglet=documents');
    expect(calls.some((call) => call.method === 'DELETE')).toBe(true);
  });

  it('says so when the document does not exist or is out of reach', async () => {
    renderDocument({
      detail: null,
      handler: ({ url }) =>
        url === `/api/documents/${DOC_CADA}`
          ? apiError(404, 'not_found', 'No such document')
          : undefined,
    });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Document introuvable' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Retour aux documents' })).toBeTruthy();
  });
});
