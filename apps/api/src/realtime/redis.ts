import { Logger } from '@nestjs/common';
import { createClient } from 'redis';

/** The Redis client of the scaled mode (`REDIS_URL`), or `null` in one process. */
export const REDIS = Symbol('REDIS');
export type RedisClient = ReturnType<typeof createClient>;

/** Connects to Redis; errors after the first connection are logged and retried by the client. */
export async function connectRedis(url: string): Promise<RedisClient> {
  const logger = new Logger('Redis');
  const client = createClient({ url });
  let reported = false;
  client.on('error', (error: Error) => {
    if (!reported) logger.warn(`Redis: ${error.message}`);
    reported = true;
  });
  client.on('ready', () => {
    reported = false;
  });
  await client.connect();
  return client;
}
