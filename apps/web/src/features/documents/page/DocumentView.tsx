import type { DocumentDetail } from '@technopolice/shared';
import { FileSearch, Info } from 'lucide-react';
import { type KeyboardEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useDownloadDocument } from '../../../lib/documents';
import { useGroups, useMe } from '../../../lib/identity';
import { DetailsPanel } from './DetailsPanel';
import { DocumentHeader } from './DocumentHeader';
import { TextPanel } from './TextPanel';
import { Viewer } from './Viewer';
import type { PageJump } from './viewerTypes';

const PANELS = ['text', 'details'] as const;
type Panel = (typeof PANELS)[number];
const PANEL_ICONS = { text: FileSearch, details: Info };

/** The side panel's two tabs: the extracted text, the document's details. */
function PanelTabs({ panel, onChange }: { panel: Panel; onChange: (panel: Panel) => void }) {
  const { t } = useTranslation();
  const refs = useRef(new Map<Panel, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next = panel === 'text' ? 'details' : 'text';
    onChange(next);
    refs.current.get(next)?.focus();
  };
  return (
    <div
      className="case-tabs document-panel__tabs"
      role="tablist"
      aria-label={t('documentPage.panels')}
      onKeyDown={onKeyDown}
    >
      {PANELS.map((id) => {
        const Icon = PANEL_ICONS[id];
        return (
          <button
            key={id}
            ref={(node) => {
              if (node) refs.current.set(id, node);
              else refs.current.delete(id);
            }}
            type="button"
            role="tab"
            id={`document-tab-${id}`}
            className="case-tabs__tab"
            aria-selected={panel === id}
            aria-controls={panel === id ? `document-panel-${id}` : undefined}
            tabIndex={panel === id ? 0 : -1}
            onClick={() => onChange(id)}
          >
            <Icon size={16} aria-hidden="true" />
            {t(`documentPage.tabs.${id}`)}
          </button>
        );
      })}
    </div>
  );
}

/**
 * A document read successfully: its header, the viewer, and beside it the extracted text (the
 * viewer follows the page one clicks or finds) or its details.
 */
export function DocumentView({ document, live }: { document: DocumentDetail; live: boolean }) {
  const me = useMe();
  const groups = useGroups();
  const download = useDownloadDocument();
  const [panel, setPanel] = useState<Panel>('text');
  // `?page=4` (a search result's page) opens the document there.
  const [params] = useSearchParams();
  const [startPage] = useState(() => {
    const page = Number(params.get('page'));
    return Number.isInteger(page) && page > 1 ? page : 1;
  });
  const [viewerPage, setViewerPage] = useState(startPage);
  const [jump, setJump] = useState<PageJump | null>(
    startPage > 1 ? { page: startPage, nonce: 0 } : null,
  );

  const group = groups.data?.find((entry) => entry.id === document.groupId);
  const canDelete =
    (document.uploadedBy !== null && document.uploadedBy.id === me.data?.id) ||
    group?.role === 'admin' ||
    group?.role === 'coordinator';

  const showPage = (page: number) => {
    setViewerPage(page);
    setJump((current) => ({ page, nonce: (current?.nonce ?? 0) + 1 }));
  };

  return (
    <div className="document-page">
      <DocumentHeader document={document} canDelete={canDelete} download={download} />
      <div className="document-workspace">
        <Viewer
          document={document}
          jump={jump}
          onPageChange={setViewerPage}
          onDownload={() =>
            download.mutate({ documentId: document.id, fileName: document.fileName })
          }
        />
        <div className="document-panel">
          <PanelTabs panel={panel} onChange={setPanel} />
          <div
            role="tabpanel"
            id={`document-panel-${panel}`}
            aria-labelledby={`document-tab-${panel}`}
            className="document-panel__body"
          >
            {panel === 'text' ? (
              <TextPanel
                document={document}
                live={live}
                viewerPage={viewerPage}
                onShowPage={showPage}
              />
            ) : (
              <DetailsPanel document={document} groupName={group?.name} />
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
