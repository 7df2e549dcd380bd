import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error.js';
import { REDIS, type RedisClient } from './redis.js';

/** A token bucket: `burst` at once, then `perSecond`. */
export interface Rate {
  burst: number;
  perSecond: number;
}

/**
 * Token buckets per key (a person and an action). In one process they live in memory; with
 * Redis, in Redis (one atomic script), so that replicas share them.
 */
const SCRIPT = `
local tokens = tonumber(redis.call('HGET', KEYS[1], 't') or ARGV[1])
local at = tonumber(redis.call('HGET', KEYS[1], 'at') or ARGV[3])
local now = tonumber(ARGV[3])
tokens = math.min(tonumber(ARGV[1]), tokens + (now - at) * tonumber(ARGV[2]) / 1000)
local allowed = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
redis.call('HSET', KEYS[1], 't', tokens, 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[1]) / tonumber(ARGV[2]) * 1000) + 1000)
if allowed == 1 then return 0 end
return math.ceil((1 - tokens) / tonumber(ARGV[2]) * 1000)
`;

@Injectable()
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(@Inject(REDIS) private readonly redis: RedisClient | null) {}

  /** Takes a token or throws 429 `rate_limited` saying when to retry. */
  async take(key: string, rate: Rate, what: string): Promise<void> {
    const waitMs = this.redis ? await this.takeShared(key, rate) : this.takeLocal(key, rate);
    if (waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new AppError(
        'rate_limited',
        `Too many ${what} in a short time: wait ${seconds} s and try again.`,
        [{ path: 'retryAfter', message: String(seconds) }],
      );
    }
  }

  private takeLocal(key: string, rate: Rate): number {
    const now = Date.now();
    const bucket = this.buckets.get(key) ?? { tokens: rate.burst, at: now };
    bucket.tokens = Math.min(
      rate.burst,
      bucket.tokens + ((now - bucket.at) * rate.perSecond) / 1000,
    );
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.prune(now, rate);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / rate.perSecond) * 1000);
  }

  /** Forgets full buckets, so that memory stays bounded. */
  private prune(now: number, rate: Rate): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) * rate.perSecond) / 1000 >= rate.burst)
        this.buckets.delete(key);
    }
  }

  private async takeShared(key: string, rate: Rate): Promise<number> {
    const result = await this.redis!.eval(SCRIPT, {
      keys: [`technopolice:rate:${key}`],
      arguments: [String(rate.burst), String(rate.perSecond), String(Date.now())],
    });
    return Number(result);
  }
}
