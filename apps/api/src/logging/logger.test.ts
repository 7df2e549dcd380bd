import { describe, expect, it } from 'vitest';
import { loggablePath } from './logger.js';

describe('loggablePath', () => {
  it('drops the query string', () => {
    expect(loggablePath('/api/search?q=cam%C3%A9ras&groupId=1')).toBe('/api/search');
  });

  it('masks token-like segments but keeps identifiers', () => {
    expect(loggablePath('/api/invitations/Xy7_kQ2pLmN8vB4cR9tW1zA6dE3fG5hJ/accept')).toBe(
      '/api/invitations/:secret/accept',
    );
    expect(loggablePath('/api/cases/4b0c8a7e-2f6d-4b7a-9c1e-3d5f7a9b1c2e')).toBe(
      '/api/cases/4b0c8a7e-2f6d-4b7a-9c1e-3d5f7a9b1c2e',
    );
    expect(loggablePath('/p/technopolice-marseille/vsa')).toBe('/p/technopolice-marseille/vsa');
  });
});
