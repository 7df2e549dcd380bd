import {
  CASE_STAGES,
  type ApprovalRule,
  type CaseStage,
  type GroupRole,
  type Review,
} from '@technopolice/shared';

/**
 * The review's rules as the interface applies them before the server answers: who may edit
 * the summary now, and how far the approvals are from the group's rule. The server decides;
 * these only keep the interface honest meanwhile.
 */

/** Roles that count as a coordinator's approval and may always edit. */
export function leads(role: GroupRole | undefined): boolean {
  return role === 'admin' || role === 'coordinator';
}

/**
 * Whether I may edit the summary now: always, except during a review, when only admins,
 * coordinators and the person who asked for it edit (the others read and comment).
 */
export function mayEditSummary(
  stage: CaseStage,
  role: GroupRole | undefined,
  meId: string | undefined,
  review: Pick<Review, 'requestedBy'> | undefined,
): boolean {
  if (role === undefined) return false;
  if (stage !== 'review') return true;
  return leads(role) || (meId !== undefined && review?.requestedBy?.id === meId);
}

/** One way of meeting the rule, and how far it is: `needed` 0 means that way is off. */
export interface RuleProgress {
  coordinators: { have: number; needed: number };
  members: { have: number; needed: number };
}

/** How many approvals count for each way of the rule (a coordinator's counts for both). */
export function ruleProgress(rule: ApprovalRule, approvals: Review['approvals']): RuleProgress {
  return {
    coordinators: {
      have: approvals.filter((approval) => leads(approval.role)).length,
      needed: rule.coordinators,
    },
    members: { have: approvals.length, needed: rule.members },
  };
}

/** Whether I may withdraw the review request: the person who asked, coordinators and admins. */
export function mayWithdrawReview(
  role: GroupRole | undefined,
  meId: string | undefined,
  review: Pick<Review, 'requestedBy'>,
): boolean {
  return leads(role) || (meId !== undefined && review.requestedBy?.id === meId);
}

/**
 * The case's stage: the review's when known (it is the freshest after my own request or
 * withdrawal), else the case's.
 */
export function stageOf(
  review: Pick<Review, 'stage'> | undefined,
  caseData: { stage: CaseStage },
): CaseStage {
  const stage = review?.stage;
  return stage !== undefined && Object.hasOwn(CASE_STAGES, stage)
    ? (stage as CaseStage)
    : caseData.stage;
}
