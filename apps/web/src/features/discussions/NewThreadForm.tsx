import { MAX_TITLE_LENGTH, type RichTextBody, type Thread } from '@technopolice/shared';
import { CircleAlert, Send } from 'lucide-react';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { LoadingRegion, Skeleton } from '../../components/Loading';
import { ApiError } from '../../lib/api';
import {
  type DraftScope,
  useCategories,
  useCreateThread,
  useThreadDraft,
} from '../../lib/discussions';
import {
  asBody,
  asDoc,
  type EditorHandle,
  isEmptyDoc,
  LazyRichTextEditor,
  useEditorSources,
} from './editor';
import { useDraftSaver } from './useDraftSaver';

/**
 * "Nouveau fil": a title and a first post. The draft (both) is kept on the server while typing,
 * so that it survives a closed tab; it becomes the thread when published.
 */
export function NewThreadForm({
  scope,
  groupId,
  initialCategoryId = null,
  onCreated,
  onCancel,
}: {
  scope: DraftScope;
  groupId: string;
  /** Forum threads: the category chosen when the form opened. */
  initialCategoryId?: string | null;
  onCreated: (thread: Thread) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const draft = useThreadDraft(scope);
  if (draft.isPending)
    return (
      <LoadingRegion label={t('common.loading')}>
        <Skeleton className="skeleton--card" />
      </LoadingRegion>
    );
  return (
    <Form
      scope={scope}
      groupId={groupId}
      initialCategoryId={initialCategoryId}
      initialTitle={draft.data?.title ?? ''}
      initialBody={draft.data?.body ?? null}
      restored={Boolean(draft.data)}
      onCreated={onCreated}
      onCancel={onCancel}
    />
  );
}

function Form({
  scope,
  groupId,
  initialCategoryId,
  initialTitle,
  initialBody,
  restored,
  onCreated,
  onCancel,
}: {
  scope: DraftScope;
  groupId: string;
  initialCategoryId: string | null;
  initialTitle: string;
  initialBody: RichTextBody | null;
  restored: boolean;
  onCreated: (thread: Thread) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const categoryId = useId();
  const create = useCreateThread(scope);
  const categories = useCategories(scope.kind === 'forum' ? groupId : '');
  const sources = useEditorSources(groupId);
  const editor = useRef<EditorHandle>(null);
  const saver = useDraftSaver({ scope });
  const [title, setTitle] = useState(initialTitle);
  const [body, setBody] = useState<RichTextBody | null>(initialBody);
  const [category, setCategory] = useState(initialCategoryId ?? '');
  const [tried, setTried] = useState(false);
  const { markStored } = saver;
  useEffect(() => {
    if (restored) markStored();
  }, [restored, markStored]);

  const keep = (nextTitle: string, nextBody: RichTextBody | null) =>
    saver.schedule(
      !nextTitle.trim() && isEmptyDoc(nextBody)
        ? null
        : { title: nextTitle, body: nextBody ?? { type: 'doc', content: [] } },
    );

  const titleError = tried && !title.trim() ? t('discussions.newThread.titleRequired') : undefined;
  const bodyError = tried && isEmptyDoc(body) ? t('discussions.newThread.bodyRequired') : undefined;
  const fieldErrors =
    create.error instanceof ApiError
      ? Object.fromEntries(create.error.details.map((issue) => [issue.path, issue.message]))
      : {};

  function publish(doc: RichTextBody | null = body) {
    setTried(true);
    if (!title.trim() || !doc || isEmptyDoc(doc) || create.isPending) return;
    create.mutate(
      {
        title,
        body: doc,
        ...(scope.kind === 'forum' ? { categoryId: category || null } : {}),
      },
      {
        onSuccess: ({ post: _post, ...thread }) => {
          saver.settle();
          onCreated(thread);
        },
      },
    );
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    publish();
  }

  return (
    <form
      className="new-thread form"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby={`${titleId}-heading`}
    >
      <h3 id={`${titleId}-heading`} className="new-thread__heading">
        {t('discussions.newThread.heading')}
      </h3>
      {restored ? (
        <p className="new-thread__restored">{t('discussions.newThread.restored')}</p>
      ) : null}
      <div className="field">
        <label htmlFor={titleId} className="field__label">
          {t('discussions.newThread.title')}
        </label>
        <input
          id={titleId}
          className="input"
          value={title}
          maxLength={MAX_TITLE_LENGTH}
          autoFocus
          placeholder={t('discussions.newThread.titlePlaceholder')}
          aria-invalid={titleError || fieldErrors.title ? true : undefined}
          aria-describedby={titleError || fieldErrors.title ? `${titleId}-error` : undefined}
          onChange={(event) => {
            setTitle(event.target.value);
            keep(event.target.value, body);
          }}
        />
        {titleError || fieldErrors.title ? (
          <p id={`${titleId}-error`} className="field__error">
            <CircleAlert size={15} aria-hidden="true" />
            <span>{titleError ?? fieldErrors.title}</span>
          </p>
        ) : null}
      </div>
      {scope.kind === 'forum' && (categories.data?.length ?? 0) > 0 ? (
        <div className="field">
          <label htmlFor={categoryId} className="field__label">
            {t('forum.categories.label')}
          </label>
          <select
            id={categoryId}
            className="input select"
            value={category}
            onChange={(event) => setCategory(event.target.value)}
          >
            <option value="">{t('forum.categories.none')}</option>
            {(categories.data ?? []).map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <span className="field__label" id={`${titleId}-body`}>
          {t('discussions.newThread.body')}
        </span>
        <LazyRichTextEditor
          ref={editor}
          initialContent={initialBody ? asDoc(initialBody) : undefined}
          onChange={(next) => {
            const doc = asBody(next);
            setBody(doc);
            keep(title, doc);
          }}
          onSubmit={(doc) => publish(asBody(doc))}
          placeholder={t('discussions.newThread.bodyPlaceholder')}
          sources={sources}
          ariaLabel={t('discussions.newThread.body')}
          disabled={create.isPending}
        />
        {bodyError ? (
          <p className="field__error">
            <CircleAlert size={15} aria-hidden="true" />
            <span>{bodyError}</span>
          </p>
        ) : null}
      </div>
      {create.error && Object.keys(fieldErrors).length === 0 ? (
        <ErrorState error={create.error} title={t('discussions.newThread.failed')} />
      ) : null}
      <div className="new-thread__actions">
        <span className="composer__hint">{t('discussions.newThread.draftHint')}</span>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          <Send size={16} aria-hidden="true" />
          {create.isPending
            ? t('discussions.newThread.publishing')
            : t('discussions.newThread.publish')}
        </button>
      </div>
    </form>
  );
}
