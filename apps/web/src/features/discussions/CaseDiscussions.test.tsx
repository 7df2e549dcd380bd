import type { GroupRole, Post, Thread } from '@technopolice/shared';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { caseKeys } from '../../lib/cases';
import { identityKeys } from '../../lib/identity';
import { GROUP_ID, someMembers } from '../../test/fixtures';
import { aMe, createTestQueryClient, renderApp, seedQueryClient } from '../../test/render';
import { casePageKeys } from '../case-page/api';
import { aCase } from '../case-page/fixtures';
import { apiError, type Answer, type Call, stubFetch } from '../documents/test/api';
import {
  aPost,
  aThread,
  CASE_ID,
  hibou,
  me as meAsPerson,
  postId,
  renard,
  THREAD_CADA,
  THREAD_LOCKED,
  THREAD_PINNED,
} from './fixtures';

/** What the page handed to `useCaseRoom`, so that tests can play the server's part. */
const room = vi.hoisted(() => ({
  listeners: null as null | Record<string, ((payload: never) => void) | undefined>,
  typed: [] as string[],
}));

vi.mock('../../lib/socket', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/socket')>()),
  useCaseRoom: (_caseId: string | undefined, listeners: Record<string, () => void>) => {
    room.listeners = listeners;
    return { live: true, viewers: [{ id: hibou.id, displayName: 'Hibou' }] };
  },
  usePersonalEvents: () => undefined,
  getSocket: () => ({ emit: (_name: string, threadId: string) => room.typed.push(threadId) }),
}));

vi.mock('../editor', async () => await import('./test/fakeEditor'));

function emit(name: string, payload: unknown) {
  const listener = room.listeners?.[name] as ((payload: unknown) => void) | undefined;
  if (!listener) throw new Error(`no listener for ${name}`);
  act(() => listener(payload));
}

const meOf = (role: GroupRole) =>
  aMe({ groups: [{ id: GROUP_ID, slug: 'marseille', name: 'Technopolice Marseille', role }] });

function someThreads(): Thread[] {
  return [
    aThread({
      id: THREAD_PINNED,
      title: 'À lire avant de commencer',
      pinned: true,
      locked: true,
      postCount: 1,
      lastSeq: 1,
      lastReadSeq: 1,
    }),
    aThread({ unread: 2, lastReadSeq: 1 }),
    aThread({
      id: THREAD_LOCKED,
      title: 'Réunion publique du 12 mars',
      postCount: 12,
      lastSeq: 12,
      lastReadSeq: 12,
      author: hibou,
    }),
  ];
}

function somePosts(): Post[] {
  return [
    aPost(1, { html: '<p>Quelqu’un a des nouvelles de la CADA ?</p>' }),
    aPost(2, {
      author: meAsPerson,
      html: '<p>Pas encore, je relance lundi.</p>',
      editedAt: new Date().toISOString(),
      version: 2,
      reactions: [{ reaction: 'thumbs-up', count: 2, users: [renard, hibou] }],
    }),
    aPost(3, { author: hibou, html: '<p>La mairie a répondu ce matin.</p>' }),
    aPost(4, { deleted: true, body: null, html: '' }),
    aPost(5, {
      hidden: true,
      hiddenReason: 'Adresse personnelle',
      body: null,
      html: '',
    }),
  ];
}

/** The discussions API, faked: threads, posts and writes the tests care about. */
function api(extra: (call: Call) => Answer | undefined = () => undefined) {
  return stubFetch((call) => {
    const url = new URL(call.url, 'http://localhost');
    const answer = extra(call);
    if (answer) return answer;
    if (call.method === 'GET' && url.pathname === `/api/cases/${CASE_ID}/threads`)
      return { status: 200, body: { items: someThreads(), nextCursor: null } };
    if (call.method === 'GET' && url.pathname === `/api/threads/${THREAD_CADA}`)
      return { status: 200, body: someThreads()[1] };
    if (call.method === 'GET' && url.pathname === `/api/threads/${THREAD_CADA}/posts`)
      return { status: 200, body: { items: somePosts(), nextCursor: null } };
    if (call.method === 'GET' && url.pathname.endsWith('/draft'))
      return apiError(404, 'not_found', 'No draft.');
    if (call.method === 'PUT' && url.pathname === `/api/threads/${THREAD_CADA}/read`)
      return { status: 200, body: { lastReadSeq: (call.body as { seq: number }).seq, unread: 0 } };
    if (url.pathname === `/api/cases/${CASE_ID}/subscription`)
      return { status: 200, body: { level: 'normal' } };
    if (url.pathname === `/api/groups/${GROUP_ID}/unread`)
      return { status: 200, body: { forum: 0, cases: { [CASE_ID]: 3 } } };
    if (url.pathname === '/api/notifications')
      return { status: 200, body: { items: [], nextCursor: null, unread: 0 } };
    return undefined;
  });
}

function renderTab(query = '', role: GroupRole = 'member') {
  const queryClient = seedQueryClient(createTestQueryClient());
  queryClient.setQueryData(caseKeys.detail(CASE_ID), aCase());
  queryClient.setQueryData(identityKeys.members(GROUP_ID), someMembers(role));
  queryClient.setQueryData(casePageKeys.events(CASE_ID), { items: [], hasOlder: false });
  return renderApp(`/dossiers/${CASE_ID}?onglet=discussions${query}`, {
    queryClient,
    me: meOf(role),
  });
}

const rows = () =>
  within(screen.getByRole('list', { name: 'Fils de discussion du dossier' })).getAllByRole(
    'listitem',
  );

const postOf = (seq: number) => document.getElementById(`post-${postId(seq)}`) as HTMLElement;

beforeEach(() => {
  room.listeners = null;
  room.typed = [];
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the Discussions tab of a case', () => {
  it('lists the threads, pinned first, with their state, counts and unread posts', async () => {
    api();
    renderTab();

    expect(await screen.findByRole('tab', { name: 'Discussions 3' })).toBeTruthy();
    await waitFor(() => expect(rows()).toHaveLength(3));
    const [pinned, unread, read] = rows();
    expect(pinned?.textContent).toContain('À lire avant de commencer');
    expect(within(pinned as HTMLElement).getByRole('img', { name: 'Épinglé' })).toBeTruthy();
    expect(within(pinned as HTMLElement).getByRole('img', { name: 'Verrouillé' })).toBeTruthy();
    expect(unread?.textContent).toContain('3 messages');
    expect(unread?.textContent).toContain('par Hibou');
    expect(within(unread as HTMLElement).getByLabelText('2 messages non lus')).toBeTruthy();
    expect(read?.textContent).toContain('Ouvert par Hibou');
    expect(within(read as HTMLElement).queryByLabelText(/non lus/)).toBeNull();
    expect(
      within(unread as HTMLElement)
        .getByRole('link', { name: 'Relancer la mairie pour la demande CADA' })
        .getAttribute('href'),
    ).toBe(`/dossiers/${CASE_ID}?onglet=discussions&fil=${THREAD_CADA}`);
    // Who else is on the case, in the tab's header.
    expect(within(screen.getByRole('tabpanel')).getByRole('img', { name: /Hibou/ })).toBeTruthy();
  });

  it('opens a thread at the first unread post and marks it read at the end', async () => {
    const calls = api();
    renderTab(`&fil=${THREAD_CADA}`);

    expect(
      await screen.findByRole('heading', { name: 'Relancer la mairie pour la demande CADA' }),
    ).toBeTruthy();
    await waitFor(() => expect(postOf(1)).toBeTruthy());
    const marker = screen.getByText('Nouveaux messages').closest('li')!;
    expect(marker.textContent).toBe('Nouveaux messages');
    // The marker sits right before the first post of someone else after my last read one.
    expect(marker.nextElementSibling?.contains(postOf(3))).toBe(true);

    // Edited, deleted, hidden.
    expect(within(postOf(2)).getByRole('button', { name: 'modifié' })).toBeTruthy();
    expect(postOf(4).textContent).toContain('Message supprimé');
    expect(postOf(5).textContent).toContain('Message masqué par la modération');
    expect(postOf(5).textContent).not.toContain('Adresse personnelle');

    // Reactions say who.
    const thumbs = within(postOf(2)).getByRole('button', { name: /👍 : Renard et Hibou/ });
    expect(thumbs.getAttribute('aria-pressed')).toBe('false');

    await waitFor(() =>
      expect(calls.find((call) => call.url.endsWith('/read'))?.body).toEqual({ seq: 5 }),
    );
  });

  it('shows coordinators the hidden post with the reason', async () => {
    api((call) =>
      call.method === 'GET' && call.url.startsWith(`/api/threads/${THREAD_CADA}/posts`)
        ? {
            status: 200,
            body: {
              items: [
                aPost(1, {
                  hidden: true,
                  hiddenReason: 'Adresse personnelle',
                  html: '<p>Il habite au 12 rue…</p>',
                }),
              ],
              nextCursor: null,
            },
          }
        : undefined,
    );
    renderTab(`&fil=${THREAD_CADA}`, 'coordinator');
    await waitFor(() => expect(postOf(1)).toBeTruthy());
    expect(postOf(1).textContent).toContain('Masqué par la modération : Adresse personnelle');
    expect(postOf(1).textContent).toContain('Il habite au 12 rue…');
  });

  it('shows others’ posts and typing live, and sends mine with Ctrl+Entrée', async () => {
    const user = userEvent.setup();
    const calls = api((call) =>
      call.method === 'POST' && call.url === `/api/threads/${THREAD_CADA}/posts`
        ? {
            status: 201,
            body: aPost(7, {
              author: meAsPerson,
              html: '<p>Je m’en occupe.</p>',
              createdAt: new Date().toISOString(),
            }),
          }
        : undefined,
    );
    renderTab(`&fil=${THREAD_CADA}`);
    await waitFor(() => expect(postOf(5)).toBeTruthy());

    emit('typing', { threadId: THREAD_CADA, caseId: CASE_ID, user: hibou });
    expect(screen.getByText('Hibou écrit…')).toBeTruthy();

    emit('post:created', {
      groupId: GROUP_ID,
      caseId: CASE_ID,
      seq: 40,
      threadId: THREAD_CADA,
      post: aPost(6, { author: hibou, html: '<p>Je scanne le courrier.</p>' }),
    });
    await waitFor(() => expect(postOf(6).textContent).toContain('Je scanne le courrier.'));
    expect(screen.queryByText('Hibou écrit…')).toBeNull();

    const composer = screen.getByRole('textbox', {
      name: 'Répondre dans « Relancer la mairie pour la demande CADA »',
    });
    await user.type(composer, 'Je m’en occupe.');
    expect(room.typed).toEqual([THREAD_CADA]);
    await user.keyboard('{Control>}{Enter}{/Control}');

    await waitFor(() => expect(postOf(7)).toBeTruthy());
    const sent = calls.find((call) => call.method === 'POST');
    expect(sent?.body).toEqual({
      body: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Je m’en occupe.' }] }],
      },
    });
    expect((composer as HTMLTextAreaElement).value).toBe('');
  });

  it('says an edit was overtaken by another one (409), and reloads the post', async () => {
    const user = userEvent.setup();
    const calls = api((call) => {
      if (call.method === 'PATCH' && call.url === `/api/posts/${postId(2)}`)
        return apiError(409, 'stale_version', 'The post changed meanwhile.');
      if (call.method === 'GET' && call.url === `/api/posts/${postId(2)}`)
        return {
          status: 200,
          body: aPost(2, {
            author: meAsPerson,
            version: 3,
            html: '<p>Version de l’autre onglet</p>',
          }),
        };
      return undefined;
    });
    renderTab(`&fil=${THREAD_CADA}`);
    await waitFor(() => expect(postOf(2)).toBeTruthy());

    await user.click(
      within(postOf(2)).getByRole('button', { name: 'Actions sur le message de Camille' }),
    );
    await user.click(screen.getByRole('menuitem', { name: 'Modifier' }));
    const editor = within(postOf(2)).getByRole('textbox', { name: 'Modifier le message' });
    await user.type(editor, ' Et mardi.');
    await user.click(within(postOf(2)).getByRole('button', { name: 'Enregistrer' }));

    expect(await within(postOf(2)).findByText('Ce message a été modifié ailleurs')).toBeTruthy();
    expect(
      (calls.find((call) => call.method === 'PATCH')?.body as { version: number }).version,
    ).toBe(2);
    await user.click(within(postOf(2)).getByRole('button', { name: 'Recharger le message' }));
    await waitFor(() =>
      expect(within(postOf(2)).queryByText('Ce message a été modifié ailleurs')).toBeNull(),
    );
  });

  it('replaces the composer by a notice in a locked thread', async () => {
    api((call) =>
      call.method === 'GET' && call.url === `/api/threads/${THREAD_CADA}`
        ? { status: 200, body: aThread({ locked: true }) }
        : undefined,
    );
    renderTab(`&fil=${THREAD_CADA}`);
    expect(
      await screen.findByText('Ce fil est verrouillé : on peut le lire, mais plus y répondre.'),
    ).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: /Répondre dans/ })).toBeNull();
  });

  it('keeps the draft of a new thread on the server, then opens the thread', async () => {
    const user = userEvent.setup();
    const created = aThread({
      id: THREAD_LOCKED,
      title: 'Qui va au conseil ?',
      author: meAsPerson,
    });
    const calls = api((call) =>
      call.method === 'POST' && call.url === `/api/cases/${CASE_ID}/threads`
        ? { status: 201, body: { ...created, post: aPost(1, { threadId: THREAD_LOCKED }) } }
        : call.method === 'GET' && call.url === `/api/threads/${THREAD_LOCKED}`
          ? { status: 200, body: created }
          : undefined,
    );
    const { router } = renderTab();
    await waitFor(() => expect(rows()).toHaveLength(3));

    await user.click(screen.getByRole('button', { name: 'Nouveau fil' }));
    await user.type(await screen.findByRole('textbox', { name: 'Titre' }), 'Qui va au conseil ?');
    await user.type(screen.getByRole('textbox', { name: 'Premier message' }), 'Le 12 à 18 h.');
    await waitFor(
      () =>
        expect(
          calls.filter((call) => call.method === 'PUT' && call.url.endsWith('/thread-draft')).at(-1)
            ?.body,
        ).toMatchObject({ title: 'Qui va au conseil ?' }),
      { timeout: 3000 },
    );

    await user.click(screen.getByRole('button', { name: 'Publier le fil' }));
    await waitFor(() => expect(router.state.location.search).toContain(`fil=${THREAD_LOCKED}`));
    expect(calls.find((call) => call.method === 'POST')?.body).toMatchObject({
      title: 'Qui va au conseil ?',
    });
  });
});
