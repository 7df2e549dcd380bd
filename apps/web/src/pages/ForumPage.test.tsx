import type { Flag, ForumCategory, GroupRole } from '@technopolice/shared';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  aPost,
  aThread,
  FORUM_THREAD,
  hibou,
  renard,
  THREAD_PINNED,
} from '../features/discussions/fixtures';
import { stubFetch } from '../features/documents/test/api';
import { GROUP_ID } from '../test/fixtures';
import { aMe, renderApp } from '../test/render';

/** What the page handed to `useGroupRoom`, so that tests can play the server's part. */
const room = vi.hoisted(() => ({
  groupId: undefined as string | undefined,
  listeners: null as null | Record<string, ((payload: never) => void) | undefined>,
}));

vi.mock('../lib/socket', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/socket')>()),
  useGroupRoom: (groupId: string | undefined, listeners: Record<string, () => void>) => {
    room.groupId = groupId;
    room.listeners = listeners;
    return { live: true };
  },
  usePersonalEvents: () => undefined,
}));

vi.mock('../features/editor', async () => await import('../features/discussions/test/fakeEditor'));

function emit(name: string, payload: unknown) {
  const listener = room.listeners?.[name] as ((payload: unknown) => void) | undefined;
  if (!listener) throw new Error(`no listener for ${name}`);
  act(() => listener(payload));
}

const LEGAL = 'b0000000-0000-4000-8000-000000000001';
const categories: ForumCategory[] = [
  {
    id: LEGAL,
    groupId: GROUP_ID,
    name: 'Juridique',
    description: 'Recours, CADA, CNIL',
    position: 0,
    threadCount: 1,
    unread: 1,
  },
];
const cnil = aThread({
  id: FORUM_THREAD,
  caseId: null,
  categoryId: LEGAL,
  title: 'Modèle de saisine de la CNIL',
  unread: 1,
  lastReadSeq: 2,
});
const weekend = aThread({
  id: THREAD_PINNED,
  caseId: null,
  title: 'Permanence du samedi',
  author: hibou,
});
const flag: Flag = {
  id: 'b1000000-0000-4000-8000-000000000001',
  postId: aPost(2).id,
  threadId: FORUM_THREAD,
  caseId: null,
  threadTitle: 'Modèle de saisine de la CNIL',
  reason: 'Adresse personnelle exposée',
  flaggedBy: hibou,
  createdAt: new Date().toISOString(),
  post: aPost(2, { threadId: FORUM_THREAD, author: renard, html: '<p>Il habite au 12…</p>' }),
};

const meOf = (role: GroupRole) =>
  aMe({ groups: [{ id: GROUP_ID, slug: 'marseille', name: 'Technopolice Marseille', role }] });

function api() {
  return stubFetch((call) => {
    const url = new URL(call.url, 'http://localhost');
    if (url.pathname === `/api/groups/${GROUP_ID}/forum/categories`)
      return { status: 200, body: { items: categories } };
    if (url.pathname === `/api/groups/${GROUP_ID}/forum/threads`)
      return {
        status: 200,
        body: {
          items: url.searchParams.get('categoryId') === LEGAL ? [cnil] : [cnil, weekend],
          nextCursor: null,
        },
      };
    if (url.pathname === `/api/groups/${GROUP_ID}/flags`)
      return { status: 200, body: { items: [flag] } };
    if (url.pathname === `/api/flags/${flag.id}/resolve`) return { status: 204 };
    if (url.pathname === `/api/posts/${flag.postId}`)
      return { status: 200, body: { ...flag.post, hidden: false } };
    if (url.pathname === '/api/notifications')
      return { status: 200, body: { items: [], nextCursor: null, unread: 0 } };
    if (url.pathname.endsWith('/unread')) return { status: 200, body: { forum: 1, cases: {} } };
    return undefined;
  });
}

const threadTitles = () =>
  within(screen.getByRole('list', { name: /^Fils de discussion/ }))
    .getAllByRole('link')
    .map((link) => link.textContent);

beforeEach(() => {
  room.listeners = null;
  room.groupId = undefined;
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the forum page', () => {
  it('lists the threads by category, and shows new ones as they are started', async () => {
    const user = userEvent.setup();
    api();
    renderApp('/forum', { me: meOf('member') });

    await waitFor(() =>
      expect(threadTitles()).toEqual(['Modèle de saisine de la CNIL', 'Permanence du samedi']),
    );
    expect(room.groupId).toBe(GROUP_ID);
    const list = screen.getByRole('list', { name: /^Fils de discussion/ });
    expect(list.textContent).toContain('Juridique');
    // Members see neither the flags nor the category settings.
    expect(screen.queryByRole('link', { name: /Signalements/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Gérer les catégories' })).toBeNull();

    emit('thread:created', {
      groupId: GROUP_ID,
      caseId: null,
      seq: null,
      threadId: 'e0000000-0000-4000-8000-000000000099',
      thread: aThread({
        id: 'e0000000-0000-4000-8000-000000000099',
        caseId: null,
        title: 'Tractage au marché',
        author: hibou,
        lastAuthor: hibou,
        lastPostAt: new Date().toISOString(),
      }),
    });
    await waitFor(() => expect(threadTitles()[0]).toBe('Tractage au marché'));

    const nav = screen.getByRole('navigation', { name: 'Catégories du forum' });
    await user.click(within(nav).getByRole('link', { name: /Juridique/ }));
    expect(await screen.findByRole('heading', { name: 'Juridique' })).toBeTruthy();
    await waitFor(() => expect(threadTitles()).toEqual(['Modèle de saisine de la CNIL']));
  });

  it('gives coordinators the flags to dismiss', async () => {
    const user = userEvent.setup();
    const calls = api();
    renderApp(`/forum?groupe=${GROUP_ID}&vue=moderation`, { me: meOf('coordinator') });

    const queue = await screen.findByRole('region', { name: 'Signalements à traiter' });
    const card = await within(queue).findByRole('listitem');
    expect(card.textContent).toContain('Adresse personnelle exposée');
    expect(card.textContent).toContain('Signalé par Hibou');
    expect(card.textContent).toContain('Il habite au 12…');
    expect(
      within(card).getByRole('link', { name: 'Modèle de saisine de la CNIL' }).getAttribute('href'),
    ).toBe(`/forum/${FORUM_THREAD}?message=${flag.postId}`);

    await user.click(within(card).getByRole('button', { name: 'Classer sans suite' }));
    expect(await within(queue).findByText('Aucun signalement en attente')).toBeTruthy();
    expect(calls.find((call) => call.url.endsWith('/resolve'))?.body).toEqual({
      action: 'dismiss',
    });
  });
});
