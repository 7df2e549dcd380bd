import { AUDIT_EVENT_TYPES } from '@technopolice/shared';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import fr from '../i18n/fr.json';
import { anEvent } from '../test/fixtures';
import { AUDIT_TYPE_KEYS, AuditLog, auditTypeKey } from './AuditLog';

/** The value at a dotted key of a translation tree. */
function at(tree: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        node !== null && typeof node === 'object'
          ? (node as Record<string, unknown>)[part]
          : undefined,
      tree,
    );
}

describe('audit log', () => {
  it('has a French and an English label for every event type of the shared contract', () => {
    expect(AUDIT_TYPE_KEYS).toHaveLength(AUDIT_EVENT_TYPES.length);
    for (const key of AUDIT_TYPE_KEYS) {
      expect(at(fr, auditTypeKey(key)), key).toBeTruthy();
      expect(at(en, auditTypeKey(key)), key).toBeTruthy();
    }
  });

  it('labels each event, names the actor, and shows only known details', () => {
    render(
      <AuditLog
        emptyBody="—"
        events={AUDIT_EVENT_TYPES.map((type) =>
          anEvent(type, { ip: '198.51.100.7', userAgent: 'Firefox', secret: 'x' }),
        )}
      />,
    );
    const entries = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(entries).toHaveLength(AUDIT_EVENT_TYPES.length);
    for (const entry of entries) {
      expect(entry.textContent).toContain('par Camille');
      expect(entry.textContent).not.toMatch(/198\.51|Firefox|secret/);
    }
  });
});
