import type { ForumCategory } from '@technopolice/shared';
import { Pencil, Plus, Trash2 } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorState } from '../../components/ErrorState';
import { useCategoryWrite } from '../../lib/discussions';
import { Dialog } from '../cases/components/Dialog';

/** A category's name and description, to create or to rename it. */
function CategoryForm({
  initial,
  pending,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: ForumCategory;
  pending: boolean;
  submitLabel: string;
  onSubmit: (value: { name: string; description: string }) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    onSubmit({ name: name.trim(), description: description.trim() });
    if (!initial) {
      setName('');
      setDescription('');
    }
  }

  return (
    <form className="category-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-name`} className="field__label">
          {t('forum.categories.name')}
        </label>
        <input
          id={`${id}-name`}
          className="input"
          value={name}
          maxLength={80}
          required
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`} className="field__label">
          {t('forum.categories.description')}
          <span className="field__optional"> {t('discussions.optional')}</span>
        </label>
        <input
          id={`${id}-description`}
          className="input"
          value={description}
          maxLength={500}
          onChange={(event) => setDescription(event.target.value)}
        />
      </div>
      <div className="category-form__actions">
        {onCancel ? (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={onCancel}
          >
            {t('common.cancel')}
          </button>
        ) : null}
        <button
          type="submit"
          className="button button--primary button--small"
          disabled={pending || !name.trim()}
        >
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

/** Coordinators: create, rename and delete the forum's categories. */
export function CategoryManager({
  groupId,
  categories,
  onClose,
}: {
  groupId: string;
  categories: readonly ForumCategory[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const write = useCategoryWrite(groupId);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ForumCategory | null>(null);

  return (
    <Dialog
      title={t('forum.categories.manage')}
      description={t('forum.categories.manageBody')}
      onClose={onClose}
      wide
    >
      <ul className="category-admin">
        {categories.map((category) =>
          editing === category.id ? (
            <li key={category.id} className="category-admin__item">
              <CategoryForm
                initial={category}
                pending={write.isPending}
                submitLabel={t('common.save')}
                onCancel={() => setEditing(null)}
                onSubmit={(value) =>
                  write.mutate(
                    { kind: 'rename', categoryId: category.id, ...value },
                    { onSuccess: () => setEditing(null) },
                  )
                }
              />
            </li>
          ) : (
            <li key={category.id} className="category-admin__item">
              <div className="category-admin__text">
                <p className="category-admin__name">{category.name}</p>
                {category.description ? (
                  <p className="category-admin__description">{category.description}</p>
                ) : null}
                <p className="category-admin__count">
                  {t('forum.categories.threads', { count: category.threadCount })}
                </p>
              </div>
              <button
                type="button"
                className="icon-button"
                aria-label={t('forum.categories.rename', { name: category.name })}
                title={t('forum.categories.rename', { name: category.name })}
                onClick={() => setEditing(category.id)}
              >
                <Pencil size={16} aria-hidden="true" />
              </button>
              <button
                type="button"
                className="icon-button icon-button--danger"
                aria-label={t('forum.categories.delete', { name: category.name })}
                title={t('forum.categories.delete', { name: category.name })}
                onClick={() => setDeleting(category)}
              >
                <Trash2 size={16} aria-hidden="true" />
              </button>
            </li>
          ),
        )}
      </ul>
      <div className="category-admin__new">
        <h3 className="category-admin__heading">
          <Plus size={16} aria-hidden="true" />
          {t('forum.categories.add')}
        </h3>
        <CategoryForm
          pending={write.isPending}
          submitLabel={t('forum.categories.create')}
          onSubmit={(value) => write.mutate({ kind: 'create', ...value })}
        />
      </div>
      {write.error && !deleting ? (
        <ErrorState error={write.error} title={t('forum.categories.failed')} />
      ) : null}
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('discussions.close')}
        </button>
      </div>
      {deleting ? (
        <ConfirmDialog
          title={t('forum.categories.deleteTitle', { name: deleting.name })}
          confirmLabel={t('forum.categories.deleteConfirm')}
          danger
          busy={write.isPending}
          error={
            write.error ? (
              <ErrorState error={write.error} title={t('forum.categories.failed')} />
            ) : null
          }
          onCancel={() => {
            write.reset();
            setDeleting(null);
          }}
          onConfirm={() =>
            write.mutate(
              { kind: 'delete', categoryId: deleting.id },
              { onSuccess: () => setDeleting(null) },
            )
          }
        >
          <p>{t('forum.categories.deleteBody', { count: deleting.threadCount })}</p>
        </ConfirmDialog>
      ) : null}
    </Dialog>
  );
}
