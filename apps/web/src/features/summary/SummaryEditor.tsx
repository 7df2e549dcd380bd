import { summaryTemplate } from '@technopolice/shared';
import { FileStack, MessageSquarePlus, RotateCcw } from 'lucide-react';
import { useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Notice';
import { refreshedToken } from '../../lib/api';
import RichTextEditor from '../editor/RichTextEditor';
import type { RichTextEditorHandle } from '../editor/types';
import {
  closeSummarySession,
  collabUser,
  collaborationExtensions,
  openSummarySession,
  type PresentUser,
} from './collaboration';
import { type SaveState, saveStateOf, SessionStore } from './sessionStore';
import type { SummaryEditorProps } from './types';

/** Who is in the document now: a dot of their caret's colour and their name. */
function PresenceList({ users }: { users: readonly PresentUser[] }) {
  const { t } = useTranslation();
  return (
    <div className="summary-presence">
      <span className="summary-presence__label">{t('summary.presence.label')}</span>
      <ul className="summary-presence__list" aria-label={t('summary.presence.label')}>
        {users.map((user) => (
          <li key={user.id} className="summary-presence__user" data-collab-color={user.colorIndex}>
            <span className="summary-presence__dot" aria-hidden="true" />
            {user.me ? t('summary.presence.you', { name: user.name }) : user.name}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Enregistré", "Enregistrement…", "Hors ligne…": where my changes are. */
function SaveStatus({ state, lastEdit }: { state: SaveState; lastEdit?: string }) {
  const { t } = useTranslation();
  return (
    <p className="summary-status" data-state={state} role="status">
      <span className="summary-status__dot" aria-hidden="true" />
      <span>{t(`summary.status.${state}`)}</span>
      {lastEdit && (state === 'saved' || state === 'saving') ? (
        <span className="summary-status__last">· {lastEdit}</span>
      ) : null}
    </p>
  );
}

type SessionEditorProps = SummaryEditorProps & {
  denied: boolean;
  onDenied: () => void;
  onRetry: () => void;
};

/** The editor of one session (a new one after a refused token or a retry). */
function SessionEditor({
  caseId,
  language,
  me,
  mayEdit,
  readOnlyReason,
  sources,
  lastEdit,
  onComment,
  denied,
  onDenied,
  onRetry,
}: SessionEditorProps) {
  const { t } = useTranslation();
  const handle = useRef<RichTextEditorHandle>(null);
  const [store] = useState(
    () =>
      new SessionStore(
        () => openSummarySession(caseId, language, collabUser(me)),
        closeSummarySession,
        onDenied,
      ),
  );
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const { session } = snapshot;
  const readOnly = snapshot.scope ? snapshot.scope === 'readonly' : !mayEdit;

  const insertTemplate = () => {
    handle.current?.setContent(summaryTemplate(language));
    handle.current?.focus();
  };

  const comment = (
    <button
      type="button"
      className="button button--secondary button--small"
      // The selection stays while the button is pressed.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => onComment(handle.current?.selectedText() ?? '')}
    >
      <MessageSquarePlus size={15} aria-hidden="true" />
      {t('summary.comment')}
    </button>
  );

  return (
    <div className="summary-editor">
      <div className="summary-editor__bar">
        <PresenceList users={snapshot.users} />
        <SaveStatus state={saveStateOf(snapshot, denied)} lastEdit={lastEdit} />
      </div>
      {denied ? (
        <Notice tone="danger" role="alert" title={t('summary.denied.title')}>
          <p>{t('summary.denied.body')}</p>
          <button
            type="button"
            className="button button--secondary button--small summary-editor__retry"
            onClick={onRetry}
          >
            <RotateCcw size={15} aria-hidden="true" />
            {t('summary.denied.retry')}
          </button>
        </Notice>
      ) : readOnly ? (
        <Notice tone="info" title={t('summary.readOnly.title')}>
          {readOnlyReason ?? t('summary.readOnly.other')}
        </Notice>
      ) : null}
      {snapshot.empty && snapshot.synced && !readOnly && !denied ? (
        <div className="summary-template">
          <span className="summary-template__icon" aria-hidden="true">
            <FileStack size={20} />
          </span>
          <div className="summary-template__text">
            <p className="summary-template__title">{t('summary.template.title')}</p>
            <p>{t('summary.template.body')}</p>
          </div>
          <button type="button" className="button button--primary" onClick={insertTemplate}>
            {t('summary.template.insert')}
          </button>
        </div>
      ) : null}
      {session ? (
        <RichTextEditor
          key={session.doc.guid}
          ref={handle}
          collaboration={collaborationExtensions(session)}
          className="rt-editor--document"
          ariaLabel={language === 'fr' ? t('summary.editor.labelFr') : t('summary.editor.labelEn')}
          placeholder={t('summary.editor.placeholder')}
          sources={sources}
          disabled={readOnly || denied}
          actions={comment}
          onChange={() => undefined}
        />
      ) : (
        <div className="rt-editor rt-editor--document rt-editor--loading" aria-busy="true" />
      )}
    </div>
  );
}

/**
 * The co-edited summary in one language: Tiptap bound to the Y.js document served by
 * Hocuspocus, with who is there, the others' carets, the save status, the template of an empty
 * summary, and "comment on the selection". Read-only when the rules (and then the server) say
 * so. A refused token is refreshed once and the session opened again. Loaded on demand with
 * Tiptap and Y.js: use `LazySummaryEditor`.
 */
export default function SummaryEditor(props: SummaryEditorProps) {
  const [attempt, setAttempt] = useState(0);
  const [denied, setDenied] = useState(false);
  const attempts = useRef(0);

  const onDenied = () => {
    if (attempts.current > 0) {
      setDenied(true);
      return;
    }
    attempts.current += 1;
    void refreshedToken().then((token) => {
      if (token) setAttempt((current) => current + 1);
      else setDenied(true);
    });
  };

  return (
    <SessionEditor
      key={attempt}
      {...props}
      denied={denied}
      onDenied={onDenied}
      onRetry={() => {
        attempts.current = 0;
        setDenied(false);
        setAttempt((current) => current + 1);
      }}
    />
  );
}
