// `npm run reindex`: recomputes every search vector and rebuilds the search indexes, for the
// database the environment names (the embedded one by default; stop the server first).
import 'reflect-metadata';
import { loadConfig } from '../config/config.js';
import { migrate, openDataSource } from '../database/data-source.js';
import { reindex } from './reindex.js';

const loaded = loadConfig(process.env);
if (!loaded.ok) {
  console.error(loaded.message);
  process.exit(1);
}
const dataSource = await openDataSource(loaded.config.database);
try {
  await migrate(dataSource);
  const started = Date.now();
  await reindex(dataSource, (line) => console.log(`  ${line}`));
  console.log(`Search reindexed in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} finally {
  await dataSource.destroy();
}
