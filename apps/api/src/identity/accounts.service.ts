import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';

export interface Account {
  id: string;
  username: string;
  displayName: string;
  isInstanceAdmin: boolean;
}

interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  is_instance_admin: boolean;
  password_hash: string;
  failed_attempts: number;
  last_failed_at: Date | null;
}

/** `Algorithm.Argon2id` (a const enum, which isolated modules cannot read). */
const ARGON2ID = { algorithm: 2 } as const;

/** Failures before answers start slowing down, and before the account rests. */
const SLOW_AFTER = 3;
const LOCK_AFTER = 10;
const LOCK_MS = 15 * 60_000;
const MAX_DELAY_MS = 8_000;

/** The delay before answering the n-th consecutive failure: 0, 0, 0, ½ s, 1 s, 2 s… 8 s. */
export const backoffMs = (failures: number) =>
  failures < SLOW_AFTER ? 0 : Math.min(MAX_DELAY_MS, 500 * 2 ** (failures - SLOW_AFTER));

// Verifying against this hash makes an unknown username cost the same time as a known one.
const DUMMY_HASH = await hash('not-a-password-of-anyone', ARGON2ID);

/** Accounts of the built-in issuer: argon2id hashes, per-account backoff, no e-mail needed. */
@Injectable()
export class AccountsService {
  /** Failures for usernames that have no account, so they slow down the same way. */
  private readonly unknownFailures = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(
    tx: EntityManager,
    input: {
      username: string;
      password: string;
      displayName?: string | undefined;
      isInstanceAdmin?: boolean;
    },
  ): Promise<Account> {
    const taken = await tx.query<unknown[]>(
      'SELECT 1 FROM accounts WHERE lower(username) = lower($1)',
      [input.username],
    );
    if (taken.length > 0)
      throw new AppError('username_taken', `The username ${input.username} is taken.`);
    const passwordHash = await hash(input.password, ARGON2ID);
    const [row] = await tx.query<AccountRow[]>(
      `INSERT INTO accounts (username, password_hash, display_name, is_instance_admin) VALUES ($1, $2, $3, $4)
       RETURNING id, username, display_name, is_instance_admin`,
      [
        input.username,
        passwordHash,
        input.displayName ?? input.username,
        input.isInstanceAdmin ?? false,
      ],
    );
    await this.audit.record(tx, {
      type: 'account.created',
      data: { username: input.username, instanceAdmin: input.isInstanceAdmin ?? false },
    });
    return toAccount(row!);
  }

  /** Whether no account exists yet: the first one to register becomes the instance admin. */
  async none(tx: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await tx.query<unknown[]>('SELECT 1 FROM accounts LIMIT 1');
    return rows.length === 0;
  }

  async find(id: string): Promise<Account | null> {
    const [row] = await this.dataSource.query<AccountRow[]>(
      'SELECT id, username, display_name, is_instance_admin FROM accounts WHERE id = $1',
      [id],
    );
    return row ? toAccount(row) : null;
  }

  /** Creates the instance admin named by BOOTSTRAP_ADMIN_* if no account has that name. */
  async bootstrapAdmin(username: string, password: string): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const existing = await tx.query<unknown[]>(
        'SELECT 1 FROM accounts WHERE lower(username) = lower($1)',
        [username],
      );
      if (existing.length > 0) return false;
      await this.create(tx, { username, password, isInstanceAdmin: true });
      return true;
    });
  }

  /**
   * Checks a username and password. Wrong password, unknown user or resting account all
   * answer `null`, after the same growing delay: nothing tells them apart.
   */
  async authenticate(username: string, password: string): Promise<Account | null> {
    const [row] = await this.dataSource.query<AccountRow[]>(
      `SELECT id, username, display_name, is_instance_admin, password_hash, failed_attempts, last_failed_at
       FROM accounts WHERE lower(username) = lower($1)`,
      [username],
    );
    if (!row) {
      await verify(DUMMY_HASH, password).catch(() => false);
      const failures = (this.unknownFailures.get(username.toLowerCase()) ?? 0) + 1;
      if (this.unknownFailures.size > 10_000) this.unknownFailures.clear();
      this.unknownFailures.set(username.toLowerCase(), failures);
      await this.recordFailure(null, username, failures);
      return null;
    }
    const resting =
      row.failed_attempts >= LOCK_AFTER &&
      row.last_failed_at !== null &&
      Date.now() - row.last_failed_at.getTime() < LOCK_MS;
    const valid = await verify(row.password_hash, password).catch(() => false);
    if (valid && !resting) {
      if (row.failed_attempts > 0) {
        await this.dataSource.transaction((tx) =>
          tx.query('UPDATE accounts SET failed_attempts = 0, last_failed_at = NULL WHERE id = $1', [
            row.id,
          ]),
        );
      }
      return toAccount(row);
    }
    const [updated] = await this.dataSource.transaction((tx) =>
      tx.query<{ failed_attempts: number }[]>(
        'UPDATE accounts SET failed_attempts = failed_attempts + 1, last_failed_at = now() WHERE id = $1 RETURNING failed_attempts',
        [row.id],
      ),
    );
    await this.recordFailure(
      row.id,
      row.username,
      updated?.failed_attempts ?? row.failed_attempts + 1,
    );
    return null;
  }

  private async recordFailure(
    accountId: string | null,
    username: string,
    failures: number,
  ): Promise<void> {
    await this.dataSource.transaction((tx) =>
      this.audit.record(tx, {
        type: failures === LOCK_AFTER && accountId ? 'sign-in.locked' : 'sign-in.failed',
        data: { username, failures },
      }),
    );
    await sleep(backoffMs(failures));
  }
}

function toAccount(
  row: Pick<AccountRow, 'id' | 'username' | 'display_name' | 'is_instance_admin'>,
): Account {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    isInstanceAdmin: row.is_instance_admin,
  };
}
