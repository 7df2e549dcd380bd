import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TokenModule } from '../auth/token.module.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { UsersModule } from '../users/users.module.js';
import { RateLimiter } from './rate-limiter.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { REDIS, type RedisClient, connectRedis } from './redis.js';

/** The socket endpoint, the Redis connection of the scaled mode, and rate limits. */
@Global()
@Module({
  imports: [TokenModule, UsersModule],
  providers: [
    RealtimeGateway,
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => (config.redisUrl ? connectRedis(config.redisUrl) : null),
    },
    RateLimiter,
  ],
  exports: [REDIS, RateLimiter],
})
export class RealtimeModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: RedisClient | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis?.isOpen) await this.redis.quit().catch(() => undefined);
  }
}
