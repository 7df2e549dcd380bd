import type { ApprovalRule } from '@technopolice/shared';
import { useTranslation } from 'react-i18next';

/**
 * A group's approval rule in words: "Pour publier : 1 coordinateur·ice ou 2 membres, sans
 * compter la dernière personne à avoir modifié la synthèse." A way set to 0 is left out.
 */
export function useRuleWords(): (rule: ApprovalRule) => string {
  const { t } = useTranslation();
  return (rule) => {
    const coordinators =
      rule.coordinators > 0 ? t('review.rule.coordinators', { count: rule.coordinators }) : null;
    const members = rule.members > 0 ? t('review.rule.members', { count: rule.members }) : null;
    const who =
      coordinators && members
        ? t('review.rule.either', { first: coordinators, second: members })
        : (coordinators ?? members ?? '');
    return t('review.rule.sentence', { who });
  };
}

/** The rule in words, in a sentence. */
export function RuleSentence({ rule }: { rule: ApprovalRule }) {
  const words = useRuleWords();
  return <>{words(rule)}</>;
}
