import {
  CASE_STAGES,
  type Approval,
  type Case,
  type GroupRole,
  type Review,
  type ReviewComment,
  type SummaryLanguage,
} from '@technopolice/shared';
import {
  BadgeCheck,
  CircleCheck,
  CircleDashed,
  MessageSquareText,
  Send,
  Undo2,
  X,
} from 'lucide-react';
import { type FormEvent, type RefObject, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../../components/Avatar';
import { QueryErrorState } from '../../components/ErrorState';
import { LoadingRegion, Skeleton } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { RoleBadge } from '../../components/RoleBadge';
import { useLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import {
  useAddReviewComment,
  useApprove,
  useRequestReview,
  useResolveReviewComment,
  useReview,
  useWithdrawApproval,
  useWithdrawReview,
} from '../../lib/publishing';
import { formatRelative, useNow } from '../case-page/format';
import { ActionError } from './ActionError';
import { PublicationBox } from './PublicationBox';
import { mayWithdrawReview, ruleProgress, stageOf } from './rules';
import { RuleSentence } from './RuleSentence';

/** A moment, relative ("il y a 5 minutes") with the full date on hover. */
function When({ iso }: { iso: string }) {
  const language = useLanguage();
  const now = useNow();
  return (
    <time dateTime={iso} title={formatDateTime(iso, language)}>
      {formatRelative(iso, now, language)}
    </time>
  );
}

/** The stage, who asked for the review and why, and the request or its withdrawal. */
function ReviewRequest({
  caseData,
  review,
  role,
  meId,
}: {
  caseData: Case;
  review: Review;
  role: GroupRole | undefined;
  meId: string | undefined;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const request = useRequestReview(caseData.id);
  const withdraw = useWithdrawReview(caseData.id);
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const noteId = useId();
  const stage = stageOf(review, caseData);
  const inReview = stage === 'review';

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = note.trim();
    request.mutate(trimmed ? { note: trimmed } : {}, {
      onSuccess: () => {
        setAsking(false);
        setNote('');
      },
    });
  }

  return (
    <div className="review-block">
      <p className="review-stage">
        <span className="review-stage__label">{t('review.stage')}</span>
        <span className="stage-label">
          <span className="stage-dot" data-tone={stage} aria-hidden="true" />
          {CASE_STAGES[stage][language]}
        </span>
      </p>
      {inReview && review.requestedBy ? (
        <div className="review-request">
          <p>
            {t('review.requestedBy', { name: review.requestedBy.displayName })}
            {review.requestedAt ? (
              <>
                {' '}
                <When iso={review.requestedAt} />
              </>
            ) : null}
          </p>
          {review.note ? (
            <blockquote className="review-request__note">{review.note}</blockquote>
          ) : null}
        </div>
      ) : null}
      {inReview ? (
        mayWithdrawReview(role, meId, review) ? (
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={withdraw.isPending}
            onClick={() => withdraw.mutate()}
          >
            <Undo2 size={15} aria-hidden="true" />
            {t('review.withdraw')}
          </button>
        ) : null
      ) : asking ? (
        <form className="review-request__form" onSubmit={onSubmit}>
          <label htmlFor={noteId} className="field__label">
            {t('review.note')}
            <span className="field__optional"> {t('review.optional')}</span>
          </label>
          <textarea
            id={noteId}
            className="input textarea"
            rows={3}
            maxLength={2000}
            value={note}
            placeholder={t('review.notePlaceholder')}
            onChange={(event) => setNote(event.target.value)}
          />
          <div className="review-actions">
            <button type="submit" className="button button--primary" disabled={request.isPending}>
              <Send size={15} aria-hidden="true" />
              {t('review.send')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setAsking(false)}
            >
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className="review-block__hint">{t('review.requestHint')}</p>
          <button type="button" className="button button--primary" onClick={() => setAsking(true)}>
            <Send size={15} aria-hidden="true" />
            {t('review.request')}
          </button>
        </>
      )}
      {request.isError ? <ActionError error={request.error} action="request" /> : null}
      {withdraw.isError ? <ActionError error={withdraw.error} /> : null}
    </div>
  );
}

/** One way of meeting the rule: "Coordination 1 / 1". */
function Progress({ label, have, needed }: { label: string; have: number; needed: number }) {
  const done = have >= needed;
  return (
    <li className="rule-progress__way" data-done={done}>
      {done ? (
        <CircleCheck size={15} aria-hidden="true" />
      ) : (
        <CircleDashed size={15} aria-hidden="true" />
      )}
      <span>{label}</span>
      <span className="rule-progress__count">
        {Math.min(have, needed)} / {needed}
      </span>
    </li>
  );
}

/** The approvals, the rule and how far they are from it, and my approval. */
function Approvals({
  caseId,
  review,
  meId,
}: {
  caseId: string;
  review: Review;
  meId: string | undefined;
}) {
  const { t } = useTranslation();
  const approve = useApprove(caseId);
  const withdraw = useWithdrawApproval(caseId);
  const progress = ruleProgress(review.rule, review.approvals);
  const mine = review.approvals.some((approval) => approval.user.id === meId);
  const inReview = review.stage === 'review';
  const blockerKey =
    review.blocker === 'not-in-review'
      ? 'notInReview'
      : review.blocker === 'last-editor'
        ? 'lastEditor'
        : review.blocker === 'already-approved'
          ? 'alreadyApproved'
          : null;

  return (
    <div className="review-block">
      <h3 className="review-block__title">
        <BadgeCheck size={17} aria-hidden="true" />
        {t('review.approvals.title')}
        <span className="case-section__count">{review.approvals.length}</span>
      </h3>
      <p className="review-block__hint">
        <RuleSentence rule={review.rule} />
      </p>
      <ul className="rule-progress" aria-label={t('review.approvals.progress')}>
        {progress.coordinators.needed > 0 ? (
          <Progress
            label={t('review.approvals.coordinators')}
            have={progress.coordinators.have}
            needed={progress.coordinators.needed}
          />
        ) : null}
        {progress.members.needed > 0 ? (
          <Progress
            label={t('review.approvals.members')}
            have={progress.members.have}
            needed={progress.members.needed}
          />
        ) : null}
      </ul>
      {review.approvals.length > 0 ? (
        <ul className="approval-list" aria-label={t('review.approvals.list')}>
          {review.approvals.map((approval: Approval) => (
            <li key={approval.user.id} className="approval">
              <Avatar name={approval.user.displayName} size="sm" />
              <span className="approval__who">
                <span className="approval__name">{approval.user.displayName}</span>
                <span className="approval__when">
                  <When iso={approval.createdAt} />
                </span>
              </span>
              <RoleBadge role={approval.role} />
            </li>
          ))}
        </ul>
      ) : inReview ? (
        <p className="review-block__empty">{t('review.approvals.none')}</p>
      ) : null}
      {review.approved ? <Notice tone="success">{t('review.approvals.met')}</Notice> : null}
      {inReview ? (
        mine ? (
          <button
            type="button"
            className="button button--secondary"
            disabled={withdraw.isPending}
            onClick={() => withdraw.mutate()}
          >
            <Undo2 size={15} aria-hidden="true" />
            {t('review.approvals.withdraw')}
          </button>
        ) : (
          <div className="review-approve">
            <button
              type="button"
              className="button button--primary"
              disabled={!review.canApprove || approve.isPending}
              aria-describedby={blockerKey ? `approve-blocker-${caseId}` : undefined}
              onClick={() => approve.mutate()}
            >
              <BadgeCheck size={16} aria-hidden="true" />
              {t('review.approvals.approve')}
            </button>
            {blockerKey ? (
              <p id={`approve-blocker-${caseId}`} className="review-block__why">
                {t(`review.blocker.${blockerKey}`)}
              </p>
            ) : null}
          </div>
        )
      ) : null}
      {approve.isError ? <ActionError error={approve.error} /> : null}
      {withdraw.isError ? <ActionError error={withdraw.error} /> : null}
    </div>
  );
}

/** What a comment form holds: the text and the passage it is about. */
export interface CommentDraft {
  quote: string;
  language: SummaryLanguage;
}

/** One comment: the passage, the words, who and when, and its resolution. */
function CommentItem({ caseId, comment }: { caseId: string; comment: ReviewComment }) {
  const { t } = useTranslation();
  const resolve = useResolveReviewComment(caseId);
  return (
    <li className="review-comment" data-resolved={comment.resolved}>
      {comment.quote ? (
        <blockquote className="review-comment__quote">{comment.quote}</blockquote>
      ) : null}
      <p className="review-comment__body">{comment.body}</p>
      <p className="review-comment__meta">
        <span className="review-comment__author">
          {comment.author?.displayName ?? t('review.comments.someone')}
        </span>
        {' · '}
        <When iso={comment.createdAt} />
        {comment.language === 'en' ? (
          <span className="badge review-comment__language">EN</span>
        ) : null}
      </p>
      {comment.resolved ? (
        <p className="review-comment__resolved">
          <CircleCheck size={14} aria-hidden="true" />
          {comment.resolvedBy
            ? t('review.comments.resolvedBy', { name: comment.resolvedBy.displayName })
            : t('review.comments.resolved')}
        </p>
      ) : null}
      <button
        type="button"
        className="button button--ghost button--small review-comment__toggle"
        disabled={resolve.isPending}
        onClick={() => resolve.mutate({ commentId: comment.id, resolved: !comment.resolved })}
      >
        {comment.resolved ? t('review.comments.reopen') : t('review.comments.resolve')}
      </button>
      {resolve.isError ? <ActionError error={resolve.error} /> : null}
    </li>
  );
}

/** The review's comments, open first, and the form to add one (on a passage or not). */
function Comments({
  caseId,
  comments,
  language,
  draft,
  onDraftChange,
  inputRef,
}: {
  caseId: string;
  comments: readonly ReviewComment[];
  language: SummaryLanguage;
  draft: CommentDraft | null;
  onDraftChange: (draft: CommentDraft | null) => void;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const { t } = useTranslation();
  const add = useAddReviewComment(caseId);
  const [body, setBody] = useState('');
  const [showResolved, setShowResolved] = useState(false);
  const bodyId = useId();
  const open = comments.filter((comment) => !comment.resolved);
  const resolved = comments.filter((comment) => comment.resolved);
  const shown = showResolved ? [...open, ...resolved] : open;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = body.trim();
    if (!text) return;
    const quote = draft?.quote.trim();
    add.mutate(
      { body: text, language: draft?.language ?? language, ...(quote ? { quote } : {}) },
      {
        onSuccess: () => {
          setBody('');
          onDraftChange(null);
        },
      },
    );
  }

  return (
    <div className="review-block">
      <h3 className="review-block__title">
        <MessageSquareText size={17} aria-hidden="true" />
        {t('review.comments.title')}
        <span className="case-section__count">{open.length}</span>
      </h3>
      <form className="review-comment-form" onSubmit={onSubmit}>
        {draft?.quote ? (
          <div className="review-comment-form__quote">
            <blockquote>{draft.quote}</blockquote>
            <button
              type="button"
              className="icon-button"
              aria-label={t('review.comments.dropQuote')}
              onClick={() => onDraftChange(null)}
            >
              <X size={15} aria-hidden="true" />
            </button>
          </div>
        ) : null}
        <label htmlFor={bodyId} className="visually-hidden">
          {t('review.comments.label')}
        </label>
        <textarea
          ref={inputRef}
          id={bodyId}
          className="input textarea"
          rows={3}
          maxLength={5000}
          value={body}
          placeholder={
            draft?.quote ? t('review.comments.onQuote') : t('review.comments.placeholder')
          }
          onChange={(event) => setBody(event.target.value)}
        />
        <button
          type="submit"
          className="button button--secondary button--small"
          disabled={add.isPending || body.trim() === ''}
        >
          {t('review.comments.send')}
        </button>
        {add.isError ? <ActionError error={add.error} /> : null}
      </form>
      {shown.length > 0 ? (
        <ul className="review-comments" aria-label={t('review.comments.list')}>
          {shown.map((comment) => (
            <CommentItem key={comment.id} caseId={caseId} comment={comment} />
          ))}
        </ul>
      ) : (
        <p className="review-block__empty">{t('review.comments.none')}</p>
      )}
      {resolved.length > 0 ? (
        <button
          type="button"
          className="button button--ghost button--small"
          aria-expanded={showResolved}
          onClick={() => setShowResolved((current) => !current)}
        >
          {showResolved
            ? t('review.comments.hideResolved')
            : t('review.comments.showResolved', { count: resolved.length })}
        </button>
      ) : null}
    </div>
  );
}

/**
 * "Relecture et publication": the stage and the request, the approvals against the group's
 * rule, publishing and the public page, and the review's comments.
 */
export function ReviewPanel({
  caseData,
  role,
  meId,
  language,
  draft,
  onDraftChange,
  commentInput,
}: {
  caseData: Case;
  role: GroupRole | undefined;
  meId: string | undefined;
  language: SummaryLanguage;
  draft: CommentDraft | null;
  onDraftChange: (draft: CommentDraft | null) => void;
  commentInput: RefObject<HTMLTextAreaElement | null>;
}) {
  const { t } = useTranslation();
  const review = useReview(caseData.id);
  return (
    <aside className="review-panel" aria-labelledby={`review-title-${caseData.id}`}>
      <h2 id={`review-title-${caseData.id}`} className="review-panel__title">
        {t('review.title')}
      </h2>
      {review.isPending ? (
        <LoadingRegion label={t('review.loading')}>
          <Skeleton className="skeleton--card" />
        </LoadingRegion>
      ) : review.isError ? (
        <QueryErrorState query={review} title={t('review.failed')} />
      ) : (
        <>
          <ReviewRequest caseData={caseData} review={review.data} role={role} meId={meId} />
          <Approvals caseId={caseData.id} review={review.data} meId={meId} />
          <PublicationBox caseData={caseData} review={review.data} role={role} />
          <Comments
            caseId={caseData.id}
            comments={review.data.comments}
            language={language}
            draft={draft}
            onDraftChange={onDraftChange}
            inputRef={commentInput}
          />
        </>
      )}
    </aside>
  );
}
