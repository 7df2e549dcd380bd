import { Controller, Get, Module } from '@nestjs/common';
import { Public } from '../src/auth/public.decorator.js';
import { describe, expect, it } from 'vitest';
import { backend, startTestApp } from './support/test-app.js';

@Public()
@Controller('api/slow')
class SlowController {
  @Get()
  async slow() {
    await new Promise((resolve) => setTimeout(resolve, 600));
    return { done: true };
  }
}

@Module({ controllers: [SlowController] })
class SlowModule {}

describe(`shutdown on ${backend}`, () => {
  it('finishes requests in flight, then refuses new ones and closes the database', async () => {
    const t = await startTestApp({ imports: [SlowModule] });
    const inFlight = fetch(`${t.url}/api/slow`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // What main.ts does on SIGTERM.
    const closing = t.close();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ done: true });
    await closing;
    await expect(fetch(`${t.url}/api/health`)).rejects.toThrow();
    expect(t.dataSource.isInitialized).toBe(false);
  });
});
