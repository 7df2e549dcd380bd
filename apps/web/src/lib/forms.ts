import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';

/** The parts of a zod issue the messages need (structural: no zod import here). */
export interface SchemaIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  expected?: string;
}

/** Anything with a zod-like `safeParse` whose failure lists issues: the shared schemas. */
export interface ValidatingSchema<T> {
  safeParse(
    data: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly SchemaIssue[] } };
}

/** One message per field, keyed by the first segment of the issue's path. */
export type FieldErrors = Partial<Record<string, string>>;

/** Field-specific wording of a rule the schema states as a pattern or a refinement. */
const SPECIAL: Partial<Record<string, 'validation.username'>> = {
  username: 'validation.username',
};

/** The message of one issue of a shared schema, in the interface language. */
export function issueMessage(issue: SchemaIssue, t: TFunction): string {
  const field = String(issue.path[0] ?? '');
  const amount = (value: number | bigint | undefined) => Number(value ?? 0);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string')
        return amount(issue.minimum) <= 1
          ? t('validation.required')
          : t('validation.tooShort', { count: amount(issue.minimum) });
      return t('validation.tooSmall', { minimum: amount(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string')
        return t('validation.tooLong', { count: amount(issue.maximum) });
      return t('validation.tooBig', { maximum: amount(issue.maximum) });
    case 'invalid_format': {
      const key = SPECIAL[field];
      return key ? t(key) : t('validation.invalid');
    }
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int') return t('validation.number');
      return t('validation.required');
    case 'custom':
      if (field === 'password' && /username/i.test(issue.message))
        return t('validation.passwordSameAsUsername');
      return t('validation.invalid');
    default: {
      const key = SPECIAL[field];
      return key ? t(key) : t('validation.invalid');
    }
  }
}

/**
 * Validates form values with the same shared schema the API uses. Answers either the parsed
 * value or one translated message per field.
 */
export function validate<T>(
  schema: ValidatingSchema<T>,
  values: unknown,
  t: TFunction,
): { ok: true; data: T } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issueMessage(issue, t);
  }
  return { ok: false, errors };
}

/**
 * Splits a failed API call into messages for the form's fields (`details[].path`) and one for
 * the form itself (everything else).
 */
export function serverErrors(
  error: unknown,
  fields: readonly string[],
): { fieldErrors: FieldErrors; formError: unknown } {
  const fieldErrors: FieldErrors = {};
  if (!(error instanceof ApiError)) return { fieldErrors, formError: error };
  let unmatched = error.details.length === 0;
  for (const detail of error.details) {
    const field = detail.path.split('.')[0] ?? '';
    if (fields.includes(field)) fieldErrors[field] ??= detail.message;
    else unmatched = true;
  }
  return { fieldErrors, formError: unmatched ? error : null };
}

/** After a failed submit, moves focus to the first field that has a message. */
export function useFocusFirstError(errors: FieldErrors) {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (Object.values(errors).every((message) => !message)) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);
  return formRef;
}

/**
 * The state every form checked with a shared schema needs: the messages per field, the message
 * for the form itself, focus on the first wrong field, a submit that validates before sending,
 * and the sorting of the API's refusal into field and form messages.
 */
export function useSchemaForm(fields: readonly string[]) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const formRef = useFocusFirstError(errors);

  /** Validates `values`; sends the parsed value only when the schema accepts it. */
  function submit<T>(
    event: FormEvent<HTMLFormElement>,
    schema: ValidatingSchema<T>,
    values: unknown,
    send: (data: T) => void,
  ) {
    event.preventDefault();
    setFormError(null);
    const result = validate(schema, values, t);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    send(result.data);
  }

  /** Shows a failed API call next to the fields it names, or above the buttons. */
  function showServerError(error: unknown) {
    const split = serverErrors(error, fields);
    setErrors(split.fieldErrors);
    setFormError(split.formError);
  }

  return { errors, setErrors, formError, formRef, submit, showServerError };
}
