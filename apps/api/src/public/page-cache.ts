/**
 * Rendered public answers by URL, least recently used first out, bounded in entries and bytes.
 *
 * Freshness: `invalidate()` empties it on this process (the publish and retract services call it
 * after commit). Other replicas learn of a change through `check`, a cheap fingerprint of what
 * the pages show, read at most once per `checkEveryMs`: a request arriving later than that after
 * the last check waits for a new one (shared by concurrent requests) before reading the cache,
 * so a retraction committed on another replica is seen here within about a second. Within the
 * second, a hit touches no database.
 *
 * A render started before an invalidation is not stored: its data may predate the change.
 */
export interface CacheLimits {
  maxEntries: number;
  maxBytes: number;
  checkEveryMs: number;
}

interface Sized {
  bytes: number;
}

export class PageCache<V extends Sized> {
  private readonly entries = new Map<string, V>();
  private bytes = 0;
  private generation = 0;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private fingerprint: string | null = null;
  private checking: Promise<void> | null = null;
  /** Renders in flight, so that concurrent misses of one URL render it once. */
  private readonly pending = new Map<string, Promise<V>>();

  constructor(
    private readonly limits: CacheLimits,
    /** Reads the fingerprint of the published data (one cheap query). */
    private readonly check: () => Promise<string>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Forgets everything rendered so far, on this process. */
  invalidate(): void {
    this.entries.clear();
    this.pending.clear();
    this.bytes = 0;
    this.generation++;
  }

  /**
   * The cached value of `key`, or `render()`'s, stored unless an invalidation happened meanwhile
   * or `store` refuses it.
   */
  async get(
    key: string,
    render: () => Promise<V>,
    store: (value: V) => boolean = () => true,
  ): Promise<V> {
    if (this.now() - this.checkedAt >= this.limits.checkEveryMs) await this.refresh();
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used goes last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const generation = this.generation;
    const rendering = render().then((value) => {
      if (generation === this.generation && store(value)) this.put(key, value);
      return value;
    });
    this.pending.set(key, rendering);
    try {
      return await rendering;
    } finally {
      if (this.pending.get(key) === rendering) this.pending.delete(key);
    }
  }

  private put(key: string, value: V): void {
    if (value.bytes > this.limits.maxBytes / 4) return;
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.bytes -= previous.bytes;
    }
    this.entries.set(key, value);
    this.bytes += value.bytes;
    while (this.entries.size > this.limits.maxEntries || this.bytes > this.limits.maxBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.bytes -= this.entries.get(oldest.value)!.bytes;
      this.entries.delete(oldest.value);
    }
  }

  private refresh(): Promise<void> {
    this.checking ??= (async () => {
      const startedAt = this.now();
      try {
        const fingerprint = await this.check();
        if (fingerprint !== this.fingerprint) {
          if (this.fingerprint !== null) this.invalidate();
          this.fingerprint = fingerprint;
        }
        // From the start of the query: whatever committed after it is seen by the next check.
        this.checkedAt = startedAt;
      } finally {
        this.checking = null;
      }
    })();
    return this.checking;
  }
}
