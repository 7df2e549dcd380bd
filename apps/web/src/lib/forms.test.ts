import { createGroupSchema, createInvitationSchema, createUserSchema } from '@technopolice/shared';
import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { ApiError } from './api';
import { serverErrors, validate } from './forms';

const t = i18n.t.bind(i18n);

describe('validate', () => {
  it('answers the parsed value when the shared schema accepts it', () => {
    expect(validate(createGroupSchema, { name: '  Lyon  ' }, t)).toEqual({
      ok: true,
      data: { name: 'Lyon' },
    });
  });

  it('words the shared schema’s rules in the interface language, one message per field', async () => {
    expect(validate(createUserSchema, { username: 'x', password: 'short' }, t)).toEqual({
      ok: false,
      errors: {
        username: expect.stringMatching(/^De 3 à 32 caractères/) as string,
        password: 'Au moins 10 caractères.',
      },
    });
    expect(
      validate(createInvitationSchema, { role: 'member', maxUses: 1, expiresInDays: 91 }, t),
    ).toEqual({ ok: false, errors: { expiresInDays: 'La valeur doit être d’au plus 90.' } });

    await i18n.changeLanguage('en');
    expect(validate(createGroupSchema, { name: '' }, t)).toEqual({
      ok: false,
      errors: { name: 'At least 2 characters.' },
    });
  });
});

describe('serverErrors', () => {
  it('puts the server’s field details on the fields, and the rest on the form', () => {
    const error = new ApiError({
      statusCode: 400,
      code: 'validation_failed',
      message: 'Invalid body',
      details: [
        { path: 'name', message: 'must be at least 2 characters' },
        { path: 'settings.color', message: 'unknown' },
      ],
    });
    expect(serverErrors(error, ['name', 'description'])).toEqual({
      fieldErrors: { name: 'must be at least 2 characters' },
      formError: error,
    });
  });

  it('keeps an error without details for the form', () => {
    const error = new ApiError({ statusCode: 409, code: 'conflict', message: 'Taken' });
    expect(serverErrors(error, ['name'])).toEqual({ fieldErrors: {}, formError: error });
  });

  it('needs no form-level message when every detail found its field', () => {
    const error = new ApiError({
      statusCode: 400,
      code: 'validation_failed',
      message: 'Invalid body',
      details: [{ path: 'description', message: 'too long' }],
    });
    expect(serverErrors(error, ['name', 'description']).formError).toBeNull();
  });
});
