import { Injectable } from '@nestjs/common';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/** How many keys stay published after a rotation, so tokens signed by the previous one verify. */
const KEPT = 2;

/**
 * The issuer's signing keys, kept in the database: the newest signs, the previous ones stay in
 * the JWKS until tokens they signed have expired.
 */
@Injectable()
export class SigningKeysService {
  constructor(private readonly dataSource: DataSource) {}

  /** Active private keys, newest first; makes the first one if there is none. */
  async active(): Promise<JWK[]> {
    const keys = await this.load();
    if (keys.length > 0) return keys;
    await this.rotate();
    return this.load();
  }

  /** Adds a new signing key and retires all but the newest few. */
  async rotate(): Promise<string> {
    const { privateKey } = await generateKeyPair('RS256', {
      modulusLength: 2048,
      extractable: true,
    });
    const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
    await this.dataSource.transaction(async (tx) => {
      await tx.query('INSERT INTO signing_keys (kid, private_jwk) VALUES ($1, $2)', [
        jwk.kid,
        JSON.stringify(jwk),
      ]);
      await tx.query(
        `UPDATE signing_keys SET retired_at = now() WHERE retired_at IS NULL AND kid NOT IN (
           SELECT kid FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC, kid LIMIT $1)`,
        [KEPT],
      );
    });
    return jwk.kid;
  }

  private async load(): Promise<JWK[]> {
    const rows = await this.dataSource.query<{ private_jwk: JWK }[]>(
      'SELECT private_jwk FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC, kid',
    );
    return rows.map((row) => row.private_jwk);
  }
}
