import type { Case } from '@technopolice/shared';
import { useGroupUnread } from '../../lib/discussions';
import { useCaseDocuments } from '../../lib/documents';
import { useGroups, useMembers } from '../../lib/identity';
import { CaseDiscussions } from '../discussions/CaseDiscussions';
import { DocumentsTab } from '../documents/DocumentsTab';
import { SummaryTab } from '../summary/SummaryTab';
import { ActivityFeed } from './ActivityFeed';
import type { useCaseFeed } from './api';
import { CaseHeader, type Viewer } from './CaseHeader';
import { CaseTabs, useCaseTab } from './CaseTabs';
import { DescriptionSection } from './DescriptionSection';
import { FactsCard } from './FactsCard';
import { TasksSection } from './TasksSection';
import { TimelineSection } from './TimelineSection';

/** A case read successfully: its header, its tabs and its facts. */
export function CaseView({
  caseData,
  feed,
  live,
  viewers,
  meId,
}: {
  caseData: Case;
  feed: ReturnType<typeof useCaseFeed>;
  live: boolean;
  viewers: readonly Viewer[];
  meId: string | undefined;
}) {
  const [tab, setTab] = useCaseTab();
  const groups = useGroups();
  const members = useMembers(caseData.groupId);
  const documents = useCaseDocuments(caseData.id);
  const unread = useGroupUnread(caseData.groupId).data?.cases[caseData.id] ?? 0;
  const groupName = groups.data?.find((group) => group.id === caseData.groupId)?.name;
  const names = new Map((members.data ?? []).map((member) => [member.userId, member.displayName]));

  return (
    <div className="case-page">
      <CaseHeader
        caseData={caseData}
        groupName={groupName}
        live={live}
        viewers={viewers}
        meId={meId}
      />
      {/* The summary takes the whole width: its review panel stands where the facts are. */}
      <div
        className={
          tab === 'synthese' ? 'case-page__layout case-page__layout--full' : 'case-page__layout'
        }
      >
        <div className="case-page__main">
          <CaseTabs
            tab={tab}
            onChange={setTab}
            counts={{
              documents: documents.data?.items.length,
              // Unread posts, shown only when there are some.
              discussions: unread > 0 ? unread : undefined,
            }}
          >
            {tab === 'enquete' ? (
              <div className="case-page__sections">
                <DescriptionSection caseData={caseData} />
                <TasksSection caseData={caseData} members={members.data ?? []} meId={meId} />
                <TimelineSection caseData={caseData} documents={documents.data?.items} />
                <ActivityFeed feed={feed} names={names} />
              </div>
            ) : tab === 'documents' ? (
              <DocumentsTab caseData={caseData} />
            ) : tab === 'discussions' ? (
              <CaseDiscussions caseData={caseData} live={live} viewers={viewers} />
            ) : (
              <SummaryTab caseData={caseData} />
            )}
          </CaseTabs>
        </div>
        {tab === 'synthese' ? null : <FactsCard caseData={caseData} />}
      </div>
    </div>
  );
}
