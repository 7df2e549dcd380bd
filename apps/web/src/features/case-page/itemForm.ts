import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FieldErrors, serverErrors, type ValidatingSchema, validate } from '../../lib/forms';

/**
 * The state of the small forms of a task or a timeline entry: messages per field, checked with
 * the shared schema before sending, the API's refusals sorted into field and form messages.
 * `required` fields left empty read "required" rather than "malformed" (empty dates).
 */
export function useItemForm(fields: readonly string[], required: readonly string[] = []) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);

  const check = <T>(schema: ValidatingSchema<T>, values: Record<string, unknown>): T | null => {
    setFormError(null);
    const result = validate(schema, values, t);
    const missing: FieldErrors = {};
    for (const field of required)
      if (values[field] === '') missing[field] = t('validation.required');
    if (!result.ok || Object.keys(missing).length > 0) {
      setErrors({ ...(result.ok ? {} : result.errors), ...missing });
      return null;
    }
    setErrors({});
    return result.data;
  };

  const fail = (error: unknown) => {
    const split = serverErrors(error, fields);
    setErrors(split.fieldErrors);
    setFormError(split.formError);
  };

  const clear = () => {
    setErrors({});
    setFormError(null);
  };

  return { errors, formError, check, fail, clear };
}
