import type { CaseEvent } from '@technopolice/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { caseKeys } from '../../lib/cases';
import { identityKeys } from '../../lib/identity';
import { GROUP_ID, ME_ID, RENARD_ID, someMembers } from '../../test/fixtures';
import { aMe, createTestQueryClient, renderApp, seedQueryClient } from '../../test/render';
import { casePageKeys, type CaseFeed } from './api';
import { aCase, anEvent, CASE_ID, hoursAgo, TASK_CADA } from './fixtures';

/** What the page handed to `useCaseRoom`, so that tests can play the server's part. */
const room = vi.hoisted(() => ({
  listeners: null as null | Record<string, ((payload: never) => void) | undefined>,
  live: true,
  viewers: [] as { id: string; displayName: string }[],
}));

vi.mock('../../lib/socket', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/socket')>()),
  useCaseRoom: (_caseId: string | undefined, listeners: Record<string, () => void>) => {
    room.listeners = listeners;
    return { live: room.live, viewers: room.viewers };
  },
}));

/** Plays a server event on the case room. */
function emit(name: string, payload: unknown) {
  const listener = room.listeners?.[name] as ((payload: unknown) => void) | undefined;
  if (!listener) throw new Error(`no listener for ${name}`);
  listener(payload);
}

interface Call {
  method: string;
  url: string;
  body: unknown;
}

type Answer = { status: number; body?: unknown };

/**
 * Replaces `fetch`: `handler` answers what it knows, everything else gets the fixture case or an
 * empty list. Returns the calls made, in order.
 */
function stubFetch(handler: (call: Call) => Answer | undefined = () => undefined): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string | URL, init?: RequestInit) => {
      const url = input.toString();
      const method = init?.method ?? 'GET';
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
      const call = { method, url, body };
      calls.push(call);
      const answer =
        handler(call) ??
        (url.includes('/events') ? { status: 200, body: { items: [], nextCursor: null } } : null) ??
        (method === 'GET' && url === `/api/cases/${CASE_ID}`
          ? { status: 200, body: aCase() }
          : { status: 200, body: { items: [], nextCursor: null } });
      return Promise.resolve(
        new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
          status: answer.status,
          headers: { 'Content-Type': 'application/json' },
        }),
      );
    }),
  );
  return calls;
}

const me = aMe({
  groups: [{ id: GROUP_ID, slug: 'marseille', name: 'Technopolice Marseille', role: 'member' }],
});

const defaultEvents: CaseEvent[] = [
  anEvent(
    3,
    'task.created',
    { taskId: TASK_CADA, title: 'Demande CADA à la mairie' },
    {
      id: RENARD_ID,
      displayName: 'Renard',
    },
  ),
  anEvent(2, 'case.moved', { from: 'open', to: 'investigating' }, undefined, hoursAgo(3)),
  anEvent(
    1,
    'case.created',
    { title: 'Vidéosurveillance algorithmique à Marseille', stage: 'open' },
    undefined,
    hoursAgo(24 * 5),
  ),
];

/** The case page with the case, the members and the feed already in the cache. */
function renderCase({
  events = defaultEvents,
  hasOlder = false,
  seedCase = true,
}: { events?: CaseEvent[]; hasOlder?: boolean; seedCase?: boolean } = {}) {
  const queryClient = seedQueryClient(createTestQueryClient());
  if (seedCase) queryClient.setQueryData(caseKeys.detail(CASE_ID), aCase());
  queryClient.setQueryData(identityKeys.members(GROUP_ID), someMembers('member'));
  queryClient.setQueryData<CaseFeed>(casePageKeys.events(CASE_ID), { items: events, hasOlder });
  return renderApp(`/dossiers/${CASE_ID}`, { queryClient, me });
}

beforeEach(() => {
  room.listeners = null;
  room.live = true;
  room.viewers = [];
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const euros = (amount: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(amount);

describe('case page', () => {
  it('shows the header and the facts of the case', () => {
    stubFetch();
    room.viewers = [
      { id: ME_ID, displayName: 'Camille' },
      { id: RENARD_ID, displayName: 'Renard' },
    ];
    renderCase();

    expect(
      screen.getByRole('heading', {
        level: 1,
        name: 'Vidéosurveillance algorithmique à Marseille',
      }),
    ).toBeTruthy();
    const stage = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Étape' });
    expect(stage.value).toBe('investigating');
    // Only the moves `stageMoveProblem` allows are offered; the others say why not.
    expect(
      Array.from(stage.options).map((option) => [option.value, option.disabled, option.text]),
    ).toEqual([
      ['open', false, 'Ouvert'],
      ['investigating', false, 'En enquête'],
      ['drafting', false, 'Rédaction'],
      ['review', true, 'Relecture (depuis « Rédaction »)'],
      ['published', true, 'Publié (en publiant la synthèse)'],
    ]);
    expect(
      screen.getByRole<HTMLSelectElement>('combobox', { name: 'Statut du projet' }).value,
    ).toBe('experiment');
    // Yourself is not listed among the viewers.
    expect(screen.getByRole('img', { name: 'Renard consulte aussi ce dossier' })).toBeTruthy();
    expect(screen.getByText('En direct')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Technopolice Marseille' })).toBeTruthy();

    const facts = screen.getByRole('complementary', { name: 'Les faits en bref' });
    const section = (name: string) => within(facts).getByRole('region', { name });
    expect(section('Ville').textContent).toContain('Marseille');
    expect(section('Ville').textContent).toContain('Bouches-du-Rhône (13)');
    expect(section('Technologies').textContent).toContain('Vidéosurveillance algorithmique');
    expect(section('Technologies').textContent).toContain('Drones');
    expect(section('Statut du projet').textContent).toContain('Expérimentation');
    expect(section('Budget').textContent).toContain(euros(1250000));
    expect(section('Budget').textContent).toContain(
      'Source : Délibération du conseil municipal du 12 mars 2025',
    );
    expect(section('Acteurs').textContent).toContain('Thales');
    expect(section('Acteurs').textContent).toContain('Entreprise · Fournisseur des caméras');
    expect(section('Acteurs').textContent).toContain('Organisme public · Maître d’ouvrage');
    expect(section('Historique').textContent).toContain('par Camille');
  });

  it('lists the timeline by date and the tasks, overdue ones marked', () => {
    stubFetch();
    renderCase();

    const timeline = screen.getByRole('region', { name: 'Chronologie' });
    expect(
      within(timeline)
        .getAllByRole('listitem')
        .map((item) => item.querySelector('.timeline__title')?.textContent),
    ).toEqual(['Vote du conseil municipal', 'Mise en service des premières caméras']);
    expect(within(timeline).getByText('12 mars 2025')).toBeTruthy();

    const tasks = screen.getByRole('region', { name: /Tâches et pistes/ });
    const cada = within(tasks).getByRole('checkbox', { name: 'Demande CADA à la mairie' });
    const row = cada.closest('li');
    expect(row?.getAttribute('data-overdue')).toBe('true');
    expect(row?.textContent).toMatch(/en retard/);
    expect(row?.textContent).toContain('Vous');
    expect(
      within(tasks).getByRole<HTMLInputElement>('checkbox', {
        name: 'Photographier les caméras du Vieux-Port',
      }).checked,
    ).toBe(true);
  });

  it('filters "Mes tâches" to the tasks assigned to me', async () => {
    stubFetch();
    const user = userEvent.setup();
    renderCase();

    const tasks = screen.getByRole('region', { name: /Tâches et pistes/ });
    await user.click(within(tasks).getByRole('button', { name: 'Mes tâches' }));
    expect(
      within(tasks)
        .getAllByRole('checkbox')
        .map((box) => box.getAttribute('id')),
    ).toHaveLength(1);
    expect(within(tasks).getByRole('checkbox', { name: 'Demande CADA à la mairie' })).toBeTruthy();
    expect(
      within(tasks).queryByRole('checkbox', { name: 'Assister au conseil municipal' }),
    ).toBeNull();
  });

  it('sends a PATCH of the task when its checkbox is ticked', async () => {
    const done = aCase();
    done.tasks = done.tasks.map((task) => (task.id === TASK_CADA ? { ...task, done: true } : task));
    const calls = stubFetch(({ method, url }) => {
      if (method === 'PATCH' && url.endsWith(`/tasks/${TASK_CADA}`))
        return { status: 200, body: done.tasks[0] };
      // The case read again after the write.
      if (method === 'GET' && url === `/api/cases/${CASE_ID}`)
        return { status: 200, body: { ...done, seq: 13 } };
      return undefined;
    });
    const user = userEvent.setup();
    renderCase();

    const box = screen.getByRole<HTMLInputElement>('checkbox', {
      name: 'Demande CADA à la mairie',
    });
    await user.click(box);

    await waitFor(() =>
      expect(calls.find((call) => call.method === 'PATCH')).toEqual({
        method: 'PATCH',
        url: `/api/cases/${CASE_ID}/tasks/${TASK_CADA}`,
        body: { done: true },
      }),
    );
    expect(box.checked).toBe(true);
  });

  it('tells who won when someone else changed the case first (409 stale_version)', async () => {
    const theirs = aCase({ title: 'VSA au Vieux-Port', version: 4, seq: 13 });
    const calls = stubFetch(({ method, url }) => {
      if (method === 'PATCH' && url === `/api/cases/${CASE_ID}`)
        return {
          status: 409,
          body: {
            statusCode: 409,
            code: 'stale_version',
            message: 'The case changed since version 3',
            details: [{ path: 'version', message: 'is stale' }],
          },
        };
      if (method === 'GET' && url === `/api/cases/${CASE_ID}`) return { status: 200, body: theirs };
      return undefined;
    });
    const user = userEvent.setup();
    renderCase();

    await user.click(screen.getByRole('button', { name: 'Modifier le titre' }));
    const input = screen.getByRole('textbox', { name: 'Titre du dossier' });
    await user.clear(input);
    await user.type(input, 'Caméras algorithmiques du Vieux-Port');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Quelqu’un d’autre vient de modifier ce dossier');
    await waitFor(() =>
      expect(alert.textContent).toContain('Titre est maintenant : VSA au Vieux-Port'),
    );
    expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({
      version: 3,
      title: 'Caméras algorithmiques du Vieux-Port',
    });
    // The draft is kept, to be saved again on top of the new version.
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Titre du dossier' }).value).toBe(
      'Caméras algorithmiques du Vieux-Port',
    );
  });

  it('shows the API’s field errors next to the field (400)', async () => {
    stubFetch(({ method }) =>
      method === 'PATCH'
        ? {
            status: 400,
            body: {
              statusCode: 400,
              code: 'validation_failed',
              message: 'Invalid body',
              details: [{ path: 'budgetEuros', message: 'is not a plausible budget' }],
            },
          }
        : undefined,
    );
    const user = userEvent.setup();
    renderCase();

    await user.click(screen.getByRole('button', { name: 'Modifier le budget' }));
    const amount = screen.getByRole('textbox', { name: 'Montant en euros' });
    await user.clear(amount);
    await user.type(amount, '900 000');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    expect(await screen.findByText('is not a plausible budget')).toBeTruthy();
    expect(amount.getAttribute('aria-invalid')).toBe('true');
  });

  it('phrases the activity in French, and merges live events without holes', async () => {
    const calls = stubFetch(({ url }) =>
      url.includes('/events?after=3')
        ? {
            status: 200,
            body: {
              items: [
                anEvent(4, 'task.completed', {
                  taskId: TASK_CADA,
                  title: 'Demande CADA à la mairie',
                }),
              ],
              nextCursor: null,
            },
          }
        : undefined,
    );
    renderCase();

    const feed = screen.getByRole('region', { name: 'Activité' });
    const lines = () =>
      within(feed)
        .getAllByRole('listitem')
        .map((item) => item.querySelector('.activity__text')?.textContent);
    expect(lines()).toEqual([
      'Renard a ajouté la tâche « Demande CADA à la mairie » il y a 2 heures',
      'Camille a déplacé le dossier de « Ouvert » vers « En enquête » il y a 3 heures',
      'Camille a créé le dossier « Vidéosurveillance algorithmique à Marseille » il y a 5 jours',
    ]);

    // Event 5 arrives live while 4 was missed: 4 is fetched, nothing is shown twice.
    emit('case:event', {
      caseId: CASE_ID,
      seq: 5,
      event: anEvent(
        5,
        'case.updated',
        {
          changes: { projectStatus: { from: 'experiment', to: 'deployed' } },
        },
        { id: RENARD_ID, displayName: 'Renard' },
        new Date().toISOString(),
      ),
    });
    emit('case:event', {
      caseId: CASE_ID,
      seq: 5,
      event: anEvent(
        5,
        'case.updated',
        {
          changes: { projectStatus: { from: 'experiment', to: 'deployed' } },
        },
        { id: RENARD_ID, displayName: 'Renard' },
        new Date().toISOString(),
      ),
    });

    await waitFor(() => expect(lines()).toHaveLength(5));
    expect(lines().slice(0, 2)).toEqual([
      'Renard a changé le statut du projet de « Expérimentation » en « Déployé » maintenant',
      'Camille a terminé la tâche « Demande CADA à la mairie » il y a 2 heures',
    ]);
    expect(calls.some((call) => call.url === `/api/cases/${CASE_ID}/events?after=3`)).toBe(true);
  });

  it('loads older events with "Voir plus"', async () => {
    const calls = stubFetch(({ url }) =>
      url.includes('before=2')
        ? {
            status: 200,
            body: {
              items: [
                anEvent(1, 'timeline.created', {
                  entryId: 'e1000000-0000-4000-8000-000000000001',
                  date: '2025-03-12',
                  title: 'Vote du conseil municipal',
                }),
              ],
              nextCursor: null,
            },
          }
        : undefined,
    );
    const user = userEvent.setup();
    renderCase({ events: defaultEvents.slice(0, 2), hasOlder: true });

    await user.click(screen.getByRole('button', { name: 'Voir plus' }));
    expect(
      await screen.findByText(
        'a ajouté « Vote du conseil municipal » (12 mars 2025) à la chronologie',
        { exact: false },
      ),
    ).toBeTruthy();
    expect(calls.some((call) => call.url.endsWith('/events?limit=30&before=2'))).toBe(true);
    expect(screen.queryByRole('button', { name: 'Voir plus' })).toBeNull();
  });

  it('applies others’ edits without reload', async () => {
    stubFetch(({ method, url }) =>
      method === 'GET' && url === `/api/cases/${CASE_ID}`
        ? { status: 200, body: aCase({ title: 'VSA et drones', version: 4, seq: 13 }) }
        : undefined,
    );
    renderCase();

    emit('case:updated', {
      caseId: CASE_ID,
      seq: 13,
      changes: ['title'],
      case: { ...aCase(), title: 'VSA et drones', version: 4, seq: 13 },
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'VSA et drones' })).toBeTruthy();
  });

  it('says so when the case is deleted while open, with a way back to the board', async () => {
    stubFetch();
    renderCase();

    emit('case:deleted', { caseId: CASE_ID, groupId: GROUP_ID });
    expect(await screen.findByRole('heading', { name: 'Ce dossier a été supprimé' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Retour aux dossiers' }).getAttribute('href')).toBe(
      `/dossiers?groupe=${GROUP_ID}`,
    );
  });

  it('shows a clean "not found" for an unknown case or a group one is not in', async () => {
    stubFetch(({ url }) =>
      url === `/api/cases/${CASE_ID}`
        ? { status: 404, body: { statusCode: 404, code: 'not_found', message: 'No such case' } }
        : undefined,
    );
    renderCase({ seedCase: false });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Dossier introuvable' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Retour aux dossiers' })).toBeTruthy();
  });

  it('opens the Documents tab, then the Discussions tab and its empty list', async () => {
    stubFetch();
    const user = userEvent.setup();
    renderCase();

    // The tab counts the case's documents once they are read.
    const documents = await screen.findByRole('tab', { name: 'Documents 0' });
    await user.click(documents);
    const panel = screen.getByRole('tabpanel');
    expect(within(panel).getByRole('heading', { name: 'Déposer des documents' })).toBeTruthy();
    expect(panel.textContent).toContain('Aucun document dans ce dossier pour l’instant');

    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Discussions' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    const discussions = screen.getByRole('tabpanel');
    expect(
      await within(discussions).findByRole('heading', { name: 'Aucun fil pour l’instant' }),
    ).toBeTruthy();
    expect(within(discussions).getByRole('button', { name: 'Nouveau fil' })).toBeTruthy();
  });
});
