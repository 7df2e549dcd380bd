import { X } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n';
import { useTaxonomy } from '../../lib/api';
import { useCase } from '../../lib/cases';
import { useGroups, useMembers } from '../../lib/identity';
import type { FilterName, PageSearch } from './params';

type Update = (changes: Partial<Record<FilterName, string | undefined>>) => void;

/** The people of a group, to find what one of them wrote or filed. */
function AuthorSelect({
  groupId,
  value,
  onChange,
}: {
  groupId: string;
  value: string | undefined;
  onChange: (authorId: string) => void;
}) {
  const { t } = useTranslation();
  const members = useMembers(groupId);
  const people = [...(members.data ?? [])].sort((a, b) =>
    a.displayName.localeCompare(b.displayName),
  );
  return (
    <label className="search-filters__field">
      <span className="task-fields__label">{t('search.filters.author')}</span>
      <select
        className="input select"
        value={value ?? ''}
        disabled={members.isPending}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{t('search.filters.anyAuthor')}</option>
        {people.map((member) => (
          <option key={member.userId} value={member.userId}>
            {member.displayName}
          </option>
        ))}
        {/* A person who left the group still names what they wrote. */}
        {value && members.data && !people.some((member) => member.userId === value) ? (
          <option value={value}>{t('search.filters.formerMember')}</option>
        ) : null}
      </select>
    </label>
  );
}

/** "In the case …": set by a link from a case, removable here. */
function CaseChip({ caseId, onRemove }: { caseId: string; onRemove: () => void }) {
  const { t } = useTranslation();
  const found = useCase(caseId);
  return (
    <p className="search-filters__chip">
      <span>
        {found.data
          ? t('search.filters.inCase', { title: found.data.title })
          : t('search.filters.inOneCase')}
      </span>
      <button
        type="button"
        className="icon-button icon-button--small"
        aria-label={t('search.filters.removeCase')}
        onClick={onRemove}
      >
        <X size={14} aria-hidden="true" />
      </button>
    </p>
  );
}

/**
 * The filters of the results page: group (for people in several), technology of the case,
 * author (once a group is known), and a range of days.
 */
export function SearchFilters({
  search,
  update,
  clear,
}: {
  search: PageSearch;
  update: Update;
  clear: () => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const label = useLabel();
  const taxonomy = useTaxonomy();
  const groups = useGroups();
  const list = groups.data ?? [];
  // With one group, it is the group: its members can be chosen as authors right away.
  const groupId = search.groupId ?? (list.length === 1 ? list[0]?.id : undefined);
  const filtered = Boolean(
    search.groupId ||
    search.caseId ||
    search.authorId ||
    search.technology ||
    search.from ||
    search.to,
  );

  return (
    <div className="search-filters" role="group" aria-labelledby={titleId}>
      <h2 id={titleId} className="search-filters__title">
        {t('search.filters.label')}
      </h2>
      {search.caseId ? (
        <CaseChip caseId={search.caseId} onRemove={() => update({ caseId: undefined })} />
      ) : null}
      {list.length > 1 ? (
        <label className="search-filters__field">
          <span className="task-fields__label">{t('search.filters.group')}</span>
          <select
            className="input select"
            value={search.groupId ?? ''}
            // Members differ from one group to another: the author goes with the group.
            onChange={(event) => update({ groupId: event.target.value, authorId: undefined })}
          >
            <option value="">{t('search.filters.allGroups')}</option>
            {list.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="search-filters__field">
        <span className="task-fields__label">{t('search.filters.technology')}</span>
        <select
          className="input select"
          value={search.technology ?? ''}
          onChange={(event) => update({ technology: event.target.value })}
        >
          <option value="">{t('search.filters.anyTechnology')}</option>
          {(taxonomy.data?.technologies ?? []).map((technology) => (
            <option key={technology.id} value={technology.id}>
              {label(technology.label)}
            </option>
          ))}
        </select>
      </label>
      {groupId ? (
        <AuthorSelect
          groupId={groupId}
          value={search.authorId}
          onChange={(authorId) => update({ authorId })}
        />
      ) : null}
      <fieldset className="search-filters__dates">
        <legend className="task-fields__label">{t('search.filters.dates')}</legend>
        <label className="search-filters__date">
          <span>{t('search.filters.from')}</span>
          <input
            type="date"
            className="input"
            value={search.from ?? ''}
            max={search.to}
            onChange={(event) => update({ from: event.target.value })}
          />
        </label>
        <label className="search-filters__date">
          <span>{t('search.filters.to')}</span>
          <input
            type="date"
            className="input"
            value={search.to ?? ''}
            min={search.from}
            onChange={(event) => update({ to: event.target.value })}
          />
        </label>
      </fieldset>
      {filtered ? (
        <button
          type="button"
          className="button button--ghost button--small search-filters__clear"
          onClick={clear}
        >
          <X size={15} aria-hidden="true" />
          {t('search.filters.clear')}
        </button>
      ) : null}
    </div>
  );
}
