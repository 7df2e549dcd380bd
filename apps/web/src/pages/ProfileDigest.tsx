import {
  DIGEST_FREQUENCIES,
  type DigestSettings,
  digestSettingsSchema,
} from '@technopolice/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Mail, Save } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { QueryErrorState } from '../components/ErrorState';
import { Field, TextField } from '../components/Field';
import { FormFooter } from '../components/FormFooter';
import { Skeleton } from '../components/Loading';
import { Notice } from '../components/Notice';
import { type ApiError, getJson, sendJson } from '../lib/api';
import { useSchemaForm } from '../lib/forms';

const settingsSchema = z.object({
  email: z.string().nullable(),
  frequency: z.enum(DIGEST_FREQUENCIES),
  available: z.boolean(),
});
const KEY = ['me', 'digest'] as const;
const FIELDS = ['email', 'frequency'] as const;

function DigestForm({ settings }: { settings: DigestSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(settings.email ?? '');
  const [frequency, setFrequency] = useState(settings.frequency);
  const { errors, formError, formRef, submit, showServerError } = useSchemaForm(FIELDS);
  const save = useMutation<DigestSettings, ApiError, z.output<typeof digestSettingsSchema>>({
    mutationFn: (body) => sendJson('PUT', '/api/me/digest', body, settingsSchema),
    onSuccess: (saved) => queryClient.setQueryData(KEY, saved),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    save.reset();
    const value = { email: email.trim() === '' ? null : email.trim(), frequency };
    submit(event, digestSettingsSchema, value, (data) =>
      save.mutate(data, { onError: showServerError }),
    );
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <Field id="digest-frequency" label={t('profile.digest.frequency')} error={errors.frequency}>
        {(control) => (
          <select
            {...control}
            className="input select"
            value={frequency}
            onChange={(event) => setFrequency(event.target.value as DigestSettings['frequency'])}
          >
            {DIGEST_FREQUENCIES.map((id) => (
              <option key={id} value={id}>
                {t(`profile.digest.frequencies.${id}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField
        id="digest-email"
        label={t('profile.digest.email')}
        hint={t('profile.digest.emailHint')}
        error={errors.email}
        type="email"
        autoComplete="email"
        value={email}
        onChange={setEmail}
      />
      <FormFooter
        error={formError}
        errorTitle={t('profile.failed')}
        pending={save.isPending}
        icon={Save}
        label={t('common.save')}
        pendingLabel={t('common.saving')}
      >
        {save.isSuccess ? (
          <Notice tone="success" role="status">
            {t('profile.digest.saved')}
          </Notice>
        ) : null}
      </FormFooter>
    </form>
  );
}

/** The optional email digest of unread notifications: off unless the person asks for it. */
export function ProfileDigest() {
  const { t } = useTranslation();
  const settings = useQuery<DigestSettings, ApiError>({
    queryKey: KEY,
    queryFn: ({ signal }) => getJson('/api/me/digest', settingsSchema, { signal }),
  });
  return (
    <section className="panel" aria-labelledby="profile-digest-title">
      <h2 id="profile-digest-title" className="panel__title panel__title--small">
        <Mail size={17} aria-hidden="true" />
        {t('profile.digest.title')}
      </h2>
      <p className="panel__description">{t('profile.digest.description')}</p>
      {settings.isPending ? (
        <Skeleton className="skeleton--card" />
      ) : settings.isError ? (
        <QueryErrorState query={settings} />
      ) : settings.data.available ? (
        <DigestForm settings={settings.data} />
      ) : (
        <p className="panel__description">{t('profile.digest.unavailable')}</p>
      )}
    </section>
  );
}
