import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, errorFromResponse } from '../lib/api';
import { ErrorState } from './ErrorState';

describe('ErrorState', () => {
  it('shows the API error message, its code and a retry button', async () => {
    const user = userEvent.setup();
    const onRetry = vi.fn();
    const error = new ApiError({
      statusCode: 503,
      code: 'service_unavailable',
      message: 'La base de données est en cours de démarrage.',
    });

    render(<ErrorState error={error} onRetry={onRetry} />);

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Impossible de charger ces données');
    expect(screen.getByText('La base de données est en cours de démarrage.')).toBeTruthy();
    expect(screen.getByText('service_unavailable')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('explains an unreachable server differently from a server error', () => {
    render(
      <ErrorState
        error={
          new ApiError({
            statusCode: 0,
            code: 'network_error',
            message: 'GET /api/health: Failed to fetch',
          })
        }
      />,
    );
    expect(screen.getByText(/Le serveur ne répond pas/)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('errorFromResponse', () => {
  it('keeps the statusCode, code and message of an API error body', () => {
    const error = errorFromResponse(404, 'Not Found', {
      statusCode: 404,
      code: 'not_found',
      message: 'No such case',
    });
    expect(error).toBeInstanceOf(ApiError);
    expect({ statusCode: error.statusCode, code: error.code, message: error.message }).toEqual({
      statusCode: 404,
      code: 'not_found',
      message: 'No such case',
    });
  });

  it('falls back to the HTTP status when the body is not an API error', () => {
    const error = errorFromResponse(502, 'Bad Gateway', undefined);
    expect(error.code).toBe('http_error');
    expect(error.message).toBe('HTTP 502 Bad Gateway');
    expect(error.isNetworkError).toBe(true);
  });
});
