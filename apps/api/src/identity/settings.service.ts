import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** Instance-wide settings kept in the database (`instance_settings`). */
@Injectable()
export class SettingsService {
  constructor(private readonly dataSource: DataSource) {}

  async get<T>(key: string, fallback: T, tx: EntityManager = this.dataSource.manager): Promise<T> {
    const [row] = await tx.query<{ value: T }[]>(
      'SELECT value FROM instance_settings WHERE key = $1',
      [key],
    );
    return row ? row.value : fallback;
  }

  async set(tx: EntityManager, key: string, value: unknown): Promise<void> {
    await tx.query(
      `INSERT INTO instance_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [key, JSON.stringify(value)],
    );
  }

  /** Whether anyone may create an account, not only people holding an invitation. */
  registrationOpen(): Promise<boolean> {
    return this.get('registration_open', false);
  }

  /** The secret that signs the issuer's cookies, made once. */
  async cookieKeys(): Promise<string[]> {
    return this.dataSource.transaction(async (tx) => {
      const existing = await this.get<string[] | null>('cookie_keys', null, tx);
      if (existing) return existing;
      const keys = [randomBytes(32).toString('base64url')];
      await tx.query(
        `INSERT INTO instance_settings (key, value) VALUES ('cookie_keys', $1) ON CONFLICT (key) DO NOTHING`,
        [JSON.stringify(keys)],
      );
      return this.get<string[]>('cookie_keys', keys, tx);
    });
  }
}
