import { type Adapter, type AdapterPayload } from 'oidc-provider';
import { type DataSource } from 'typeorm';

/** oidc-provider's storage (sessions, codes, grants, refresh tokens) in our database. */
export function databaseAdapter(dataSource: DataSource) {
  return class DatabaseAdapter implements Adapter {
    constructor(private readonly kind: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      await dataSource.transaction((tx) =>
        tx.query(
          `INSERT INTO oidc_payloads (kind, id, payload, grant_id, uid, user_code, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::int > 0 THEN now() + make_interval(secs => $7::int) END)
           ON CONFLICT (kind, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id,
             uid = EXCLUDED.uid, user_code = EXCLUDED.user_code, expires_at = EXCLUDED.expires_at`,
          [
            this.kind,
            id,
            JSON.stringify(payload),
            payload.grantId ?? null,
            payload.uid ?? null,
            payload.userCode ?? null,
            expiresIn ?? 0,
          ],
        ),
      );
    }

    private async findBy(
      column: 'id' | 'uid' | 'user_code',
      value: string,
    ): Promise<AdapterPayload | undefined> {
      const [row] = await dataSource.query<{ payload: AdapterPayload; consumed_at: Date | null }[]>(
        `SELECT payload, consumed_at FROM oidc_payloads
         WHERE kind = $1 AND ${column} = $2 AND (expires_at IS NULL OR expires_at > now())`,
        [this.kind, value],
      );
      if (!row) return undefined;
      return row.consumed_at
        ? { ...row.payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) }
        : row.payload;
    }

    find(id: string) {
      return this.findBy('id', id);
    }

    findByUid(uid: string) {
      return this.findBy('uid', uid);
    }

    findByUserCode(userCode: string) {
      return this.findBy('user_code', userCode);
    }

    async consume(id: string): Promise<void> {
      await dataSource.transaction((tx) =>
        tx.query('UPDATE oidc_payloads SET consumed_at = now() WHERE kind = $1 AND id = $2', [
          this.kind,
          id,
        ]),
      );
    }

    async destroy(id: string): Promise<void> {
      await dataSource.transaction((tx) =>
        tx.query('DELETE FROM oidc_payloads WHERE kind = $1 AND id = $2', [this.kind, id]),
      );
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await dataSource.transaction((tx) =>
        tx.query('DELETE FROM oidc_payloads WHERE grant_id = $1', [grantId]),
      );
    }
  };
}
