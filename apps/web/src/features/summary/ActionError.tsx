import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Notice';
import { ApiError } from '../../lib/api';

/** Codes of the review and publication routes that have their own words. */
const KNOWN = {
  conflict: 'conflict',
  not_in_review: 'notInReview',
  approval_by_last_editor: 'lastEditor',
  not_approved: 'notApproved',
  summary_invalid: 'summaryInvalid',
  forbidden: 'forbidden',
  not_published: 'notPublished',
  retracted: 'retracted',
} as const;

/**
 * Why a review or publication action failed, in words, with the server's own message.
 * `request`: asking for a review, where an invalid summary is an empty one.
 */
export function ActionError({ error, action }: { error: unknown; action?: 'request' }) {
  const { t } = useTranslation();
  const code = error instanceof ApiError ? error.code : '';
  const known =
    action === 'request' && code === 'summary_invalid'
      ? 'emptySummary'
      : Object.hasOwn(KNOWN, code)
        ? KNOWN[code as keyof typeof KNOWN]
        : null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Notice tone="danger" role="alert" title={t('review.errors.title')}>
      {known ? t(`review.errors.${known}`) : message}
    </Notice>
  );
}
