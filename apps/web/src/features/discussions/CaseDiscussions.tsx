import type { Case } from '@technopolice/shared';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  discussionKeys,
  threadListUrl,
  useCaseSubscription,
  useCaseThreads,
  useMoreThreads,
  useSetCaseSubscription,
} from '../../lib/discussions';
import { useMe } from '../../lib/identity';
import { Presence, type Viewer } from '../case-page/CaseHeader';
import { caseThreadHref, POST_PARAM, THREAD_PARAM } from './links';
import { NewThreadForm } from './NewThreadForm';
import { SubscriptionSelect } from './SubscriptionSelect';
import { NoThreads, ThreadList } from './ThreadList';
import { ThreadView } from './ThreadView';

/** The path of the tab itself, without an open thread. */
function tabHref(caseId: string) {
  return `/dossiers/${encodeURIComponent(caseId)}?onglet=discussions`;
}

/**
 * The Discussions tab of a case: its threads (pinned first, then the latest activity), a new
 * thread, or one thread open (`?fil=`), with who is viewing the case and how I follow it.
 */
export function CaseDiscussions({
  caseData,
  live,
  viewers,
}: {
  caseData: Case;
  live: boolean;
  viewers: readonly Viewer[];
}) {
  const { t } = useTranslation();
  const me = useMe();
  const meId = me.data?.id;
  const [params, setParams] = useSearchParams();
  const threadId = params.get(THREAD_PARAM);
  const postId = params.get(POST_PARAM);
  const [writing, setWriting] = useState(false);
  const threads = useCaseThreads(caseData.id);
  const more = useMoreThreads(
    discussionKeys.caseThreads(caseData.id),
    threadListUrl.case(caseData.id),
  );
  const subscription = useCaseSubscription(caseData.id);
  const setSubscription = useSetCaseSubscription(caseData.id);

  const open = (id: string) =>
    setParams((current) => {
      const copy = new URLSearchParams(current);
      copy.set(THREAD_PARAM, id);
      copy.delete(POST_PARAM);
      return copy;
    });

  const newThreadButton = (
    <button
      type="button"
      className="button button--primary"
      onClick={() => setWriting(true)}
      disabled={writing}
    >
      <Plus size={16} aria-hidden="true" />
      {t('discussions.newThread.open')}
    </button>
  );

  let content;
  if (threadId)
    content = (
      <ThreadView
        key={threadId}
        threadId={threadId}
        focusPostId={postId}
        place={{
          caseId: caseData.id,
          backHref: tabHref(caseData.id),
          backLabel: t('discussions.backToThreads'),
          headingLevel: 3,
        }}
      />
    );
  else if (writing)
    content = (
      <NewThreadForm
        scope={{ kind: 'case', id: caseData.id }}
        groupId={caseData.groupId}
        onCancel={() => setWriting(false)}
        onCreated={(thread) => {
          setWriting(false);
          open(thread.id);
        }}
      />
    );
  else
    content = (
      <ThreadList
        query={threads}
        hrefOf={(thread) => caseThreadHref(caseData.id, thread.id)}
        meId={meId}
        label={t('discussions.list.label')}
        more={{ load: () => more.mutate(), pending: more.isPending }}
        empty={
          <NoThreads
            title={t('discussions.list.emptyTitle')}
            body={t('discussions.list.emptyBody')}
          />
        }
      />
    );

  return (
    <div className="discussions">
      <div className="discussions__toolbar">
        <div className="discussions__heading">
          <h2 className="discussions__title">{t('discussions.title')}</h2>
          <Presence live={live} viewers={viewers} meId={meId} />
        </div>
        <div className="discussions__actions">
          <SubscriptionSelect
            scope="case"
            level={subscription.data?.level}
            pending={setSubscription.isPending}
            failed={setSubscription.isError}
            onChange={(level) => setSubscription.mutate(level)}
          />
          {threadId ? null : newThreadButton}
        </div>
      </div>
      {content}
    </div>
  );
}
