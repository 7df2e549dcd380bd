import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GROUP_ID } from '../../test/fixtures';
import { aMe, renderApp } from '../../test/render';
import { CASE_ID } from '../case-page/fixtures';
import { aNotification, FORUM_THREAD, hibou, postId, THREAD_CADA } from '../discussions/fixtures';
import { stubFetch } from '../documents/test/api';

/** What the bell handed to `usePersonalEvents`, so that tests can play the server's part. */
const personal = vi.hoisted(() => ({
  listeners: null as null | Record<string, ((payload: never) => void) | undefined>,
}));

vi.mock('../../lib/socket', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/socket')>()),
  usePersonalEvents: (_enabled: boolean, listeners: Record<string, () => void>) => {
    personal.listeners = listeners;
  },
}));

function emit(name: string, payload: unknown) {
  const listener = personal.listeners?.[name] as ((payload: unknown) => void) | undefined;
  if (!listener) throw new Error(`no listener for ${name}`);
  act(() => listener(payload));
}

const me = aMe({
  groups: [{ id: GROUP_ID, slug: 'marseille', name: 'Technopolice Marseille', role: 'member' }],
});

const mention = aNotification();
const forumReply = aNotification({
  id: 'a1000000-0000-4000-8000-000000000002',
  kind: 'reply',
  caseId: null,
  threadId: FORUM_THREAD,
  postId: postId(9),
  actor: hibou,
  title: 'Formation juridique de mars',
  excerpt: 'Je propose le samedi 15.',
  readAt: new Date().toISOString(),
});

function api() {
  return stubFetch((call) => {
    if (call.method === 'GET' && call.url === '/api/notifications')
      return { status: 200, body: { items: [mention, forumReply], nextCursor: null, unread: 1 } };
    if (call.method === 'POST' && call.url === '/api/notifications/read')
      return { status: 200, body: { unread: 0 } };
    if (call.url.endsWith('/unread')) return { status: 200, body: { forum: 2, cases: {} } };
    return undefined;
  });
}

const bell = () => screen.getByRole('button', { name: /^Notifications/ });

beforeEach(() => {
  personal.listeners = null;
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the notification bell', () => {
  it('shows the unread count, and counts a new notification as it arrives', async () => {
    api();
    renderApp('/', { me });

    await waitFor(() =>
      expect(bell().getAttribute('aria-label')).toBe('Notifications : 1 non lue'),
    );
    expect(bell().textContent).toBe('1');

    emit('notification', {
      notification: aNotification({
        id: 'a1000000-0000-4000-8000-000000000003',
        kind: 'flag',
        title: 'Relancer la mairie',
        excerpt: 'Propos injurieux',
      }),
      unread: 2,
    });
    await waitFor(() =>
      expect(bell().getAttribute('aria-label')).toBe('Notifications : 2 non lues'),
    );

    // Read on another device: the count follows.
    emit('notifications:read', { ids: 'all', unread: 0 });
    await waitFor(() => expect(bell().getAttribute('aria-label')).toBe('Notifications'));

    // The forum's unread posts show beside its link.
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    await waitFor(() =>
      expect(within(nav).getByRole('link', { name: /Forum/ }).textContent).toContain(
        '2 messages non lus',
      ),
    );
  });

  it('lists the notifications with links to where they happened, and reads them', async () => {
    const user = userEvent.setup();
    const calls = api();
    const { router } = renderApp('/', { me });
    await waitFor(() => expect(bell().textContent).toBe('1'));

    await user.click(bell());
    const panel = screen.getByRole('dialog', { name: 'Notifications' });
    const items = within(panel).getAllByRole('listitem');
    expect(items[0]?.textContent).toContain(
      'Renard vous a mentionné·e dans « Relancer la mairie pour la demande CADA »',
    );
    expect(items[0]?.textContent).toContain('@Camille peux-tu appeler le service juridique ?');
    expect(items[0]?.textContent).toContain('non lue');
    expect(
      within(items[0] as HTMLElement)
        .getByRole('link')
        .getAttribute('href'),
    ).toBe(`/dossiers/${CASE_ID}?onglet=discussions&fil=${THREAD_CADA}&message=${postId(2)}`);
    expect(items[1]?.textContent).toContain('Hibou a répondu dans « Formation juridique de mars »');
    expect(
      within(items[1] as HTMLElement)
        .getByRole('link')
        .getAttribute('href'),
    ).toBe(`/forum/${FORUM_THREAD}?message=${postId(9)}`);

    await user.click(within(panel).getByRole('button', { name: 'Tout marquer comme lu' }));
    await waitFor(() => expect(bell().getAttribute('aria-label')).toBe('Notifications'));
    expect(calls.find((call) => call.url === '/api/notifications/read')?.body).toEqual({
      all: true,
    });

    // Opening one goes there and closes the panel.
    await user.click(within(items[1] as HTMLElement).getByRole('link'));
    expect(router.state.location.pathname).toBe(`/forum/${FORUM_THREAD}`);
    expect(screen.queryByRole('dialog', { name: 'Notifications' })).toBeNull();
  });

  it('closes with Escape and gives the focus back to the bell', async () => {
    const user = userEvent.setup();
    api();
    renderApp('/', { me });
    await waitFor(() => expect(bell().textContent).toBe('1'));
    await user.click(bell());
    expect(screen.getByRole('dialog', { name: 'Notifications' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Notifications' })).toBeNull();
    expect(document.activeElement).toBe(bell());
  });
});
