import { CASE_STAGE_IDS, type Case, type CaseSummary, type GroupRole } from '@technopolice/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { caseKeys } from '../../lib/cases';
import { identityKeys } from '../../lib/identity';
import { GROUP_ID, RENARD_ID, someMembers } from '../../test/fixtures';
import { aMe, createTestQueryClient, renderApp, seedQueryClient } from '../../test/render';
import { type Call, fakeApi, MARSEILLE, someCases } from './test/fakeApi';

// No socket: the board is "live", and the test calls the room's listeners itself.
interface Room {
  groupId: string | undefined;
  listeners: Record<string, ((payload: never) => void) | undefined>;
}
const room = vi.hoisted((): Room => ({ groupId: undefined, listeners: {} }));
vi.mock('../../lib/socket', () => ({
  useGroupRoom: (groupId: string | undefined, listeners: typeof room.listeners) => {
    room.groupId = groupId;
    room.listeners = listeners;
    return { live: true };
  },
  // The notification bell of the app's header listens to my own events.
  usePersonalEvents: () => undefined,
}));

const OTHER_GROUP_ID = '6c2f0d4b-3a5e-4f9b-8c7d-8e9f0a1b2c3d';

function fullCase(summary: CaseSummary): Case {
  return {
    ...summary,
    description: '',
    budgetSource: '',
    actors: [],
    timeline: [],
    tasks: [],
    createdBy: null,
  };
}

interface Options {
  role?: GroupRole;
  cases?: CaseSummary[];
  handle?: (call: Call) => { status: number; body?: unknown } | undefined;
  twoGroups?: boolean;
}

/** The board at `path`, its group's cases in the cache (and behind a fake `fetch`). */
function renderBoard(
  path = '/dossiers',
  { role = 'admin', cases, handle, twoGroups }: Options = {},
) {
  const items = cases ?? someCases();
  const queryClient = seedQueryClient(createTestQueryClient());
  queryClient.setQueryData(identityKeys.members(GROUP_ID), someMembers(role));
  queryClient.setQueryData(caseKeys.list({ groupId: GROUP_ID }), { items });
  const groups = [
    { id: GROUP_ID, slug: 'marseille', name: 'Technopolice Marseille', role },
    ...(twoGroups
      ? [{ id: OTHER_GROUP_ID, slug: 'nice', name: 'Technopolice Nice', role: 'member' as const }]
      : []),
  ];
  const api = fakeApi(items, handle);
  const rendered = renderApp(path, { queryClient, me: aMe({ groups }) });
  return { ...rendered, api, items };
}

function column(stage: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(`[data-stage="${stage}"]`);
  if (!element) throw new Error(`no column ${stage}`);
  return element;
}

function cardTitles(stage: string): string[] {
  return Array.from(column(stage).querySelectorAll('[data-case-id] .case-card__title')).map(
    (node) => node.textContent ?? '',
  );
}

function search(router: { state: { location: { search: string } } }): URLSearchParams {
  return new URLSearchParams(router.state.location.search);
}

/**
 * jsdom has no layout: columns 300 px wide side by side, cards 90 px tall stacked in them, so
 * that dnd-kit's keyboard sensor finds its way.
 */
function mockBoardLayout() {
  const rect = (x: number, y: number, width: number, height: number) =>
    ({
      x,
      y,
      left: x,
      top: y,
      width,
      height,
      right: x + width,
      bottom: y + height,
      toJSON: () => ({}),
    }) as DOMRect;
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    // The copy under the pointer stands where the dragged card stood.
    const source = this.closest('.case-card--overlay')
      ? document.querySelector('[data-case-id][data-dragging]')
      : this;
    const columnElement = source?.closest('[data-stage]');
    if (!source || !columnElement) return rect(0, 0, 0, 0);
    const x = CASE_STAGE_IDS.indexOf(columnElement.getAttribute('data-stage') as never) * 300;
    const card = source.closest('[data-case-id]');
    if (card?.parentElement) {
      const index = Array.from(card.parentElement.children).indexOf(card);
      return rect(x + 10, 100 + index * 100, 280, 90);
    }
    return rect(x, 0, 300, 1000);
  });
}

describe('case board', () => {
  it('shows the five stages in order with their counts and the cards in them', () => {
    renderBoard();

    expect(screen.getByRole('heading', { level: 1, name: 'Dossiers' })).toBeTruthy();
    const headings = screen
      .getAllByRole('heading', { level: 2 })
      .map((heading) => heading.textContent);
    expect(headings).toEqual(['Ouvert', 'En enquête', 'Rédaction', 'Relecture', 'Publié']);
    expect(
      CASE_STAGE_IDS.map(
        (stage) => column(stage).querySelector('.board-column__count [aria-hidden]')?.textContent,
      ),
    ).toEqual(['2', '1', '1', '2', '0']);
    expect(cardTitles('open')).toEqual([
      'VSA au stade Vélodrome',
      'Capteurs sonores du Cours Julien',
    ]);
    expect(screen.getByText('6 dossiers')).toBeTruthy();

    const card = column('open').querySelector<HTMLElement>('[data-case-id]')!;
    expect(card.dataset.caseId).toBe('c0000000-0000-4000-8000-000000000001');
    expect(within(card).getByText('Marseille (13)')).toBeTruthy();
    expect(within(card).getByText('Expérimentation')).toBeTruthy();
    expect(within(card).getByText('Drones')).toBeTruthy();
    expect(within(card).getByText('#jo2024')).toBeTruthy();
    expect(within(card).getByText('2 tâches ouvertes')).toBeTruthy();
    expect(within(card).getByRole('img', { name: 'Tâches confiées à Renard, Hibou' })).toBeTruthy();
    const link = within(card).getByRole('link', { name: 'VSA au stade Vélodrome' });
    expect(link.getAttribute('href')).toBe('/dossiers/c0000000-0000-4000-8000-000000000001');
    expect(link.getAttribute('aria-roledescription')).toBe('dossier déplaçable');
    expect(screen.getByText('En direct')).toBeTruthy();
  });

  it('counts each technology as a facet chip, and writes the chosen ones in the address', async () => {
    const user = userEvent.setup();
    const { router, api } = renderBoard();

    const facets = screen.getByRole('list', { name: 'Technologies' });
    const drones = within(facets).getByRole('button', { name: /^Drones/ });
    expect(drones.textContent).toContain('2');
    expect(drones.getAttribute('aria-pressed')).toBe('false');

    await user.click(drones);
    expect(search(router).get('techno')).toBe('drones');
    expect(drones.getAttribute('aria-pressed')).toBe('true');

    // The API is asked with the filter, and the board shows its answer.
    await waitFor(() => expect(cardTitles('open')).toEqual(['VSA au stade Vélodrome']));
    const call = api.calls.find((entry) => entry.url.searchParams.get('technology') === 'drones');
    expect(call?.url.searchParams.get('groupId')).toBe(GROUP_ID);
    expect(screen.getByText('2 dossiers correspondent aux filtres')).toBeTruthy();

    // Back in history: no filter again.
    await act(() => router.navigate(-1));
    expect(search(router).get('techno')).toBeNull();
    await waitFor(() => expect(cardTitles('open')).toHaveLength(2));
  });

  it('keeps text, member and status filters in the address, and clears them together', async () => {
    const user = userEvent.setup();
    const { router, api } = renderBoard();

    await user.type(
      screen.getByRole('searchbox', { name: 'Rechercher dans les dossiers' }),
      'drones',
    );
    await waitFor(() => expect(search(router).get('q')).toBe('drones'));
    await waitFor(() => expect(cardTitles('open')).toEqual([]));
    expect(cardTitles('investigating')).toEqual(['Drones de la police municipale']);

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Filtrer par membre' }),
      'Renard',
    );
    expect(search(router).get('membre')).toBe(RENARD_ID);

    await user.click(screen.getByText('Statut du projet', { selector: 'summary' }));
    await user.click(screen.getByRole('checkbox', { name: /Déployé/ }));
    expect(search(router).get('statut')).toBe('deployed');
    await waitFor(() =>
      expect(
        api.calls.some(
          (call) =>
            call.url.searchParams.get('projectStatus') === 'deployed' &&
            call.url.searchParams.get('assigneeId') === RENARD_ID &&
            call.url.searchParams.get('q') === 'drones',
        ),
      ).toBe(true),
    );

    await user.click(screen.getAllByRole('button', { name: 'Effacer les filtres' })[0]!);
    expect(['q', 'membre', 'statut'].map((key) => search(router).get(key))).toEqual([
      null,
      null,
      null,
    ]);
    expect(
      screen.getByRole<HTMLInputElement>('searchbox', { name: 'Rechercher dans les dossiers' })
        .value,
    ).toBe('');
  });

  it('reproduces a view from a shared link', async () => {
    renderBoard(`/dossiers?techno=drones&ville=${MARSEILLE.code}`);
    await waitFor(() => expect(cardTitles('open')).toEqual(['VSA au stade Vélodrome']));
    expect(cardTitles('investigating')).toEqual([]);
    const city = await screen.findByRole<HTMLInputElement>('combobox', {
      name: 'Filtrer par commune',
    });
    await waitFor(() => expect(city.value).toBe('Marseille (13)'));
  });

  it('moves a card to the next stage with the keyboard and sends the move', async () => {
    mockBoardLayout();
    const user = userEvent.setup();
    const { api, items } = renderBoard('/dossiers', {
      handle: (call) => {
        if (call.method !== 'PATCH') return undefined;
        const moved = items.find((item) => call.url.pathname.endsWith(item.id))!;
        const body = call.body as { stage: CaseSummary['stage']; position: number };
        return {
          status: 200,
          body: fullCase({ ...moved, ...body, version: moved.version + 1, seq: moved.seq + 1 }),
        };
      },
    });

    const link = screen.getByRole('link', { name: 'Capteurs sonores du Cours Julien' });
    link.focus();
    await user.keyboard(' ');
    await user.keyboard('{ArrowRight}');
    await user.keyboard(' ');

    await waitFor(() => expect(api.calls.some((call) => call.method === 'PATCH')).toBe(true));
    const patch = api.calls.find((call) => call.method === 'PATCH')!;
    expect(patch.url.pathname).toBe('/api/cases/c0000000-0000-4000-8000-000000000002');
    expect(patch.body).toMatchObject({ stage: 'investigating', version: 1 });
    expect(typeof (patch.body as { position: unknown }).position).toBe('number');
    await waitFor(() =>
      expect(cardTitles('investigating')).toContain('Capteurs sonores du Cours Julien'),
    );
    expect(cardTitles('open')).toEqual(['VSA au stade Vélodrome']);
    expect(column('investigating').querySelector('.board-column__count')?.textContent).toBe(
      '22 dossiers',
    );
  });

  it('refuses a move to "Publié" and says why, without calling the API', async () => {
    mockBoardLayout();
    const user = userEvent.setup();
    const { api } = renderBoard();

    screen.getByRole('link', { name: 'Audit de la vidéoprotection' }).focus();
    await user.keyboard(' ');
    expect(column('published').dataset.drop).toBe('forbidden');
    expect(column('investigating').dataset.drop).toBe('allowed');
    expect(within(column('published')).getByText('Uniquement en publiant')).toBeTruthy();
    await user.keyboard('{ArrowRight}');
    await user.keyboard(' ');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Déplacement vers « Publié » impossible');
    expect(alert.textContent).toContain('lorsque sa synthèse est publiée');
    expect(api.calls.some((call) => call.method === 'PATCH')).toBe(false);
    expect(cardTitles('review')).toContain('Audit de la vidéoprotection');
    expect(column('published').dataset.drop).toBeUndefined();
  });

  it('puts the card back and tells why when someone else changed the case meanwhile', async () => {
    mockBoardLayout();
    const user = userEvent.setup();
    const { api } = renderBoard('/dossiers', {
      handle: (call) =>
        call.method === 'PATCH'
          ? {
              status: 409,
              body: {
                statusCode: 409,
                code: 'stale_version',
                message: 'The case changed since version 1',
                details: [{ path: 'version', message: 'is stale' }],
              },
            }
          : undefined,
    });

    screen.getByRole('link', { name: 'Capteurs sonores du Cours Julien' }).focus();
    await user.keyboard(' ');
    await user.keyboard('{ArrowRight}');
    await user.keyboard(' ');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      '« Capteurs sonores du Cours Julien » a été modifié entre-temps',
    );
    await waitFor(() => expect(cardTitles('open')).toContain('Capteurs sonores du Cours Julien'));
    // The lists are fetched again after a stale version.
    await waitFor(() =>
      expect(
        api.calls.filter((call) => call.method === 'GET' && call.url.pathname === '/api/cases')
          .length,
      ).toBeGreaterThan(0),
    );
  });

  it('sorts the list view from its column headers, in the address', async () => {
    const user = userEvent.setup();
    const { router } = renderBoard('/dossiers?vue=liste');

    const table = screen.getByRole('table');
    const titles = () =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((row) => within(row).getAllByRole('cell')[0]?.querySelector('a')?.textContent);
    // Default: last updated first.
    expect(titles()[0]).toBe('Hyperviseur urbain');
    const updated = screen.getByRole('columnheader', { name: /Mis à jour/ });
    expect(updated.getAttribute('aria-sort')).toBe('descending');

    await user.click(screen.getByRole('button', { name: /^Titre/ }));
    expect(search(router).get('tri')).toBe('titre');
    expect(search(router).get('ordre')).toBe('asc');
    expect(screen.getByRole('columnheader', { name: /Titre/ }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    expect(updated.getAttribute('aria-sort')).toBeNull();
    expect(titles()).toEqual([
      'Audit de la vidéoprotection',
      'Capteurs sonores du Cours Julien',
      'Drones de la police municipale',
      'Hyperviseur urbain',
      'Reconnaissance faciale au lycée',
      'VSA au stade Vélodrome',
    ]);

    await user.click(screen.getByRole('button', { name: /^Titre/ }));
    expect(search(router).get('ordre')).toBe('desc');
    expect(titles()[0]).toBe('VSA au stade Vélodrome');

    await user.click(screen.getByRole('button', { name: /^Tâches ouvertes/ }));
    expect(titles()[0]).toBe('VSA au stade Vélodrome');
    expect(search(router).get('tri')).toBe('taches');
  });

  it('creates a case with the city picker and opens it', async () => {
    const user = userEvent.setup();
    const { api, router, items } = renderBoard('/dossiers', {
      handle: (call) => {
        if (call.method !== 'POST') return undefined;
        const body = call.body as { title: string; technologies: CaseSummary['technologies'] };
        return {
          status: 201,
          body: fullCase({
            ...items[0]!,
            id: 'c0000000-0000-4000-8000-000000000099',
            title: body.title,
            technologies: body.technologies,
          }),
        };
      },
    });

    await user.click(screen.getByRole('button', { name: 'Nouveau dossier' }));
    const dialog = screen.getByRole('dialog', { name: 'Nouveau dossier' });
    await user.type(within(dialog).getByLabelText('Titre'), 'Caméras « intelligentes » au port');

    const city = within(dialog).getByRole('combobox', { name: 'Commune' });
    expect(city.getAttribute('aria-expanded')).toBe('false');
    await user.type(city, 'mars');
    const listbox = await within(dialog).findByRole('listbox');
    await waitFor(() => expect(within(listbox).getAllByRole('option')).toHaveLength(2));
    expect(city.getAttribute('aria-expanded')).toBe('true');
    expect(
      api.calls.some(
        (call) => call.url.pathname === '/api/cities' && call.url.searchParams.get('q') === 'mars',
      ),
    ).toBe(true);
    // Debounced: one request for the whole word, none per letter.
    expect(api.calls.filter((call) => call.url.pathname === '/api/cities')).toHaveLength(1);

    await user.keyboard('{ArrowDown}');
    const first = within(listbox).getAllByRole('option')[0]!;
    expect(first.getAttribute('aria-selected')).toBe('true');
    expect(city.getAttribute('aria-activedescendant')).toBe(first.id);
    await user.keyboard('{Enter}');
    expect((city as HTMLInputElement).value).toBe('Marseille (13)');
    expect(city.getAttribute('aria-expanded')).toBe('false');

    await user.click(within(dialog).getByRole('checkbox', { name: 'Drones' }));
    await user.click(within(dialog).getByRole('button', { name: 'Créer le dossier' }));

    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/dossiers/c0000000-0000-4000-8000-000000000099'),
    );
    const post = api.calls.find((call) => call.method === 'POST')!;
    expect(post.url.pathname).toBe(`/api/groups/${GROUP_ID}/cases`);
    expect(post.body).toEqual({
      title: 'Caméras « intelligentes » au port',
      cityCode: '13055',
      technologies: ['drones'],
      projectStatus: 'announced',
    });
  });

  it('checks the new case before sending, and shows the server’s field errors on the fields', async () => {
    const user = userEvent.setup();
    const { api } = renderBoard('/dossiers', {
      handle: (call) =>
        call.method === 'POST'
          ? {
              status: 400,
              body: {
                statusCode: 400,
                code: 'validation_failed',
                message: 'Invalid case',
                details: [{ path: 'cityCode', message: 'is not a known INSEE commune code' }],
              },
            }
          : undefined,
    });

    await user.click(screen.getByRole('button', { name: 'Nouveau dossier' }));
    const dialog = screen.getByRole('dialog', { name: 'Nouveau dossier' });
    await user.click(within(dialog).getByRole('button', { name: 'Créer le dossier' }));
    expect(within(dialog).getByText('Ce champ est obligatoire.')).toBeTruthy();
    expect(within(dialog).getByText('Choisissez une commune dans la liste.')).toBeTruthy();
    expect(within(dialog).getByText('Cochez au moins une technologie.')).toBeTruthy();
    expect(api.calls.some((call) => call.method === 'POST')).toBe(false);

    await user.type(within(dialog).getByLabelText('Titre'), 'Drones');
    await user.type(within(dialog).getByRole('combobox', { name: 'Commune' }), 'nic');
    await user.click(await within(dialog).findByRole('option', { name: /Nice \(06\)/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Drones' }));
    await user.click(within(dialog).getByRole('button', { name: 'Créer le dossier' }));

    const error = await within(dialog).findByText('is not a known INSEE commune code');
    expect(error.closest('[id]')?.id).toBe('new-case-city-error');
    expect(
      within(dialog).getByRole('combobox', { name: 'Commune' }).getAttribute('aria-invalid'),
    ).toBe('true');
  });

  it('imports a CSV and shows what was created and what was refused', async () => {
    const user = userEvent.setup();
    const { api } = renderBoard('/dossiers', {
      handle: (call) =>
        call.method === 'POST' && call.url.pathname.endsWith('/cases/import')
          ? {
              status: 200,
              body: {
                created: [{ row: 2, id: 'c0000000-0000-4000-8000-000000000042', title: 'Drones' }],
                rejected: [{ row: 3, errors: [{ path: 'cityCode', message: 'unknown city' }] }],
              },
            }
          : undefined,
    });

    const file = new File(['title,cityCode\nDrones,13055\nX,00000\n'], 'dossiers.csv', {
      type: 'text/csv',
    });
    await user.upload(screen.getByLabelText('Fichier CSV à importer'), file);

    const dialog = await screen.findByRole('dialog', { name: 'Rapport d’import' });
    expect(dialog.textContent).toContain('1 dossier créé. 1 ligne refusée.');
    expect(within(dialog).getByRole('link', { name: 'Drones' }).getAttribute('href')).toBe(
      '/dossiers/c0000000-0000-4000-8000-000000000042',
    );
    expect(within(dialog).getByText('unknown city')).toBeTruthy();
    const post = api.calls.find((call) => call.url.pathname.endsWith('/cases/import'))!;
    expect(post.headers.get('Content-Type')).toBe('text/csv');
    expect(post.body).toBe('title,cityCode\nDrones,13055\nX,00000\n');
  });

  it('offers the import to admins and coordinators only; export to everyone', () => {
    renderBoard('/dossiers', { role: 'member' });
    expect(screen.queryByRole('button', { name: 'Importer un CSV' })).toBeNull();
    expect(screen.getByText('Exporter')).toBeTruthy();
  });

  it('downloads an export with the API answer as a file', async () => {
    const user = userEvent.setup();
    const created: string[] = [];
    URL.createObjectURL = vi.fn(() => 'blob:export');
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      created.push(this.download);
    });
    const { api } = renderBoard('/dossiers', {
      handle: (call) =>
        call.url.pathname.endsWith('/cases/export') ? { status: 200, body: [] } : undefined,
    });

    await user.click(screen.getByText('Exporter'));
    await user.click(screen.getByRole('button', { name: 'Données (JSON)' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const call = api.calls.find((entry) => entry.url.pathname.endsWith('/cases/export'))!;
    expect(call.url.searchParams.get('format')).toBe('json');
    expect(created[0]).toMatch(/^dossiers-\d{4}-\d{2}-\d{2}\.json$/);
  });

  it('shows the group chosen in the address, and lets one switch groups', async () => {
    const user = userEvent.setup();
    const { router } = renderBoard('/dossiers', { twoGroups: true });
    const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Groupe' });
    expect(select.value).toBe(GROUP_ID);
    await user.selectOptions(select, 'Technopolice Nice');
    expect(search(router).get('groupe')).toBe(OTHER_GROUP_ID);
  });

  it('points people without a group to the groups page', () => {
    const queryClient = seedQueryClient(createTestQueryClient());
    renderApp('/dossiers', { queryClient, me: aMe() });
    expect(screen.getByRole('heading', { name: 'Aucun dossier pour l’instant' })).toBeTruthy();
    expect(screen.getByText(/Les dossiers appartiennent à un groupe local/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Voir les groupes' }).getAttribute('href')).toBe(
      '/groupes',
    );
  });

  it('invites to open the first case when the group has none', () => {
    renderBoard('/dossiers', { cases: [] });
    expect(screen.getByRole('heading', { name: 'Aucun dossier pour l’instant' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ouvrir le premier dossier' })).toBeTruthy();
  });

  it('shows other members’ changes as they arrive in the group room', async () => {
    const { items, queryClient } = renderBoard();
    expect(room.groupId).toBe(GROUP_ID);
    const moved = { ...items[0]!, stage: 'investigating' as const, version: 2, seq: 2 };
    act(() =>
      room.listeners['case:updated']?.({
        caseId: moved.id,
        seq: 2,
        case: moved,
        changes: ['stage'],
      } as never),
    );
    await waitFor(() => expect(cardTitles('investigating')).toContain('VSA au stade Vélodrome'));
    expect(cardTitles('open')).toEqual(['Capteurs sonores du Cours Julien']);

    // An older event does not undo a newer state.
    act(() =>
      room.listeners['case:updated']?.({
        caseId: moved.id,
        seq: 1,
        case: items[0],
        changes: [],
      } as never),
    );
    expect(cardTitles('investigating')).toContain('VSA au stade Vélodrome');

    const created = {
      ...items[1]!,
      id: 'c0000000-0000-4000-8000-000000000077',
      title: 'Nouveau',
      seq: 1,
    };
    act(() =>
      room.listeners['case:created']?.({ caseId: created.id, seq: 1, case: created } as never),
    );
    await waitFor(() => expect(cardTitles('open')).toContain('Nouveau'));

    act(() => room.listeners['case:deleted']?.({ caseId: created.id, groupId: GROUP_ID } as never));
    await waitFor(() => expect(cardTitles('open')).not.toContain('Nouveau'));

    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    act(() => room.listeners.onResync?.(undefined as never));
    expect(invalidate).toHaveBeenCalledWith({ queryKey: caseKeys.lists() });
  });

  it('switches views from the toolbar', async () => {
    const user = userEvent.setup();
    const { router } = renderBoard();
    await user.click(screen.getByRole('button', { name: 'Liste' }));
    expect(search(router).get('vue')).toBe('liste');
    expect(screen.getByRole('table')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Tableau' }));
    expect(search(router).get('vue')).toBeNull();
  });
});
