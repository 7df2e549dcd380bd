import { RefreshCw, TriangleAlert, WifiOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';

interface ErrorStateProps {
  error: unknown;
  /** Called by the retry button; without it there is no button. */
  onRetry?: () => void;
  /** Disables the button while a retry is in flight. */
  retrying?: boolean;
  title?: string;
}

type Kind = 'network' | 'server' | 'client' | 'invalid';

function kindOf(error: unknown): Kind {
  if (!(error instanceof ApiError)) return 'server';
  if (error.isNetworkError) return 'network';
  if (error.code === 'invalid_response') return 'invalid';
  if (error.statusCode >= 400 && error.statusCode < 500) return 'client';
  return 'server';
}

/** A failed request: what went wrong in plain words, the server's own message, and a retry. */
export function ErrorState({ error, onRetry, retrying = false, title }: ErrorStateProps) {
  const { t } = useTranslation();
  const kind = kindOf(error);
  const Icon = kind === 'network' ? WifiOff : TriangleAlert;
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.code : undefined;

  return (
    <section className="error-state" role="alert">
      <span className="error-state__icon" aria-hidden="true">
        <Icon size={22} strokeWidth={2} />
      </span>
      <div className="error-state__content">
        <h2 className="error-state__title">{title ?? t('errors.title')}</h2>
        <p className="error-state__description">{t(`errors.${kind}`)}</p>
        <dl className="error-state__details">
          <div>
            <dt>{t('errors.detail')}</dt>
            <dd className="error-state__message">{message}</dd>
          </div>
          {code ? (
            <div>
              <dt>{t('errors.code')}</dt>
              <dd>
                <code>{code}</code>
              </dd>
            </div>
          ) : null}
        </dl>
        {onRetry ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={onRetry}
            disabled={retrying}
          >
            <RefreshCw size={16} aria-hidden="true" className={retrying ? 'spin' : undefined} />
            {t('common.retry')}
          </button>
        ) : null}
      </div>
    </section>
  );
}

/** What {@link QueryErrorState} needs of a failed query: TanStack Query's own fields. */
interface FailedQuery {
  error: unknown;
  isFetching: boolean;
  refetch: () => Promise<unknown>;
}

/** A failed query, with a retry that refetches it. */
export function QueryErrorState({ query, title }: { query: FailedQuery; title?: string }) {
  return (
    <ErrorState
      error={query.error}
      onRetry={() => void query.refetch()}
      retrying={query.isFetching}
      title={title}
    />
  );
}
