import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  caseSummarySchema,
  publicationSchema,
  reviewCommentSchema,
  reviewSchema,
  summarySchema,
  type CaseEvent,
  type CaseSummary,
  type Publication,
  type Publish,
  type Review,
  type ReviewComment,
  type Summary,
  type SummaryLanguage,
} from '@technopolice/shared';
import { ApiError, getJson, itemsOf, sendJson } from './api';
import { caseKeys } from './cases';

/**
 * Typed client of a case's way to the public: its summary (as last saved; the live text is
 * co-edited over Hocuspocus), its review (request, comments, approvals), its publication
 * (publish, retract) and the published cases of my groups.
 */

/** Cache keys of the publishing data. */
export const publishingKeys = {
  all: ['publishing'] as const,
  case: (caseId: string) => ['publishing', 'case', caseId] as const,
  summary: (caseId: string, language: SummaryLanguage) =>
    ['publishing', 'case', caseId, 'summary', language] as const,
  review: (caseId: string) => ['publishing', 'case', caseId, 'review'] as const,
  publication: (caseId: string) => ['publishing', 'case', caseId, 'publication'] as const,
  published: () => ['publishing', 'published'] as const,
};

const id = encodeURIComponent;
const path = {
  summary: (caseId: string, language: SummaryLanguage) =>
    `/api/cases/${id(caseId)}/summary?lang=${language}`,
  review: (caseId: string) => `/api/cases/${id(caseId)}/review`,
  approvals: (caseId: string) => `/api/cases/${id(caseId)}/approvals`,
  comments: (caseId: string) => `/api/cases/${id(caseId)}/review/comments`,
  comment: (caseId: string, commentId: string) =>
    `/api/cases/${id(caseId)}/review/comments/${id(commentId)}`,
  publication: (caseId: string) => `/api/cases/${id(caseId)}/publication`,
};

/** `GET /api/cases/:caseId/summary?lang=`: the summary as last saved. */
export function useSummary(caseId: string, language: SummaryLanguage) {
  return useQuery<Summary, ApiError>({
    queryKey: publishingKeys.summary(caseId, language),
    queryFn: ({ signal }) => getJson(path.summary(caseId, language), summarySchema, { signal }),
  });
}

/** `GET /api/cases/:caseId/review`: stage, request, rule, approvals and comments. */
export function useReview(caseId: string) {
  return useQuery<Review, ApiError>({
    queryKey: publishingKeys.review(caseId),
    queryFn: ({ signal }) => getJson(path.review(caseId), reviewSchema, { signal }),
  });
}

/** `GET /api/cases/:caseId/publication`; `null` for a case never published. */
export function usePublication(caseId: string, everPublished = true) {
  return useQuery<Publication | null, ApiError>({
    queryKey: publishingKeys.publication(caseId),
    // Never published: nothing to ask (the route would answer 404).
    enabled: everPublished,
    queryFn: async ({ signal }) => {
      try {
        return await getJson(path.publication(caseId), publicationSchema, { signal });
      } catch (error) {
        if (error instanceof ApiError && error.statusCode === 404) return null;
        throw error;
      }
    },
  });
}

/** Pages of published cases followed at most (500 each). */
const MAX_PUBLISHED_PAGES = 10;

/** `GET /api/cases?stage=published`: the published cases of all my groups, latest first. */
export function usePublishedCases(enabled = true) {
  return useQuery<CaseSummary[], ApiError>({
    queryKey: publishingKeys.published(),
    enabled,
    queryFn: async ({ signal }) => {
      const items: CaseSummary[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < MAX_PUBLISHED_PAGES; page += 1) {
        const params = new URLSearchParams({
          stage: 'published',
          limit: '500',
          sort: 'updated',
          order: 'desc',
        });
        if (cursor) params.set('cursor', cursor);
        const answer = await getJson(
          `/api/cases?${params.toString()}`,
          itemsOf(caseSummarySchema),
          { signal },
        );
        items.push(...answer.items);
        cursor = answer.nextCursor;
        if (!cursor) break;
      }
      return items;
    },
  });
}

/** The case's stage moved (review asked or withdrawn, published, retracted): read it again. */
function refreshCase(queryClient: QueryClient, caseId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId), exact: true }),
    queryClient.invalidateQueries({ queryKey: caseKeys.lists() }),
  ]);
}

/** A write that answers the review: the answer replaces the cached one. */
function useReviewWrite<V>(
  caseId: string,
  send: (variables: V) => Promise<Review>,
  options: { stageMoves?: boolean } = {},
) {
  const queryClient = useQueryClient();
  return useMutation<Review, ApiError, V>({
    mutationFn: send,
    onSuccess: async (review) => {
      queryClient.setQueryData(publishingKeys.review(caseId), review);
      if (options.stageMoves) await refreshCase(queryClient, caseId);
    },
  });
}

/** `POST /api/cases/:caseId/review`: asks the group to review the summary (stage `review`). */
export function useRequestReview(caseId: string) {
  return useReviewWrite<{ note?: string }>(
    caseId,
    (body) => sendJson('POST', path.review(caseId), body, reviewSchema),
    { stageMoves: true },
  );
}

/** `DELETE /api/cases/:caseId/review`: withdraws the request (back to `drafting`). */
export function useWithdrawReview(caseId: string) {
  return useReviewWrite<void>(
    caseId,
    () => sendJson('DELETE', path.review(caseId), undefined, reviewSchema),
    { stageMoves: true },
  );
}

/** `POST /api/cases/:caseId/approvals`: approves the summary as it stands. */
export function useApprove(caseId: string) {
  return useReviewWrite<void>(caseId, () =>
    sendJson('POST', path.approvals(caseId), undefined, reviewSchema),
  );
}

/** `DELETE /api/cases/:caseId/approvals`: withdraws my approval. */
export function useWithdrawApproval(caseId: string) {
  return useReviewWrite<void>(caseId, () =>
    sendJson('DELETE', path.approvals(caseId), undefined, reviewSchema),
  );
}

/** Puts a comment in the cached review (once, whichever of the answer or the live event comes first). */
function upsertComment(queryClient: QueryClient, caseId: string, comment: ReviewComment) {
  queryClient.setQueryData<Review>(publishingKeys.review(caseId), (review) => {
    if (!review) return review;
    const known = review.comments.some((entry) => entry.id === comment.id);
    return {
      ...review,
      comments: known
        ? review.comments.map((entry) => (entry.id === comment.id ? comment : entry))
        : [...review.comments, comment],
    };
  });
}

/** `POST /api/cases/:caseId/review/comments`. */
export function useAddReviewComment(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation<
    ReviewComment,
    ApiError,
    { body: string; quote?: string; language: SummaryLanguage }
  >({
    mutationFn: (body) => sendJson('POST', path.comments(caseId), body, reviewCommentSchema),
    onSuccess: (comment) => upsertComment(queryClient, caseId, comment),
  });
}

/** `PATCH /api/cases/:caseId/review/comments/:commentId` `{resolved}`. */
export function useResolveReviewComment(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation<ReviewComment, ApiError, { commentId: string; resolved: boolean }>({
    mutationFn: ({ commentId, resolved }) =>
      sendJson('PATCH', path.comment(caseId, commentId), { resolved }, reviewCommentSchema),
    onSuccess: (comment) => upsertComment(queryClient, caseId, comment),
  });
}

/** What `POST /api/cases/:caseId/publication` answers: the public page and its revision. */
const publishedSchema = publicationSchema.pick({ url: true, revision: true });
export type Published = { url: string; revision: number };

/** After publishing or retracting: the publication, the review, the case and the lists. */
function refreshPublication(queryClient: QueryClient, caseId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: publishingKeys.publication(caseId) }),
    queryClient.invalidateQueries({ queryKey: publishingKeys.review(caseId) }),
    queryClient.invalidateQueries({ queryKey: publishingKeys.published() }),
    refreshCase(queryClient, caseId),
  ]);
}

/** `POST /api/cases/:caseId/publication`: freezes a new public revision. */
export function usePublish(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation<Published, ApiError, Publish>({
    mutationFn: (body) => sendJson('POST', path.publication(caseId), body, publishedSchema),
    onSuccess: () => refreshPublication(queryClient, caseId),
  });
}

/** `DELETE /api/cases/:caseId/publication` `{reason}`: takes the public page down. */
export function useRetract(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation<Publication, ApiError, { reason: string }>({
    mutationFn: (body) => sendJson('DELETE', path.publication(caseId), body, publicationSchema),
    onSuccess: async (publication) => {
      queryClient.setQueryData(publishingKeys.publication(caseId), publication);
      await refreshPublication(queryClient, caseId);
    },
  });
}

/** The case log's entries that change the summary, its review or its publication. */
export const PUBLISHING_EVENT_TYPES = [
  'summary.saved',
  'review.requested',
  'review.withdrawn',
  'review.approved',
  'review.approval-withdrawn',
  'review.approvals-reset',
  'review.commented',
  'review.comment-resolved',
  'case.published',
  'case.retracted',
] as const;

/**
 * Keeps the summary, review and publication of a case current from its log's entries (live or
 * caught up): what each entry changed is read again.
 */
export function applyPublishingEvent(
  queryClient: QueryClient,
  caseId: string,
  event: Pick<CaseEvent, 'type' | 'payload'>,
): void {
  const invalidate = (queryKey: readonly unknown[]) =>
    void queryClient.invalidateQueries({ queryKey });
  switch (event.type) {
    case 'summary.saved': {
      const language = event.payload.language;
      if (language === 'fr' || language === 'en')
        invalidate(publishingKeys.summary(caseId, language));
      // The last editor changed, and an edit resets approvals.
      invalidate(publishingKeys.review(caseId));
      return;
    }
    case 'review.requested':
    case 'review.withdrawn':
    case 'review.approved':
    case 'review.approval-withdrawn':
    case 'review.approvals-reset':
    case 'review.comment-resolved':
      invalidate(publishingKeys.review(caseId));
      return;
    case 'review.commented': {
      const parsed = reviewCommentSchema.safeParse(event.payload.comment);
      if (parsed.success) upsertComment(queryClient, caseId, parsed.data);
      else invalidate(publishingKeys.review(caseId));
      return;
    }
    case 'case.published':
    case 'case.retracted':
      invalidate(publishingKeys.publication(caseId));
      invalidate(publishingKeys.review(caseId));
      invalidate(publishingKeys.published());
      return;
    default:
      return;
  }
}

/** Everything of a case's way to the public is read again (after a reconnect, a stage change). */
export function refreshPublishing(queryClient: QueryClient, caseId: string): void {
  void queryClient.invalidateQueries({ queryKey: publishingKeys.case(caseId) });
}
