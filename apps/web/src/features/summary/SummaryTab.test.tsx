import type { CaseStage, GroupRole, Publication, Review } from '@technopolice/shared';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { caseKeys } from '../../lib/cases';
import { identityKeys } from '../../lib/identity';
import { GROUP_ID, ME_ID, someMembers } from '../../test/fixtures';
import { aMe, createTestQueryClient, renderApp, seedQueryClient } from '../../test/render';
import { casePageKeys } from '../case-page/api';
import { aCase, anEvent, CASE_ID } from '../case-page/fixtures';
import { apiError, type Answer, type Call, stubFetch } from '../documents/test/api';
import {
  aComment,
  aPublication,
  aReview,
  aSummary,
  COMMENT_ID,
  CONTRACT_ID,
  hibou,
  inReview,
  me,
  PHOTO_ID,
  renard,
  REPORT_ID,
  someDocuments,
} from './fixtures';

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
  usePersonalEvents: () => undefined,
}));

// Tiptap and Y.js need a browser and a server: the editor is tested on its own
// (SummaryEditor.test.tsx); here it shows what the tab hands it.
vi.mock('./LazySummaryEditor', () => ({
  LazySummaryEditor: (props: {
    language: string;
    mayEdit: boolean;
    readOnlyReason: string | null;
    lastEdit?: string;
    onComment: (quote: string) => void;
  }) => (
    <div data-testid="summary-editor" data-language={props.language} data-may-edit={props.mayEdit}>
      {props.readOnlyReason ? <p>{props.readOnlyReason}</p> : null}
      <p>{props.lastEdit}</p>
      <button type="button" onClick={() => props.onComment('Le budget reste inconnu')}>
        Commenter la sélection
      </button>
    </div>
  ),
}));

function emit(name: string, payload: unknown) {
  const listener = room.listeners?.[name] as ((payload: unknown) => void) | undefined;
  if (!listener) throw new Error(`no listener for ${name}`);
  act(() => listener(payload));
}

const base = `/api/cases/${CASE_ID}`;

/** The publishing API, faked: `state` is what the server holds, tests change it. */
function api(
  state: { review: Review; publication: Publication | null },
  extra: (call: Call) => Answer | undefined = () => undefined,
) {
  return stubFetch((call) => {
    const url = new URL(call.url, 'http://localhost');
    const answer = extra(call);
    if (answer) return answer;
    if (call.method === 'GET' && url.pathname === base)
      return { status: 200, body: aCase({ stage: state.review.stage as CaseStage }) };
    if (call.method === 'GET' && url.pathname === `${base}/review`)
      // As the server says: the case was published once it has a publication.
      return { status: 200, body: { ...state.review, published: state.publication !== null } };
    if (call.method === 'GET' && url.pathname === `${base}/summary`)
      return {
        status: 200,
        body: aSummary({ language: url.searchParams.get('lang') === 'en' ? 'en' : 'fr' }),
      };
    if (call.method === 'GET' && url.pathname === `${base}/publication`)
      return state.publication
        ? { status: 200, body: state.publication }
        : apiError(404, 'not_found', 'Never published.');
    if (call.method === 'GET' && url.pathname === `${base}/documents`)
      return { status: 200, body: { items: someDocuments, nextCursor: null } };
    if (url.pathname === `/api/groups/${GROUP_ID}/unread`)
      return { status: 200, body: { forum: 0, cases: {} } };
    if (url.pathname === '/api/notifications')
      return { status: 200, body: { items: [], nextCursor: null, unread: 0 } };
    return undefined;
  });
}

function renderTab(stage: CaseStage, role: GroupRole = 'member') {
  const queryClient = seedQueryClient(createTestQueryClient());
  queryClient.setQueryData(caseKeys.detail(CASE_ID), aCase({ stage }));
  queryClient.setQueryData(identityKeys.members(GROUP_ID), someMembers(role));
  queryClient.setQueryData(casePageKeys.events(CASE_ID), { items: [], hasOlder: false });
  const person = aMe({
    groups: [
      { id: GROUP_ID, slug: 'technopolice-marseille', name: 'Technopolice Marseille', role },
    ],
  });
  return renderApp(`/dossiers/${CASE_ID}?onglet=synthese`, { queryClient, me: person });
}

const panel = () => screen.getByRole('complementary', { name: 'Relecture et publication' });

beforeEach(() => {
  room.listeners = null;
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the Synthèse tab of a case', () => {
  it('shows the editor, the stage, the rule in words and asks for a review with a note', async () => {
    const user = userEvent.setup();
    const state = { review: aReview(), publication: null };
    const calls = api(state, (call) => {
      if (call.method !== 'POST' || !call.url.endsWith('/review')) return undefined;
      state.review = inReview({
        requestedBy: me,
        note: (call.body as { note?: string }).note ?? null,
        canApprove: false,
        blocker: 'last-editor',
      });
      return { status: 200, body: state.review };
    });
    renderTab('drafting');

    expect(screen.getByRole('tab', { name: 'Synthèse' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    const editor = await screen.findByTestId('summary-editor');
    expect(editor.dataset.language).toBe('fr');
    expect(editor.dataset.mayEdit).toBe('true');
    // The facts card gives its place to the review panel.
    expect(screen.queryByRole('complementary', { name: /Faits/ })).toBeNull();
    await within(panel()).findByText('Rédaction');
    expect(panel().textContent).toContain(
      'Pour publier : 1 coordinateur·ice ou 2 membres, sans compter la dernière personne à avoir modifié la synthèse.',
    );
    expect(
      within(panel()).getByRole('button', { name: 'Publier la synthèse' }).hasAttribute('disabled'),
    ).toBe(true);
    expect(await screen.findByText(/dernière modification par Hibou/)).toBeTruthy();

    await user.click(within(panel()).getByRole('button', { name: 'Demander une relecture' }));
    await user.type(
      within(panel()).getByRole('textbox', { name: /Un mot pour les relecteur·ices/ }),
      'Prête pour relecture',
    );
    await user.click(within(panel()).getByRole('button', { name: 'Envoyer la demande' }));
    await within(panel()).findByText('Relecture demandée par Camille');
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      note: 'Prête pour relecture',
    });
    // The last editor may not approve, and is told why.
    const approve = within(panel()).getByRole('button', { name: 'Approuver la synthèse' });
    expect(approve.hasAttribute('disabled')).toBe(true);
    expect(approve.getAttribute('aria-describedby')).toBeTruthy();
    expect(panel().textContent).toContain(
      'Vous avez modifié la synthèse en dernier : une autre personne doit l’approuver.',
    );
    expect(within(panel()).getByRole('button', { name: 'Retirer la demande' })).toBeTruthy();
  });

  it('makes the summary read-only for a member during someone else’s review, who approves it', async () => {
    const user = userEvent.setup();
    const state = { review: inReview(), publication: null };
    const calls = api(state, (call) => {
      if (call.method !== 'POST' || !call.url.endsWith('/approvals')) return undefined;
      state.review = inReview({
        approvals: [{ user: me, role: 'member', createdAt: new Date().toISOString() }],
        canApprove: false,
        blocker: 'already-approved',
      });
      return { status: 200, body: state.review };
    });
    renderTab('review');

    const editor = await screen.findByTestId('summary-editor');
    await waitFor(() =>
      expect(editor.textContent).toContain('Hibou, qui a demandé la relecture, la modifient'),
    );
    expect(editor.dataset.mayEdit).toBe('false');
    await within(panel()).findByText('Relisez surtout la partie budget.');
    expect(within(panel()).queryByRole('button', { name: 'Retirer la demande' })).toBeNull();

    await user.click(within(panel()).getByRole('button', { name: 'Approuver la synthèse' }));
    const approvals = await within(panel()).findByRole('list', {
      name: 'Personnes qui ont approuvé',
    });
    expect(approvals.textContent).toContain('Camille');
    expect(approvals.textContent).toContain('Membre');
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1);
    const progress = within(panel()).getByRole('list', { name: 'Avancement de la règle' });
    expect(progress.textContent).toContain('Coordination0 / 1');
    expect(progress.textContent).toContain('Membres1 / 2');
    expect(within(panel()).getByRole('button', { name: 'Retirer mon approbation' })).toBeTruthy();
  });

  it('lets coordinators edit during a review', async () => {
    api({ review: inReview(), publication: null });
    renderTab('review', 'coordinator');
    const editor = await screen.findByTestId('summary-editor');
    await within(panel()).findByText('Relecture demandée par Hibou');
    expect(editor.dataset.mayEdit).toBe('true');
  });

  it('comments on the selected passage, in the language shown, and resolves comments', async () => {
    const user = userEvent.setup();
    const state = { review: inReview({ comments: [aComment()] }), publication: null };
    const calls = api(state, (call) => {
      if (call.method === 'POST' && call.url.endsWith('/review/comments'))
        return {
          status: 201,
          body: aComment({
            id: 'd0000000-0000-4000-8000-000000000002',
            author: me,
            ...(call.body as { body: string; quote: string; language: 'fr' | 'en' }),
          }),
        };
      if (call.method === 'PATCH')
        return {
          status: 200,
          body: aComment({ resolved: true, resolvedBy: me }),
        };
      return undefined;
    });
    renderTab('review');

    const comments = await within(panel()).findByRole('list', {
      name: 'Commentaires de la relecture',
    });
    expect(comments.textContent).toContain('Il manque le montant du marché de 2023.');
    expect(comments.textContent).toContain('Renard');

    await user.click(screen.getByRole('tab', { name: 'English (facultatif)' }));
    expect(screen.getByTestId('summary-editor').dataset.language).toBe('en');
    await user.click(screen.getByRole('button', { name: 'Commenter la sélection' }));
    const input = within(panel()).getByRole('textbox', { name: 'Votre commentaire' });
    await waitFor(() => expect(document.activeElement).toBe(input));
    expect(panel().querySelector('.review-comment-form__quote')?.textContent).toContain(
      'Le budget reste inconnu',
    );
    await user.type(input, 'Source ?');
    await user.click(within(panel()).getByRole('button', { name: 'Commenter' }));
    await waitFor(() => expect(within(comments).getAllByRole('listitem')).toHaveLength(2));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      body: 'Source ?',
      quote: 'Le budget reste inconnu',
      language: 'en',
    });

    const first = within(comments).getAllByRole('listitem')[0]!;
    await user.click(within(first).getByRole('button', { name: 'Marquer comme résolu' }));
    await waitFor(() => expect(within(comments).getAllByRole('listitem')).toHaveLength(1));
    expect(calls.find((call) => call.method === 'PATCH')).toMatchObject({
      url: `${base}/review/comments/${COMMENT_ID}`,
      body: { resolved: true },
    });
    expect(
      within(panel()).getByRole('button', { name: 'Voir le commentaire résolu' }),
    ).toBeTruthy();
  });

  it('publishes the chosen documents, warns about photos, and links the public page', async () => {
    const user = userEvent.setup();
    const state: { review: Review; publication: Publication | null } = {
      review: inReview({
        approvals: [{ user: renard, role: 'coordinator', createdAt: new Date().toISOString() }],
        approved: true,
        blocker: 'already-approved',
        canApprove: false,
      }),
      publication: null,
    };
    const calls = api(state, (call) => {
      if (call.method !== 'POST' || !call.url.endsWith('/publication')) return undefined;
      state.publication = aPublication({
        revision: 1,
        documentIds: (call.body as { documentIds: string[] }).documentIds,
        revisions: [aPublication().revisions[0]!],
      });
      state.review = aReview({ stage: 'published' });
      return { status: 201, body: { url: state.publication.url, revision: 1 } };
    });
    renderTab('review', 'coordinator');

    await within(panel()).findByText('La règle est remplie : la synthèse peut être publiée.');
    await user.click(within(panel()).getByRole('button', { name: 'Publier la synthèse' }));
    const dialog = await screen.findByRole('dialog', { name: 'Publier la synthèse' });
    expect(dialog.textContent).toContain('Tout ceci devient public');
    const photo = await within(dialog).findByRole('checkbox', { name: /Caméra du Vieux-Port/ });
    expect(
      within(dialog).getByText('Photo : vérifiez qu’aucun visage n’est reconnaissable'),
    ).toBeTruthy();
    await user.click(photo);
    expect(dialog.textContent).toContain('1 photo cochée');
    await user.click(within(dialog).getByRole('checkbox', { name: /Réponse CADA/ }));
    // A first publication: the change note is optional.
    await user.click(within(dialog).getByRole('button', { name: 'Publier' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      documentIds: [REPORT_ID, PHOTO_ID],
    });
    expect(await within(panel()).findByText('Publiée : révision 1')).toBeTruthy();
    const links = within(panel()).getAllByRole('link', { name: 'Voir la page publique' });
    expect(links[0]!.getAttribute('href')).toBe(
      'http://localhost:3000/p/technopolice-marseille/vsa-marseille',
    );
  });

  it('asks a change note for a new revision, ticks the previous documents, and retracts with a reason', async () => {
    const user = userEvent.setup();
    const state: { review: Review; publication: Publication | null } = {
      review: inReview({ approved: true, canApprove: false, blocker: 'already-approved' }),
      publication: aPublication(),
    };
    const calls = api(state, (call) => {
      if (call.method === 'POST' && call.url.endsWith('/publication'))
        return { status: 201, body: { url: aPublication().url, revision: 3 } };
      if (call.method === 'DELETE' && call.url.endsWith('/publication')) {
        state.publication = aPublication({
          status: 'retracted',
          retractedAt: new Date().toISOString(),
          retractedReason: (call.body as { reason: string }).reason,
        });
        return { status: 200, body: state.publication };
      }
      return undefined;
    });
    renderTab('published', 'admin');

    await within(panel()).findByText('En ligne · révision 2');
    expect(within(panel()).getByText('Historique : 2 révisions')).toBeTruthy();
    expect(panel().textContent).toContain('Ajout du contrat avec Thales.');

    await user.click(
      within(panel()).getByRole('button', { name: 'Publier une nouvelle révision' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Publier une nouvelle révision' });
    const report = await within(dialog).findByRole<HTMLInputElement>('checkbox', {
      name: /Réponse CADA/,
    });
    expect(report.checked).toBe(true);
    await user.click(within(dialog).getByRole('checkbox', { name: /Marché public Thales/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Publier la révision 3' }));
    expect(
      await within(dialog).findByText('Dites ce qui a changé depuis la révision précédente.'),
    ).toBeTruthy();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Note de révision' }),
      'Ajout du marché public',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Publier la révision 3' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      documentIds: [REPORT_ID, CONTRACT_ID],
      changeNote: 'Ajout du marché public',
    });

    await user.click(within(panel()).getByRole('button', { name: 'Retirer la publication' }));
    const retract = await screen.findByRole('dialog', { name: 'Retirer la publication' });
    await user.click(within(retract).getByRole('button', { name: 'Retirer la publication' }));
    expect(await within(retract).findByText(/Dites pourquoi/)).toBeTruthy();
    await user.type(
      within(retract).getByRole('textbox', { name: 'Raison publique' }),
      'Erreur sur le fournisseur',
    );
    await user.click(within(retract).getByRole('button', { name: 'Retirer la publication' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((call) => call.method === 'DELETE')?.body).toEqual({
      reason: 'Erreur sur le fournisseur',
    });
    expect(await within(panel()).findByText('« Erreur sur le fournisseur »')).toBeTruthy();
  });

  it('reads the review again when the case room tells of an approval, and words it in the feed', async () => {
    const state = { review: inReview(), publication: null };
    api(state);
    renderTab('review', 'coordinator');
    await within(panel()).findByText('Personne n’a encore approuvé cette version.');

    state.review = inReview({
      approvals: [{ user: hibou, role: 'member', createdAt: new Date().toISOString() }],
    });
    emit('case:event', {
      caseId: CASE_ID,
      seq: 4,
      event: anEvent(4, 'review.approved', { user: hibou }, hibou),
    });
    const approvals = await within(panel()).findByRole('list', {
      name: 'Personnes qui ont approuvé',
    });
    expect(approvals.textContent).toContain('Hibou');
  });
});

describe('the rules of the tab', () => {
  it('treats me as the requester when I asked for the review', async () => {
    api({
      review: inReview({ requestedBy: { id: ME_ID, displayName: 'Camille' } }),
      publication: null,
    });
    renderTab('review');
    const editor = await screen.findByTestId('summary-editor');
    await within(panel()).findByText('Relecture demandée par Camille');
    expect(editor.dataset.mayEdit).toBe('true');
    expect(within(panel()).getByRole('button', { name: 'Retirer la demande' })).toBeTruthy();
  });
});
