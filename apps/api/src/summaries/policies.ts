import { type CaseStage, type GroupRole } from '@technopolice/shared';

/**
 * Who may edit a case's summary. Every member writes it while the case is being investigated
 * or drafted; during a review the text belongs to those who answer the reviewers — whoever asked
 * for the review, coordinators and admins — and the other members read, comment and approve.
 */
export function canEditSummary(
  role: GroupRole,
  stage: CaseStage,
  userId: string,
  reviewRequestedBy: string | null,
): boolean {
  if (stage !== 'review') return true;
  return role === 'admin' || role === 'coordinator' || userId === reviewRequestedBy;
}

/** Retract a publication: an urgent, public act (a mistake, a threat) for coordinators and admins. */
export const canRetract = (role: GroupRole) => role === 'admin' || role === 'coordinator';

/** Approvals that count toward the rule as a coordinator's. */
export const countsAsCoordinator = (role: GroupRole) => role === 'admin' || role === 'coordinator';
