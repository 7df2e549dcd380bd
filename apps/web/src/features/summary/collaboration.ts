import { HocuspocusProvider } from '@hocuspocus/provider';
import {
  COLLAB_FIELD,
  COLLAB_PATH,
  summaryDocumentName,
  type SummaryLanguage,
} from '@technopolice/shared';
import { type AnyExtension, Extension } from '@tiptap/core';
import type { Plugin } from '@tiptap/pm/state';
import { Collaboration } from '@tiptap/extension-collaboration';
import { yCursorPlugin } from '@tiptap/y-tiptap';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { currentToken } from '../../lib/api';

/**
 * Co-editing a summary: the Y.js document and its Hocuspocus connection (same origin, same
 * token as the API), the Tiptap extensions binding the editor to it, and the others' carets.
 * Only the summary's editor chunk loads this (Y.js and the provider never reach the board).
 */

/**
 * The carets' colours (`data-collab-color` in summary.css holds the same, without inline
 * styles: our CSP refuses them). Y.js wants a `#rrggbb` colour in the awareness state too.
 */
export const CARET_COLORS = [
  '#b63a12',
  '#1d5fa8',
  '#1d7a46',
  '#7a3cb0',
  '#976200',
  '#0b7480',
  '#b3175a',
  '#4a5590',
] as const;

/** One of the caret colours, stable for a person (the same in every tab and for everyone). */
export function colorIndexOf(userId: string): number {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % CARET_COLORS.length;
}

/**
 * Who a connection is, as the others see it (awareness field `user`). `color` is only for
 * Y.js, which wants one: the caret's colour comes from {@link assignColors}.
 */
export interface CollabUser {
  id: string;
  name: string;
  color: string;
}

/** The awareness `user` of a person. */
export function collabUser(person: { id: string; displayName: string }): CollabUser {
  return {
    id: person.id,
    name: person.displayName,
    color: CARET_COLORS[colorIndexOf(person.id)] ?? CARET_COLORS[0],
  };
}

/** The co-editing WebSocket's address, on the page's own origin. */
export function collabUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${COLLAB_PATH}`;
}

/** A summary open for co-editing: its Y.js document and its connection. */
export interface SummarySession {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  awareness: Awareness;
}

/**
 * Connects to a summary. The token is asked again on every (re)connection, so a refreshed
 * access token is used after a drop. The caller closes the session.
 */
export function openSummarySession(
  caseId: string,
  language: SummaryLanguage,
  user: CollabUser,
): SummarySession {
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({
    url: collabUrl(),
    name: summaryDocumentName(caseId, language),
    document: doc,
    token: async () => (await currentToken()) ?? '',
  });
  const awareness = provider.awareness;
  if (!awareness) throw new Error('The provider has no awareness');
  awareness.setLocalStateField('user', user);
  return { doc, provider, awareness };
}

/** Disconnects and frees a session. */
export function closeSummarySession(session: SummarySession): void {
  session.provider.destroy();
  session.doc.destroy();
}

/** Who a connection says it is; anything else (another client's garbage) is ignored. */
function userOf(value: unknown): { id: string; name: string } | null {
  if (value === null || typeof value !== 'object') return null;
  const user = value as { id?: unknown; name?: unknown };
  if (typeof user.id !== 'string' || typeof user.name !== 'string') return null;
  return { id: user.id, name: user.name };
}

/**
 * The colours of the people present: each gets their own colour when it is free, else the next
 * free one, in the order of their ids. Everyone sees the same people, so everyone computes the
 * same colours, and two people in a document never share one (up to eight).
 */
export function assignColors(userIds: Iterable<string>): Map<string, number> {
  const taken = new Set<number>();
  const colors = new Map<string, number>();
  for (const id of [...new Set(userIds)].sort()) {
    let index = colorIndexOf(id);
    for (let step = 0; step < CARET_COLORS.length && taken.has(index); step += 1)
      index = (index + 1) % CARET_COLORS.length;
    taken.add(index);
    colors.set(id, index);
  }
  return colors;
}

/** The ids of everyone in the document (me included). */
function presentIds(awareness: Awareness): string[] {
  const ids: string[] = [];
  const mine = userOf(awareness.getLocalState()?.user);
  if (mine) ids.push(mine.id);
  for (const [, state] of awareness.getStates()) {
    const user = userOf((state as { user?: unknown } | null)?.user);
    if (user) ids.push(user.id);
  }
  return ids;
}

/**
 * A caret of someone else: a thin bar in their colour with their name above it. The word
 * joiners around the label keep the line from breaking there (as Y.js's own caret does).
 */
export function caretElement(user: { name?: unknown }, colorIndex: number): HTMLElement {
  const caret = document.createElement('span');
  caret.className = 'collab-caret';
  caret.dataset.collabColor = String(colorIndex);
  const label = document.createElement('span');
  label.className = 'collab-caret__label';
  label.textContent = typeof user.name === 'string' ? user.name : '?';
  caret.append(document.createTextNode('\u2060'), label, document.createTextNode('\u2060'));
  return caret;
}

/** The attributes of someone else's selection: a tint of their colour (a class, no style). */
export function selectionAttributes(colorIndex: number): Record<string, string> {
  return { class: 'collab-selection', 'data-collab-color': String(colorIndex) };
}

/**
 * The others' carets and selections, from the awareness of the connection: what Tiptap's
 * CollaborationCaret does, with our caret, colours that never collide, and no inline style.
 */
export function createCaretExtension(awareness: Awareness): AnyExtension {
  const colorOf = (user: { id?: unknown }) =>
    (typeof user.id === 'string' ? assignColors(presentIds(awareness)).get(user.id) : 0) ?? 0;
  return Extension.create({
    name: 'collaborationCaret',
    addProseMirrorPlugins() {
      // Typed `any` by y-tiptap's JSDoc: it is a ProseMirror plugin.
      const carets = yCursorPlugin(awareness, {
        cursorBuilder: (user: Record<string, unknown>) => caretElement(user, colorOf(user)),
        selectionBuilder: (user: Record<string, unknown>) => selectionAttributes(colorOf(user)),
      }) as Plugin;
      return [carets];
    },
  });
}

/** The extensions binding an editor to a session: the shared text and the others' carets. */
export function collaborationExtensions(
  session: Pick<SummarySession, 'doc' | 'awareness'>,
): AnyExtension[] {
  return [
    Collaboration.configure({ document: session.doc, field: COLLAB_FIELD }),
    createCaretExtension(session.awareness),
  ];
}

/** Someone in the document now, in their colour. */
export interface PresentUser {
  id: string;
  name: string;
  colorIndex: number;
  me: boolean;
}

/** Who is in the document (one entry per person, me first), from the awareness states. */
export function presentUsers(awareness: Awareness): PresentUser[] {
  const colors = assignColors(presentIds(awareness));
  const byId = new Map<string, PresentUser>();
  const add = (state: unknown, me: boolean) => {
    const user = userOf((state as { user?: unknown } | null)?.user);
    if (user && !byId.has(user.id))
      byId.set(user.id, { ...user, colorIndex: colors.get(user.id) ?? 0, me });
  };
  add(awareness.getLocalState(), true);
  for (const [, state] of awareness.getStates()) add(state, false);
  return [...byId.values()];
}
