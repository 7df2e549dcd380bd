import type { CaseDocument, DocumentKind } from '@technopolice/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api';
import { caseKeys } from '../../lib/cases';
import { documentKeys, type DocumentList } from '../../lib/documents';
import { identityKeys } from '../../lib/identity';
import { GROUP_ID, someMembers } from '../../test/fixtures';
import { aMe, createTestQueryClient, renderApp, seedQueryClient } from '../../test/render';
import { casePageKeys } from '../case-page/api';
import { aCase } from '../case-page/fixtures';
import { aDocument, CASE_ID, DOC_CADA, DOC_PHOTO, someDocuments } from './fixtures';
import { stubFetch } from './test/api';
import type { Transport, TransportEvents, UploadRequest } from './upload/queue';

/** What the page handed to `useCaseRoom`, so that tests can play the server's part. */
const room = vi.hoisted(() => ({
  listeners: null as null | Record<string, ((payload: never) => void) | undefined>,
}));

vi.mock('../../lib/socket', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/socket')>()),
  useCaseRoom: (_caseId: string | undefined, listeners: Record<string, () => void>) => {
    room.listeners = listeners;
    return { live: true, viewers: [] };
  },
}));

/** Transports the tests drive by hand instead of sending bytes. */
const sent = vi.hoisted(() => ({
  transports: [] as {
    request: UploadRequest;
    events: TransportEvents;
    resumable: boolean;
    calls: string[];
  }[],
}));

vi.mock('./upload/transports', () => ({
  createTransport: (request: UploadRequest, events: TransportEvents, resumable: boolean) => {
    const calls: string[] = [];
    sent.transports.push({ request, events, resumable, calls });
    const transport: Transport = {
      start: () => calls.push('start'),
      pause: () => calls.push('pause'),
      cancel: () => calls.push('cancel'),
    };
    return transport;
  },
  interruptedUploads: () => Promise.resolve([]),
  abandonUpload: () => Promise.resolve(),
}));

function emit(name: string, payload: unknown) {
  const listener = room.listeners?.[name] as ((payload: unknown) => void) | undefined;
  if (!listener) throw new Error(`no listener for ${name}`);
  act(() => listener(payload));
}

const me = aMe({
  groups: [{ id: GROUP_ID, slug: 'marseille', name: 'Technopolice Marseille', role: 'member' }],
});

function renderTab(documents: CaseDocument[] = someDocuments(), tab = 'documents') {
  const queryClient = seedQueryClient(createTestQueryClient());
  queryClient.setQueryData(caseKeys.detail(CASE_ID), aCase());
  queryClient.setQueryData(identityKeys.members(GROUP_ID), someMembers('member'));
  queryClient.setQueryData(casePageKeys.events(CASE_ID), { items: [], hasOlder: false });
  queryClient.setQueryData<DocumentList>(documentKeys.caseList(CASE_ID), { items: documents });
  const path = tab === 'enquete' ? `/dossiers/${CASE_ID}` : `/dossiers/${CASE_ID}?onglet=${tab}`;
  return renderApp(path, { queryClient, me });
}

const listed = () =>
  within(screen.getByRole('list', { name: 'Documents du dossier' }))
    .getAllByRole('listitem')
    .map((row) => row.querySelector('.document-row__title')?.textContent);

/** Intl separates numbers from units with narrow no-break spaces. */
const spaced = (text: string | null) => (text ?? '').replace(/[\u202f\u00a0]/g, ' ');

const file = (name: string, size: number, type = 'application/pdf') =>
  new File([new Uint8Array(size)], name, { type });

/** Drops files on the zone as a hand does. */
function drop(files: File[]) {
  const zone = document.querySelector('.drop-zone');
  if (!zone) throw new Error('no drop zone');
  const dataTransfer = { files, types: ['Files'], dropEffect: 'none' };
  fireEvent.dragEnter(zone, { dataTransfer });
  fireEvent.dragOver(zone, { dataTransfer });
  fireEvent.drop(zone, { dataTransfer });
}

beforeEach(() => {
  room.listeners = null;
  sent.transports = [];
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the Documents tab of a case', () => {
  it('lists the documents with their text status, filters them by kind and sorts them', async () => {
    stubFetch();
    const user = userEvent.setup();
    renderTab();

    expect(screen.getByRole('tab', { name: 'Documents 4' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    // Promises made before anything is dropped.
    const panel = screen.getByRole('tabpanel');
    expect(panel.textContent).toContain('débarrassés de leurs métadonnées');
    expect(panel.textContent).toContain('position GPS');
    expect(panel.textContent).toContain('restent privés au groupe');

    // Latest upload first.
    expect(listed()).toEqual([
      'Délibération du conseil municipal',
      'Réponse de la mairie à la demande CADA',
      'Caméra du Vieux-Port',
      'Contrat Thales',
    ]);
    const row = (title: string) =>
      screen.getByRole('link', { name: title }).closest('li') as HTMLElement;
    expect(row('Réponse de la mairie à la demande CADA').textContent).toContain(
      'Texte extrait · 12 pages',
    );
    expect(row('Réponse de la mairie à la demande CADA').textContent).toContain(
      'Réponse à une demande CADA',
    );
    expect(row('Réponse de la mairie à la demande CADA').textContent).toContain('12 mars 2025');
    expect(row('Délibération du conseil municipal').textContent).toContain('Lecture du texte…');
    expect(row('Contrat Thales').textContent).toContain(
      'Texte illisible : PDF protégé par un mot de passe',
    );
    expect(row('Contrat Thales').textContent).toContain('Sans date');
    expect(row('Caméra du Vieux-Port').textContent).toContain('Pas de texte');
    expect(screen.getByRole('link', { name: 'Caméra du Vieux-Port' }).getAttribute('href')).toBe(
      `/documents/${DOC_PHOTO}`,
    );

    const filters = screen.getByRole('group', { name: 'Filtrer par type' });
    await user.click(within(filters).getByRole('button', { name: 'Photo 1' }));
    expect(listed()).toEqual(['Caméra du Vieux-Port']);
    await user.click(within(filters).getByRole('button', { name: 'Tous 4' }));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Trier par' }), 'title');
    expect(listed()).toEqual([
      'Caméra du Vieux-Port',
      'Contrat Thales',
      'Délibération du conseil municipal',
      'Réponse de la mairie à la demande CADA',
    ]);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Trier par' }), 'date');
    expect(listed()).toEqual([
      'Caméra du Vieux-Port',
      'Réponse de la mairie à la demande CADA',
      'Délibération du conseil municipal',
      'Contrat Thales',
    ]);
  });

  it('uploads dropped files with their progress, pauses large ones, and says why others fail', async () => {
    stubFetch();
    const user = userEvent.setup();
    renderTab([]);

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Type des documents déposés' }),
      'foi-answer',
    );
    drop([
      file('reponse-cada.pdf', 2 * 1024 * 1024),
      file('scan-complet.pdf', 9 * 1024 * 1024),
      file('installeur.exe', 10, 'application/octet-stream'),
      file('chiffre.pdf', 1000),
    ]);

    const uploads = screen.getByRole('region', { name: 'Dépôts' });
    const item = (name: string) => within(uploads).getByText(name).closest('li') as HTMLElement;
    // Refused before sending: the server would not take it.
    expect(item('installeur.exe').textContent).toContain('Les fichiers .exe ne sont pas acceptés.');
    // Three at once; the small ones as multipart, the large one resumable.
    expect(sent.transports.map((t) => [t.request.file.name, t.resumable])).toEqual([
      ['reponse-cada.pdf', false],
      ['scan-complet.pdf', true],
      ['chiffre.pdf', false],
    ]);
    expect(sent.transports[0]?.request.fields).toEqual({
      title: 'reponse-cada',
      kind: 'foi-answer',
    });

    const [small, large, encrypted] = sent.transports;
    act(() => small?.events.progress(1024 * 1024));
    expect(spaced(item('reponse-cada.pdf').textContent)).toContain('1 Mo sur 2 Mo · 50 %');
    expect(
      within(item('reponse-cada.pdf'))
        .getByRole('progressbar', { name: 'Progression du dépôt de reponse-cada.pdf' })
        .getAttribute('value'),
    ).toBe('50');
    // Only the large one can pause.
    expect(within(item('reponse-cada.pdf')).queryByRole('button', { name: /pause/ })).toBeNull();
    await user.click(
      within(item('scan-complet.pdf')).getByRole('button', {
        name: 'Mettre en pause le dépôt de scan-complet.pdf',
      }),
    );
    expect(large?.calls).toEqual(['start', 'pause']);
    expect(item('scan-complet.pdf').textContent).toContain('En pause');
    await user.click(
      within(item('scan-complet.pdf')).getByRole('button', {
        name: 'Reprendre le dépôt de scan-complet.pdf',
      }),
    );
    expect(large?.calls).toEqual(['start', 'pause', 'start']);

    act(() =>
      encrypted?.events.failure(
        new ApiError({
          statusCode: 422,
          code: 'document_encrypted',
          message: 'The PDF is password-protected',
        }),
      ),
    );
    expect(within(item('chiffre.pdf')).getByRole('alert').textContent).toContain(
      'Ce PDF est protégé par un mot de passe',
    );
    expect(within(item('chiffre.pdf')).queryByRole('button', { name: 'Réessayer' })).toBeNull();

    act(() => small?.events.processing());
    expect(item('reponse-cada.pdf').textContent).toContain('retrait des métadonnées');
    const stored = aDocument({ title: 'reponse-cada', createdAt: new Date().toISOString() });
    act(() => small?.events.success(stored));
    expect(item('reponse-cada.pdf').textContent).toContain('Déposé');
    expect(
      within(item('reponse-cada.pdf')).getByRole('link', { name: 'Ouvrir' }).getAttribute('href'),
    ).toBe(`/documents/${DOC_CADA}`);
    // It is in the list, and the tab counts it, without waiting for the live event.
    await waitFor(() => expect(listed()).toEqual(['reponse-cada']));
    expect(screen.getByRole('tab', { name: 'Documents 1' })).toBeTruthy();

    await user.click(within(item('scan-complet.pdf')).getByRole('button', { name: /Annuler/ }));
    expect(large?.calls.at(-1)).toBe('cancel');
    await user.click(screen.getByRole('button', { name: 'Retirer les dépôts terminés' }));
    expect(screen.queryByRole('region', { name: 'Dépôts' })).toBeNull();
  });

  it('explains a file whose content does not match its name, and retries a cut connection', async () => {
    stubFetch();
    renderTab([]);
    drop([file('photo.pdf', 500), file('long.pdf', 800)]);
    const [lying, cut] = sent.transports;

    act(() =>
      lying?.events.failure(
        new ApiError({
          statusCode: 415,
          code: 'unsupported_media_type',
          message: 'photo.pdf is named .pdf but its bytes are image/png',
        }),
      ),
    );
    const uploads = screen.getByRole('region', { name: 'Dépôts' });
    const alerts = within(uploads).getAllByRole('alert');
    expect(alerts[0]?.textContent).toContain(
      'Le contenu de ce fichier ne correspond pas à son extension .pdf',
    );
    expect(alerts[0]?.textContent).toContain('its bytes are image/png');

    act(() =>
      cut?.events.failure(new ApiError({ statusCode: 0, code: 'network_error', message: 'x' })),
    );
    await userEvent.click(within(uploads).getByRole('button', { name: 'Réessayer' }));
    expect(sent.transports).toHaveLength(3);
    expect(sent.transports[2]?.request.file.name).toBe('long.pdf');
  });

  it('follows documents added, read and removed by others, live', async () => {
    stubFetch();
    renderTab([aDocument()]);
    expect(screen.getByRole('tab', { name: 'Documents 1' })).toBeTruthy();

    const added = aDocument({
      id: 'd0000000-0000-4000-8000-000000000009',
      title: 'Marché public de vidéoprotection',
      kind: 'tender' as DocumentKind,
      textStatus: 'pending',
      createdAt: new Date().toISOString(),
    });
    emit('document:added', { caseId: CASE_ID, seq: 4, document: added });
    // The cache tells its observers a tick later.
    await waitFor(() =>
      expect(listed()).toEqual([
        'Marché public de vidéoprotection',
        'Réponse de la mairie à la demande CADA',
      ]),
    );
    expect(screen.getByRole('tab', { name: 'Documents 2' })).toBeTruthy();
    const row = () =>
      screen.getByRole('link', { name: 'Marché public de vidéoprotection' }).closest('li');
    expect(row()?.textContent).toContain('Lecture du texte…');

    emit('document:updated', {
      caseId: CASE_ID,
      seq: 5,
      changes: ['text'],
      document: { ...added, textStatus: 'done', pages: 3, version: 2 },
    });
    await waitFor(() => expect(row()?.textContent).toContain('Texte extrait · 3 pages'));

    emit('document:deleted', { caseId: CASE_ID, seq: 6, documentId: DOC_CADA });
    await waitFor(() => expect(listed()).toEqual(['Marché public de vidéoprotection']));
  });

  it('cites a document of the case in a timeline entry, shown as a link to it', async () => {
    const calls = stubFetch(({ method, url }) =>
      method === 'POST' && url === `/api/cases/${CASE_ID}/timeline`
        ? {
            status: 201,
            body: {
              id: 'e1000000-0000-4000-8000-000000000009',
              date: '2025-03-12',
              title: 'Réponse de la mairie',
              documentId: DOC_CADA,
            },
          }
        : undefined,
    );
    const user = userEvent.setup();
    renderTab(someDocuments(), 'enquete');

    const timeline = screen.getByRole('region', { name: 'Chronologie' });
    await user.click(within(timeline).getByRole('button', { name: 'Ajouter un événement' }));
    await user.type(within(timeline).getByLabelText('Date'), '2025-03-12');
    await user.type(within(timeline).getByLabelText('Événement'), 'Réponse de la mairie');
    const picker = within(timeline).getByRole('combobox', { name: 'Document cité' });
    // The case's documents, by title.
    expect(Array.from((picker as HTMLSelectElement).options).map((o) => o.text)).toEqual([
      'Aucun',
      'Caméra du Vieux-Port',
      'Contrat Thales',
      'Délibération du conseil municipal',
      'Réponse de la mairie à la demande CADA',
    ]);
    await user.selectOptions(picker, DOC_CADA);
    await user.click(within(timeline).getByRole('button', { name: 'Ajouter à la chronologie' }));

    await waitFor(() =>
      expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
        date: '2025-03-12',
        title: 'Réponse de la mairie',
        documentId: DOC_CADA,
      }),
    );
    const link = await within(timeline).findByRole('link', {
      name: 'Ouvrir le document « Réponse de la mairie à la demande CADA »',
    });
    expect(link.getAttribute('href')).toBe(`/documents/${DOC_CADA}`);
  });
});
