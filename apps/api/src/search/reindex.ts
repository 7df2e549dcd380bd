import { type DataSource } from 'typeorm';

/** The tables whose `tsv` column search reads, and a column that rewriting recomputes it from. */
const TABLES = [
  { table: 'cases', key: 'id', column: 'title' },
  { table: 'threads', key: 'id', column: 'title' },
  { table: 'posts', key: 'id', column: 'text' },
  { table: 'documents', key: 'id', column: 'title' },
  { table: 'document_pages', key: 'document_id', column: 'text' },
] as const;

const BATCH = 2000;

/**
 * Recomputes every search vector and rebuilds the indexes: after an upgrade of PostgreSQL or of
 * its French dictionaries, vectors written before would no longer match what queries produce.
 * Works in batches, each its own transaction, so the instance keeps serving meanwhile.
 */
export async function reindex(
  dataSource: DataSource,
  log: (message: string) => void = () => undefined,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { table, key, column } of TABLES) {
    let done = 0;
    let after: string | null = null;
    for (;;) {
      // Keyset pages in id order, never an OFFSET (a document's pages go together).
      const rows: { k: string }[] = await dataSource.query(
        `SELECT DISTINCT ${key}::text AS k, ${key} FROM ${table}
         WHERE $1::uuid IS NULL OR ${key} > $1::uuid
         ORDER BY ${key} LIMIT ${key === 'id' ? BATCH : BATCH / 20}`,
        [after],
      );
      if (rows.length === 0) break;
      await dataSource.transaction((tx) =>
        tx.query(
          `UPDATE ${table} SET ${column} = ${column}
           WHERE ${key} = ANY($1::uuid[])`,
          [rows.map((row) => row.k)],
        ),
      );
      done += rows.length;
      after = rows.at(-1)!.k;
    }
    await dataSource.query(`REINDEX TABLE ${table}`);
    counts[table] = done;
    log(`${table}: ${done} rows`);
  }
  return counts;
}
