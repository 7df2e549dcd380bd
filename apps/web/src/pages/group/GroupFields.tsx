import { MAX_DESCRIPTION_LENGTH, MAX_TITLE_LENGTH } from '@technopolice/shared';
import { useTranslation } from 'react-i18next';
import { Field, TextField } from '../../components/Field';
import type { FieldErrors } from '../../lib/forms';

/** The fields a group's form sends, as the API names them. */
export const GROUP_FIELDS = ['name', 'description'] as const;

interface GroupFieldsProps {
  /** Prefix of the controls' ids, e.g. `group` gives `group-name` and `group-description`. */
  idPrefix: string;
  name: string;
  onNameChange: (name: string) => void;
  description: string;
  onDescriptionChange: (description: string) => void;
  errors: FieldErrors;
  /** Explains the name under its label (for a group being created). */
  nameHint?: boolean;
  descriptionRows: number;
}

/** A group's name and description, as created on "Groupes" and edited in its settings. */
export function GroupFields({
  idPrefix,
  name,
  onNameChange,
  description,
  onDescriptionChange,
  errors,
  nameHint = false,
  descriptionRows,
}: GroupFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        id={`${idPrefix}-name`}
        label={t('groups.fields.name')}
        hint={nameHint ? t('groups.fields.nameHint') : undefined}
        error={errors.name}
        autoComplete="off"
        maxLength={MAX_TITLE_LENGTH}
        value={name}
        onChange={onNameChange}
      />
      <Field
        id={`${idPrefix}-description`}
        label={t('groups.fields.description')}
        hint={t('groups.fields.descriptionHint')}
        error={errors.description}
        optional
      >
        {(control) => (
          <textarea
            {...control}
            className="input textarea"
            rows={descriptionRows}
            maxLength={MAX_DESCRIPTION_LENGTH}
            value={description}
            onChange={(event) => onDescriptionChange(event.target.value)}
          />
        )}
      </Field>
    </>
  );
}
