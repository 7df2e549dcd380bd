import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache.js';

interface Value {
  text: string;
  bytes: number;
}

function harness(limits = { maxEntries: 3, maxBytes: 1000, checkEveryMs: 1000 }) {
  let now = 0;
  let fingerprint = 'a';
  let checks = 0;
  const cache = new PageCache<Value>(
    limits,
    () => {
      checks++;
      return Promise.resolve(fingerprint);
    },
    () => now,
  );
  let renders = 0;
  const render = (text: string) => () => {
    renders++;
    return Promise.resolve({ text, bytes: 10 });
  };
  return {
    cache,
    render,
    get renders() {
      return renders;
    },
    get checks() {
      return checks;
    },
    tick: (ms: number) => (now += ms),
    setFingerprint: (value: string) => (fingerprint = value),
  };
}

describe('PageCache', () => {
  it('renders once, then serves from memory with no check within the second', async () => {
    const h = harness();
    expect((await h.cache.get('/a', h.render('one'))).text).toBe('one');
    expect((await h.cache.get('/a', h.render('two'))).text).toBe('one');
    h.tick(999);
    expect((await h.cache.get('/a', h.render('three'))).text).toBe('one');
    expect(h.renders).toBe(1);
    expect(h.checks).toBe(1);
  });

  it('checks again after a second, and forgets everything when the data changed', async () => {
    const h = harness();
    await h.cache.get('/a', h.render('one'));
    h.tick(1000);
    await h.cache.get('/a', h.render('two'));
    expect(h.checks).toBe(2);
    expect(h.renders).toBe(1);
    h.setFingerprint('b');
    h.tick(1000);
    expect((await h.cache.get('/a', h.render('three'))).text).toBe('three');
  });

  it('forgets everything on invalidate(), and does not store a render that started before', async () => {
    const h = harness();
    await h.cache.get('/a', h.render('old'));
    let finish: (value: Value) => void = () => {};
    const slow = h.cache.get('/b', () => new Promise<Value>((resolve) => (finish = resolve)));
    await Promise.resolve();
    h.cache.invalidate();
    finish({ text: 'stale', bytes: 10 });
    expect((await slow).text).toBe('stale');
    expect((await h.cache.get('/b', h.render('fresh'))).text).toBe('fresh');
    expect((await h.cache.get('/a', h.render('new'))).text).toBe('new');
  });

  it('renders a URL once for concurrent misses', async () => {
    const h = harness();
    const answers = await Promise.all([1, 2, 3].map(() => h.cache.get('/a', h.render('one'))));
    expect(answers.map((a) => a.text)).toEqual(['one', 'one', 'one']);
    expect(h.renders).toBe(1);
  });

  it('drops the least recently used first, by count and by bytes', async () => {
    const h = harness({ maxEntries: 2, maxBytes: 1000, checkEveryMs: 1000 });
    await h.cache.get('/a', h.render('a'));
    await h.cache.get('/b', h.render('b'));
    await h.cache.get('/a', h.render('a2'));
    await h.cache.get('/c', h.render('c'));
    expect(h.cache.size).toBe(2);
    expect((await h.cache.get('/a', h.render('a3'))).text).toBe('a');
    expect((await h.cache.get('/b', h.render('b2'))).text).toBe('b2');

    const big = harness({ maxEntries: 10, maxBytes: 100, checkEveryMs: 1000 });
    for (const key of ['/1', '/2', '/3', '/4'])
      await big.cache.get(key, () => Promise.resolve({ text: key, bytes: 24 }));
    expect(big.cache.size).toBe(4);
    await big.cache.get('/5', () => Promise.resolve({ text: '/5', bytes: 24 }));
    expect(big.cache.size).toBe(4);
  });
});
