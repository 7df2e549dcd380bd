import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import fr from '../../i18n/fr.json';
import i18n from '../../i18n';
import { RENARD_ID } from '../../test/fixtures';
import { CASE_FIELDS, phraseOf, type PhraseContext } from './activity';
import { catchUpFrom, mergeEvents } from './api';
import { anEvent } from './fixtures';
import { formatEuros, parseEuros } from './format';

const context: PhraseContext = {
  language: 'fr',
  someone: 'Quelqu’un',
  nothing: 'non renseigné',
  names: new Map([[RENARD_ID, 'Renard']]),
  fieldNoun: (field) => fr.casePage.activity.fields[field],
  documentFieldNoun: (field) => fr.casePage.activity.documentFields[field],
};

/** The whole sentence, as the feed shows it (in French unless said). */
function sentence(
  type: string,
  payload: Record<string, unknown>,
  actor = true,
  language: 'fr' | 'en' = 'fr',
): string {
  const phrase = phraseOf(
    anEvent(1, type, payload, actor ? { id: 'x', displayName: 'Camille' } : null),
    { ...context, language },
  );
  const t = i18n.getFixedT(language);
  const words = t(
    `casePage.activity.${phrase.key}` as 'casePage.activity.moved',
    phrase.values as { from: string; to: string },
  );
  return phrase.name ? `${phrase.name} ${words}` : words;
}

describe('activity sentences', () => {
  it('phrases each event type in French', () => {
    expect(sentence('case.moved', { from: 'open', to: 'investigating' })).toBe(
      'Camille a déplacé le dossier de « Ouvert » vers « En enquête »',
    );
    expect(sentence('task.created', { taskId: 'x', title: 'Demande CADA à la mairie' })).toBe(
      'Camille a ajouté la tâche « Demande CADA à la mairie »',
    );
    expect(sentence('task.completed', { title: 'Demande CADA' })).toBe(
      'Camille a terminé la tâche « Demande CADA »',
    );
    expect(sentence('task.reopened', { title: 'Demande CADA' })).toBe(
      'Camille a rouvert la tâche « Demande CADA »',
    );
    expect(sentence('task.deleted', { title: 'Demande CADA' })).toBe(
      'Camille a supprimé la tâche « Demande CADA »',
    );
    expect(
      sentence('task.updated', {
        title: 'Demande CADA',
        changes: { assigneeId: { from: null, to: RENARD_ID } },
      }),
    ).toBe('Camille a confié la tâche « Demande CADA » à Renard');
    expect(
      sentence('task.updated', {
        title: 'Demande CADA',
        changes: { dueDate: { from: null, to: '2025-07-14' } },
      }),
    ).toBe('Camille a fixé l’échéance de la tâche « Demande CADA » au 14 juillet 2025');
    expect(
      sentence('timeline.created', { entryId: 'x', date: '2025-03-12', title: 'Vote du conseil' }),
    ).toBe('Camille a ajouté « Vote du conseil » (12 mars 2025) à la chronologie');
    expect(sentence('timeline.deleted', { entryId: 'x', title: 'Vote du conseil' })).toBe(
      'Camille a retiré « Vote du conseil » de la chronologie',
    );
    expect(sentence('case.created', { title: 'VSA à Nice', stage: 'open' }, false)).toBe(
      'Quelqu’un a créé le dossier « VSA à Nice »',
    );
    expect(sentence('something.new', {})).toBe('Camille a modifié le dossier');
  });

  it('phrases the four document events, the text extraction without a subject', () => {
    const id = 'd0000000-0000-4000-8000-000000000001';
    expect(sentence('document.added', { documentId: id, title: 'Réponse CADA' })).toBe(
      'Camille a déposé le document « Réponse CADA »',
    );
    // The API names the fields that changed.
    expect(
      sentence('document.updated', {
        documentId: id,
        title: 'Réponse CADA',
        changes: ['kind', 'date'],
      }),
    ).toBe('Camille a modifié le type et la date du document « Réponse CADA »');
    expect(
      sentence('document.updated', {
        documentId: id,
        title: 'Réponse de la mairie',
        changes: ['title'],
      }),
    ).toBe('Camille a renommé un document en « Réponse de la mairie »');
    expect(sentence('document.updated', { documentId: id, title: 'Réponse CADA' })).toBe(
      'Camille a modifié le document « Réponse CADA »',
    );
    expect(
      sentence(
        'document.text',
        { documentId: id, title: 'Réponse CADA', textStatus: 'done' },
        false,
      ),
    ).toBe('Texte extrait du document « Réponse CADA »');
    expect(
      sentence('document.text', { documentId: id, title: 'Contrat', textStatus: 'failed' }, false),
    ).toBe('La lecture du texte de « Contrat » a échoué');
    expect(
      sentence('document.text', { documentId: id, title: 'Contrat', textStatus: 'pending' }),
    ).toBe('Camille a relancé la lecture du texte de « Contrat »');
    expect(sentence('document.deleted', { documentId: id, title: 'Doublon' })).toBe(
      'Camille a supprimé le document « Doublon »',
    );
    expect(sentence('document.added', { documentId: id, title: 'FOI answer' }, true, 'en')).toBe(
      'Camille uploaded the document “FOI answer”',
    );
  });

  it('phrases changes of the facts, one field or several', () => {
    expect(
      sentence('case.updated', {
        changes: {
          cityCode: { from: '06088', to: '13055', fromName: 'Nice', toName: 'Marseille' },
        },
      }),
    ).toBe('Camille a remplacé la ville Nice par Marseille');
    expect(
      sentence('case.updated', { changes: { budgetEuros: { from: null, to: 1250000 } } }),
    ).toBe(`Camille a changé le budget : ${formatEuros(1250000, 'fr')} (auparavant non renseigné)`);
    expect(
      sentence('case.updated', {
        changes: { technologies: { from: ['drones'], to: ['drones', 'facial-recognition'] } },
      }),
    ).toBe('Camille a modifié les technologies : Drones et Reconnaissance faciale');
    expect(
      sentence('case.updated', {
        changes: { title: { from: 'A', to: 'B' }, budgetEuros: { from: 1, to: 2 } },
      }),
    ).toBe('Camille a modifié le titre et le budget');
  });

  it('has a sentence and a noun in both languages for every field of a case', () => {
    for (const field of CASE_FIELDS) {
      expect(fr.casePage.activity.updated[field], field).toBeTruthy();
      expect(en.casePage.activity.updated[field], field).toBeTruthy();
      expect(fr.casePage.activity.fields[field], field).toBeTruthy();
    }
  });
});

describe('feed merging', () => {
  it('keeps one event per seq, latest first', () => {
    const merged = mergeEvents(
      [anEvent(3, 'a', {}), anEvent(1, 'a', {})],
      [anEvent(2, 'b', {}), anEvent(3, 'c', {})],
    );
    expect(merged.map((event) => [event.seq, event.type])).toEqual([
      [3, 'c'],
      [2, 'b'],
      [1, 'a'],
    ]);
  });

  it('catches up from just before the oldest hole, else from the head', () => {
    expect(catchUpFrom([anEvent(9, 'a', {}), anEvent(6, 'a', {}), anEvent(5, 'a', {})])).toBe(6);
    expect(catchUpFrom([anEvent(9, 'a', {}), anEvent(8, 'a', {})])).toBe(9);
    expect(catchUpFrom([])).toBe(0);
  });
});

describe('euro amounts', () => {
  it('reads French and plain amounts', () => {
    expect(parseEuros('1 250 000,50 €')).toBe(1250000.5);
    expect(parseEuros('98500.5')).toBe(98500.5);
    expect(parseEuros('1,200,000')).toBe(1200000);
    expect(parseEuros('')).toBeNull();
    expect(parseEuros('beaucoup')).toBeNaN();
  });
});
