import { checkRichText, COLLAB_FIELD, type RichTextDoc } from '@technopolice/shared';
import type { Editor } from '@tiptap/core';
import { act, fireEvent, render, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { installEditorDomShims } from '../editor/testShims';
import type { RichTextSources } from '../editor/types';
import type { CollabUser, SummarySession } from './collaboration';
import SummaryEditor from './SummaryEditor';

/**
 * The real editor (Tiptap bound to Y.js) of two people, whose documents and awareness are
 * linked in memory as the Hocuspocus server would link them; the provider is a stand-in whose
 * events the tests send.
 */

const CASE_ID = 'c0000000-0000-4000-8000-000000000001';
const camille = { id: '0c6f3d1e-7b8a-4c1d-9e2f-3a4b5c6d7e8f', displayName: 'Camille' };
const renard = { id: '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a', displayName: 'Renard' };

type Handler = (payload: never) => void;

/** What the editor asks of a provider: events, and the socket's status. */
class FakeProvider {
  private readonly handlers = new Map<string, Set<Handler>>();
  configuration = { websocketProvider: { status: 'connecting' } };
  on(name: string, handler: Handler) {
    const set = this.handlers.get(name) ?? new Set<Handler>();
    set.add(handler);
    this.handlers.set(name, set);
  }
  off(name: string, handler: Handler) {
    this.handlers.get(name)?.delete(handler);
  }
  emit(name: string, payload: unknown) {
    act(() => {
      for (const handler of this.handlers.get(name) ?? [])
        (handler as (value: unknown) => void)(payload);
    });
  }
  /** The server accepted the token and the first sync is done. */
  ready(scope: 'read-write' | 'readonly' = 'read-write') {
    this.configuration.websocketProvider.status = 'connected';
    this.emit('status', { status: 'connected' });
    this.emit('authenticated', { scope });
    this.emit('synced', { state: true });
    this.emit('unsyncedChanges', { number: 0 });
  }
}

const world = vi.hoisted(() => ({
  sessions: new Map<string, unknown>(),
  closed: [] as string[],
}));

vi.mock('./collaboration', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./collaboration')>();
  return {
    ...actual,
    openSummarySession: (_caseId: string, _language: string, user: CollabUser) => {
      const session = world.sessions.get(user.id) as SummarySession;
      session.awareness.setLocalStateField('user', user);
      return session;
    },
    closeSummarySession: (session: SummarySession) => {
      world.closed.push(session.doc.guid);
    },
  };
});

/** Two sessions whose documents and awareness reach each other, as through the server. */
function linkedSessions() {
  const make = () => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    const provider = new FakeProvider();
    return { doc, awareness, provider };
  };
  const a = make();
  const b = make();
  const link = (from: typeof a, to: typeof a) => {
    from.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') Y.applyUpdate(to.doc, update, 'remote');
    });
    from.awareness.on(
      'update',
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        if (origin === 'remote') return;
        const changed = [...added, ...updated, ...removed];
        applyAwarenessUpdate(
          to.awareness,
          encodeAwarenessUpdate(from.awareness, changed),
          'remote',
        );
      },
    );
  };
  link(a, b);
  link(b, a);
  world.sessions.set(camille.id, a);
  world.sessions.set(renard.id, b);
  return { a, b };
}

const sources: RichTextSources = {
  members: () => Promise.resolve([]),
  documents: () => Promise.resolve([]),
  cases: () => Promise.resolve([]),
  imageUrl: () => Promise.resolve('blob:image'),
};

function renderEditor(
  person: { id: string; displayName: string },
  props: { mayEdit?: boolean; onComment?: (quote: string) => void } = {},
) {
  const container = document.createElement('div');
  container.dataset.person = person.displayName;
  document.body.append(container);
  render(
    <SummaryEditor
      caseId={CASE_ID}
      language="fr"
      me={person}
      mayEdit={props.mayEdit ?? true}
      readOnlyReason={null}
      sources={sources}
      lastEdit="dernière modification par Renard il y a 5 minutes"
      onComment={props.onComment ?? (() => undefined)}
    />,
    { container },
  );
  return container;
}

async function editorIn(container: HTMLElement): Promise<{ textbox: HTMLElement; editor: Editor }> {
  const textbox = await within(container).findByRole('textbox', { name: 'Synthèse en français' });
  return { textbox, editor: (textbox as HTMLElement & { editor: Editor }).editor };
}

beforeAll(installEditorDomShims);

afterEach(() => {
  world.sessions.clear();
  world.closed = [];
  document.body.innerHTML = '';
});

describe('the co-edited summary', () => {
  it('shows who is there, the save status, and offers the template of an empty summary', async () => {
    const { a, b } = linkedSessions();
    const mine = renderEditor(camille);
    const theirs = renderEditor(renard);
    const { editor: alice } = await editorIn(mine);
    await editorIn(theirs);

    expect(within(mine).getByRole('status').textContent).toContain('Connexion…');
    a.provider.ready();
    b.provider.ready();
    const presence = within(mine).getByRole('list', { name: 'Dans la synthèse' });
    await waitFor(() => expect(presence.textContent).toBe('Camille (vous)Renard'));
    const status = within(mine).getByText('Enregistré').closest('p') as HTMLElement;
    expect(status.textContent).toContain('dernière modification par Renard');

    // Each sees the template offer; one inserts it, the other sees the sections arrive.
    expect(within(theirs).getByRole('button', { name: 'Insérer le modèle' })).toBeTruthy();
    fireEvent.click(within(mine).getByRole('button', { name: 'Insérer le modèle' }));
    await waitFor(() =>
      expect(within(theirs).getByRole('heading', { name: 'Le projet' })).toBeTruthy(),
    );
    expect(within(theirs).getByRole('heading', { name: 'Ce que nous demandons' })).toBeTruthy();
    await waitFor(() =>
      expect(within(theirs).queryByRole('button', { name: 'Insérer le modèle' })).toBeNull(),
    );
    // What is shared stays inside the schema the server checks.
    expect(checkRichText(alice.getJSON() as RichTextDoc)).toMatchObject({ ok: true });
    expect(b.doc.getXmlFragment(COLLAB_FIELD).length).toBe(14);

    a.provider.emit('unsyncedChanges', { number: 1 });
    expect(within(mine).getByText('Enregistrement…')).toBeTruthy();
    a.provider.emit('disconnect', {});
    expect(within(mine).getByText(/Hors ligne/)).toBeTruthy();
  });

  it('sends what one types to the other, with a caret labelled with their name', async () => {
    const { a, b } = linkedSessions();
    const mine = renderEditor(camille);
    const theirs = renderEditor(renard);
    const { editor: alice, textbox } = await editorIn(mine);
    const { editor: other } = await editorIn(theirs);
    a.provider.ready();
    b.provider.ready();

    act(() => {
      textbox.tabIndex = 0;
      alice.commands.focus('end');
      alice.commands.insertContent('Caméras du Vieux-Port');
    });
    await waitFor(() => expect(other.getText()).toContain('Caméras du Vieux-Port'));
    const caret = await waitFor(() => {
      const found = theirs.querySelector<HTMLElement>('.collab-caret');
      if (!found) throw new Error('no caret yet');
      return found;
    });
    expect(caret.textContent).toContain('Camille');
    expect(caret.dataset.collabColor).toMatch(/^[0-7]$/);
    // No inline style: our CSP refuses them.
    expect(theirs.querySelector('[style]')).toBeNull();
    expect(mine.querySelector('.collab-caret')).toBeNull();
  });

  it('is read-only when the server says so, and comments on the selection', async () => {
    const { b } = linkedSessions();
    const onComment = vi.fn();
    const theirs = renderEditor(renard, { mayEdit: true, onComment });
    const { editor, textbox } = await editorIn(theirs);
    act(() => {
      editor.commands.insertContent('Le budget reste inconnu à ce jour.');
    });
    b.provider.ready('readonly');

    expect(within(theirs).getByText('Lecture seule')).toBeTruthy();
    await waitFor(() => expect(textbox.getAttribute('contenteditable')).toBe('false'));
    expect(within(theirs).queryByRole('button', { name: 'Insérer le modèle' })).toBeNull();

    act(() => {
      editor.commands.setTextSelection({ from: 1, to: 24 });
    });
    fireEvent.click(within(theirs).getByRole('button', { name: 'Commenter la sélection' }));
    expect(onComment).toHaveBeenCalledWith('Le budget reste inconnu');
  });

  it('is read-only before the server answers when the rules say so', async () => {
    linkedSessions();
    const theirs = renderEditor(renard, { mayEdit: false });
    const { textbox } = await editorIn(theirs);
    expect(within(theirs).getByText('Lecture seule')).toBeTruthy();
    expect(textbox.getAttribute('contenteditable')).toBe('false');
  });
});
