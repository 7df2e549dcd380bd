import { Injectable } from '@nestjs/common';
import { type Language, type Me, type UpdateMe } from '@technopolice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor } from '../auth/actor.js';
import { type VerifiedToken } from '../auth/token-verifier.js';
import { GroupsRepository } from '../groups/groups.repository.js';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  language: Language;
}

/** People as the API knows them: a row per (issuer, subject), made on first sight. */
/** How long a person's row is reused without reading it again. */
const RESOLVE_CACHE_MS = 30_000;

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly groups: GroupsRepository,
  ) {}

  /** The user a verified token speaks for; no e-mail or real name is needed. */
  /**
   * Rows of people recently seen, so that a request does not begin with a read of its own: a
   * change of name shows within RESOLVE_CACHE_MS on other replicas (at once on this one).
   */
  private readonly recent = new Map<string, { row: UserRow; until: number }>();

  async resolve(token: VerifiedToken): Promise<Actor> {
    const key = `${token.issuer}\n${token.subject}`;
    const cached = this.recent.get(key);
    if (cached && cached.until > Date.now()) return toActor(cached.row, token.isInstanceAdmin);
    const row = await this.lookUp(token);
    if (this.recent.size >= 10_000) this.recent.clear();
    this.recent.set(key, { row, until: Date.now() + RESOLVE_CACHE_MS });
    return toActor(row, token.isInstanceAdmin);
  }

  private async lookUp(token: VerifiedToken): Promise<UserRow> {
    const find = () =>
      this.dataSource.query<UserRow[]>(
        'SELECT id, username, display_name, language FROM users WHERE issuer = $1 AND subject = $2',
        [token.issuer, token.subject],
      );
    let [row] = await find();
    if (!row) {
      await this.dataSource.transaction((tx) =>
        tx.query(
          `INSERT INTO users (issuer, subject, username, display_name) VALUES ($1, $2, $3, $4)
           ON CONFLICT (issuer, subject) DO NOTHING`,
          [token.issuer, token.subject, token.username, token.name ?? token.username],
        ),
      );
      [row] = await find();
    }
    if (!row) throw new Error('user row vanished');
    return row;
  }

  /** The guard read the actor's row for this request already: only the groups are left. */
  async me(actor: Actor, tx: EntityManager = this.dataSource.manager): Promise<Me> {
    return { ...actor, groups: await this.groups.summariesFor(tx, actor.id) };
  }

  async update(actor: Actor, patch: UpdateMe): Promise<Me> {
    return this.dataSource.transaction(async (tx) => {
      const [[row]] = await tx.query<[UserRow[], number]>(
        `UPDATE users SET display_name = COALESCE($2, display_name), language = COALESCE($3, language), updated_at = now()
         WHERE id = $1 RETURNING id, username, display_name, language`,
        [actor.id, patch.displayName ?? null, patch.language ?? null],
      );
      if (!row) throw new Error('acting user has no row');
      // Forget the cached row: the next request reads the new name.
      this.recent.clear();
      return this.me(toActor(row, actor.isInstanceAdmin), tx);
    });
  }
}

function toActor(row: UserRow, isInstanceAdmin: boolean): Actor {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    language: row.language,
    isInstanceAdmin,
  };
}
