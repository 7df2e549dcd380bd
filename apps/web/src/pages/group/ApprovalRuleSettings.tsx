import { approvalRuleSchema, DEFAULT_APPROVAL_RULE, type ApprovalRule } from '@technopolice/shared';
import { Save } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Notice';
import { FormFooter } from '../../components/FormFooter';
import { useUpdateGroup } from '../../lib/identity';
import { useRuleWords } from '../../features/summary/RuleSentence';
import { useGroupContext } from './context';

/** Bounds of each way of the rule (the shared schema's). */
const MAX = { coordinators: 10, members: 20 } as const;

function count(value: string, max: number): number {
  const number = Number.parseInt(value, 10);
  return Number.isFinite(number) ? Math.min(Math.max(number, 0), max) : 0;
}

/**
 * "Règle de publication" (admins): how many approvals a summary needs before it is published,
 * written as the sentence it makes: "Pour publier : [1] coordinateur·ice(s) ou [2] membres…".
 */
export function ApprovalRuleSettings() {
  const { t } = useTranslation();
  const { group } = useGroupContext();
  const update = useUpdateGroup(group.id);
  const words = useRuleWords();
  const initial: ApprovalRule = group.approvalRule ?? DEFAULT_APPROVAL_RULE;
  const [coordinators, setCoordinators] = useState(String(initial.coordinators));
  const [members, setMembers] = useState(String(initial.members));
  const [invalid, setInvalid] = useState(false);
  const id = useId();
  const rule = {
    coordinators: count(coordinators, MAX.coordinators),
    members: count(members, MAX.members),
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.reset();
    const parsed = approvalRuleSchema.safeParse(rule);
    if (!parsed.success) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    update.mutate({ approvalRule: parsed.data });
  }

  return (
    <section className="panel panel--narrow" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel__title">
        {t('review.settings.title')}
      </h2>
      <p className="panel__description">{t('review.settings.description')}</p>
      <form className="form" noValidate onSubmit={onSubmit}>
        <p className="rule-form">
          <span>{t('review.settings.before')}</span>
          <input
            className="input rule-form__number"
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX.coordinators}
            aria-label={t('review.settings.coordinators')}
            aria-describedby={`${id}-hint`}
            value={coordinators}
            onChange={(event) => {
              setCoordinators(event.target.value);
              setInvalid(false);
            }}
          />
          <span>
            {t('review.settings.coordinatorsWord')} {t('review.settings.or')}
          </span>
          <input
            className="input rule-form__number"
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX.members}
            aria-label={t('review.settings.members')}
            aria-describedby={`${id}-hint`}
            value={members}
            onChange={(event) => {
              setMembers(event.target.value);
              setInvalid(false);
            }}
          />
          <span>{t('review.settings.membersWord')}</span>
        </p>
        <p id={`${id}-hint`} className="field__hint">
          {t('review.settings.hint')}
        </p>
        {invalid || rule.coordinators + rule.members === 0 ? (
          <Notice tone="warning" role={invalid ? 'alert' : undefined}>
            {t('review.settings.atLeastOne')}
          </Notice>
        ) : (
          <p className="rule-form__preview">
            <strong>{t('review.settings.preview')}</strong> {words(rule)}
          </p>
        )}
        <FormFooter
          error={update.error}
          errorTitle={t('review.settings.failed')}
          pending={update.isPending}
          icon={Save}
          label={t('common.save')}
          pendingLabel={t('common.saving')}
        >
          {update.isSuccess ? (
            <Notice tone="success" role="status">
              {t('review.settings.saved')}
            </Notice>
          ) : null}
        </FormFooter>
      </form>
    </section>
  );
}
