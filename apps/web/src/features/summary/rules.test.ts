import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { applyPublishingEvent, publishingKeys } from '../../lib/publishing';
import { feedEvents, phraseKey, phraseOf, type PhraseContext } from '../case-page/activity';
import { anEvent, CASE_ID } from '../case-page/fixtures';
import {
  assignColors,
  caretElement,
  CARET_COLORS,
  collabUrl,
  colorIndexOf,
  collabUser,
  presentUsers,
  selectionAttributes,
} from './collaboration';
import { aComment, aReview, hibou, inReview, me, renard } from './fixtures';
import { mayEditSummary, ruleProgress, stageOf } from './rules';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';

describe('who may edit the summary', () => {
  it('lets every member edit outside a review, and only leads and the requester during one', () => {
    const review = inReview();
    expect(mayEditSummary('drafting', 'member', me.id, aReview())).toBe(true);
    expect(mayEditSummary('published', 'member', me.id, aReview())).toBe(true);
    expect(mayEditSummary('review', 'member', me.id, review)).toBe(false);
    expect(mayEditSummary('review', 'member', hibou.id, review)).toBe(true);
    expect(mayEditSummary('review', 'coordinator', me.id, review)).toBe(true);
    expect(mayEditSummary('review', 'admin', me.id, review)).toBe(true);
    expect(mayEditSummary('drafting', undefined, me.id, review)).toBe(false);
  });

  it('takes the review’s stage when it knows one', () => {
    expect(stageOf(inReview(), { stage: 'drafting' })).toBe('review');
    expect(stageOf(undefined, { stage: 'drafting' })).toBe('drafting');
    expect(stageOf(aReview({ stage: 'nonsense' }), { stage: 'open' })).toBe('open');
  });

  it('counts coordinators’ and admins’ approvals for both ways of the rule', () => {
    const at = new Date().toISOString();
    const progress = ruleProgress({ coordinators: 1, members: 2 }, [
      { user: renard, role: 'coordinator', createdAt: at },
      { user: hibou, role: 'member', createdAt: at },
    ]);
    expect(progress).toEqual({
      coordinators: { have: 1, needed: 1 },
      members: { have: 2, needed: 2 },
    });
  });
});

describe('carets and presence', () => {
  it('gives each person a stable colour and a caret with their name, without inline style', () => {
    expect(colorIndexOf(me.id)).toBe(colorIndexOf(me.id));
    const user = collabUser(me);
    expect(user.color).toBe(CARET_COLORS[colorIndexOf(me.id)]);
    const caret = caretElement(user, 3);
    expect(caret.className).toBe('collab-caret');
    expect(caret.dataset.collabColor).toBe('3');
    expect(caret.querySelector('.collab-caret__label')?.textContent).toBe('Camille');
    expect(caret.hasAttribute('style')).toBe(false);
    expect(selectionAttributes(3)).toEqual({ class: 'collab-selection', 'data-collab-color': '3' });
    // A name sent by another client is text, never markup.
    const odd = caretElement({ name: '<img src=x onerror=alert(1)>' }, 0);
    expect(odd.querySelector('img')).toBeNull();
  });

  it('never gives two people present the same colour, and everyone computes the same', () => {
    // Ids whose preferred colours collide.
    const ids = Array.from({ length: 40 }, (_, index) => `user-${index}`);
    const preferred = colorIndexOf(ids[0]!);
    const clash = ids.filter((id) => colorIndexOf(id) === preferred).slice(0, 3);
    expect(clash.length).toBeGreaterThan(1);
    const colors = assignColors(clash);
    expect(new Set(colors.values()).size).toBe(clash.length);
    expect(assignColors([...clash].reverse())).toEqual(colors);
    const crowd = assignColors(ids.slice(0, 8));
    expect(new Set(crowd.values()).size).toBe(8);
  });

  it('connects to the co-editing path of the page’s own origin', () => {
    expect(collabUrl({ protocol: 'https:', host: 'technopolice.example' })).toBe(
      'wss://technopolice.example/api/collab',
    );
    expect(collabUrl({ protocol: 'http:', host: 'localhost:3000' })).toBe(
      'ws://localhost:3000/api/collab',
    );
  });

  it('lists who is in the document once per person, me first', () => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    awareness.setLocalStateField('user', collabUser(me));
    const other = new Awareness(new Y.Doc());
    other.setLocalStateField('user', collabUser(renard));
    awareness.states.set(other.clientID, other.getLocalState() ?? {});
    awareness.states.set(other.clientID + 1, other.getLocalState() ?? {});
    awareness.states.set(other.clientID + 2, { cursor: null });
    expect(presentUsers(awareness).map((user) => [user.name, user.me])).toEqual([
      ['Camille', true],
      ['Renard', false],
    ]);
  });
});

describe('the activity feed of the summary', () => {
  const context: PhraseContext = {
    language: 'fr',
    someone: 'Quelqu’un',
    nothing: 'non renseigné',
    names: new Map(),
    fieldNoun: (field) => field,
  };

  function sentence(type: string, payload: Record<string, unknown>, language: 'fr' | 'en' = 'fr') {
    const phrase = phraseOf(anEvent(1, type, payload, hibou), { ...context, language });
    const words = i18n.getFixedT(language)(
      phraseKey(phrase) as 'casePage.activity.moved',
      phrase.values as { from: string; to: string },
    );
    return phrase.name ? `${phrase.name} ${words}` : words;
  }

  it('phrases every event of the summary, its review and its publication', () => {
    expect(sentence('summary.saved', { language: 'fr', version: 3 })).toBe(
      'Hibou a modifié la synthèse en français',
    );
    expect(sentence('summary.saved', { language: 'en', version: 3 }, 'en')).toBe(
      'Hibou edited the English summary',
    );
    expect(sentence('review.requested', { note: null })).toBe(
      'Hibou a demandé une relecture de la synthèse',
    );
    expect(sentence('review.requested', { note: 'Relisez le budget' })).toBe(
      'Hibou a demandé une relecture de la synthèse : « Relisez le budget »',
    );
    expect(sentence('review.withdrawn', {})).toBe('Hibou a retiré la demande de relecture');
    expect(sentence('review.approved', { user: hibou })).toBe('Hibou a approuvé la synthèse');
    expect(sentence('review.approval-withdrawn', { user: hibou })).toBe(
      'Hibou a retiré son approbation',
    );
    expect(sentence('review.approvals-reset', { language: 'fr' })).toBe(
      'Approbations remises à zéro : la synthèse a été modifiée',
    );
    expect(sentence('review.commented', { comment: aComment() })).toBe(
      'Hibou a commenté la synthèse : « Il manque le montant du marché de 2023. »',
    );
    expect(sentence('review.comment-resolved', { commentId: 'x', resolved: true })).toBe(
      'Hibou a résolu un commentaire de la relecture',
    );
    expect(sentence('review.comment-resolved', { commentId: 'x', resolved: false })).toBe(
      'Hibou a rouvert un commentaire de la relecture',
    );
    expect(sentence('case.published', { revision: 1, url: '/p/a/b' })).toBe(
      'Hibou a publié la synthèse',
    );
    expect(sentence('case.published', { revision: 3, url: '/p/a/b' })).toBe(
      'Hibou a publié la révision 3 de la synthèse',
    );
    expect(sentence('case.retracted', { reason: 'Erreur de ville' })).toBe(
      'Hibou a retiré la publication : « Erreur de ville »',
    );
    expect(sentence('case.retracted', { reason: 'Wrong city' }, 'en')).toBe(
      'Hibou retracted the publication: “Wrong city”',
    );
  });

  it('shows one save of a run by the same person in the same language', () => {
    const saved = (seq: number, language: string, actor = hibou) =>
      anEvent(seq, 'summary.saved', { language, version: seq }, actor);
    const items = [
      saved(6, 'fr'),
      saved(5, 'fr'),
      saved(4, 'en'),
      saved(3, 'fr', renard),
      saved(2, 'fr'),
      anEvent(1, 'post.updated', {}),
    ];
    expect(feedEvents(items).map((event) => event.seq)).toEqual([6, 4, 3, 2]);
  });
});

describe('live updates of the summary, the review and the publication', () => {
  it('reads again what each event of the case log changed', () => {
    const queryClient = new QueryClient();
    const keys = {
      summaryFr: publishingKeys.summary(CASE_ID, 'fr'),
      summaryEn: publishingKeys.summary(CASE_ID, 'en'),
      review: publishingKeys.review(CASE_ID),
      publication: publishingKeys.publication(CASE_ID),
    };
    for (const key of Object.values(keys)) queryClient.setQueryData(key, {});
    queryClient.setQueryData(keys.review, inReview());
    const stale = () =>
      Object.entries(keys)
        .filter(([, key]) => queryClient.getQueryState(key)?.isInvalidated)
        .map(([name]) => name);

    applyPublishingEvent(queryClient, CASE_ID, {
      type: 'review.commented',
      payload: { comment: aComment() },
    });
    expect(stale()).toEqual([]);
    expect(queryClient.getQueryData<{ comments: unknown[] }>(keys.review)?.comments).toHaveLength(
      1,
    );

    applyPublishingEvent(queryClient, CASE_ID, {
      type: 'summary.saved',
      payload: { language: 'en', version: 2 },
    });
    expect(stale()).toEqual(['summaryEn', 'review']);

    applyPublishingEvent(queryClient, CASE_ID, {
      type: 'case.published',
      payload: { revision: 1, url: '/p/a/b' },
    });
    expect(stale()).toEqual(['summaryEn', 'review', 'publication']);
  });
});
