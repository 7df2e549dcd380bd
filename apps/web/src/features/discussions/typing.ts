import type { Person } from '@technopolice/shared';
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { getSocket } from '../../lib/socket';

/** How long someone counts as typing after their last signal (they send one every 3 s). */
export const TYPING_TTL_MS = 6000;
/** At most one `typing` signal per thread this often. */
export const TYPING_EVERY_MS = 3000;

type Entry = { user: Person; until: number };

/**
 * Who is typing in which thread, from the rooms' `typing` events: an entry lasts a few seconds
 * after the last signal, and ends when that person's post arrives.
 */
export class TypingStore {
  private readonly threads = new Map<string, Map<string, Entry>>();
  private readonly listeners = new Set<() => void>();
  private readonly snapshots = new Map<string, { key: string; users: Person[] }>();

  constructor(private readonly clock: () => number = () => Date.now()) {}

  start(threadId: string, user: Person): void {
    const users = this.threads.get(threadId) ?? new Map<string, Entry>();
    users.set(user.id, { user, until: this.clock() + TYPING_TTL_MS });
    this.threads.set(threadId, users);
    this.emit();
  }

  stop(threadId: string, userId: string): void {
    if (this.threads.get(threadId)?.delete(userId)) this.emit();
  }

  /** Who types in the thread now, by name. Stable between changes (a React snapshot). */
  typing(threadId: string): Person[] {
    const now = this.clock();
    const users = [...(this.threads.get(threadId)?.values() ?? [])]
      .filter((entry) => entry.until > now)
      .map((entry) => entry.user)
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
    const key = users.map((user) => user.id).join(',');
    const cached = this.snapshots.get(threadId);
    if (cached?.key === key) return cached.users;
    this.snapshots.set(threadId, { key, users });
    return users;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Tells subscribers to look again (entries expire with time, not with events). */
  emit(): void {
    for (const listener of this.listeners) listener();
  }

  clear(): void {
    this.threads.clear();
    this.snapshots.clear();
    this.emit();
  }
}

/** The page's one store. */
export const typingStore = new TypingStore();

/** Who else is typing in a thread, kept true as entries expire. */
export function useTyping(threadId: string, meId: string | undefined): Person[] {
  const users = useSyncExternalStore(typingStore.subscribe, () => typingStore.typing(threadId));
  const active = users.length > 0;
  useEffect(() => {
    if (!active) return undefined;
    const timer = window.setInterval(() => typingStore.emit(), 1000);
    return () => window.clearInterval(timer);
  }, [active]);
  return meId ? users.filter((user) => user.id !== meId) : users;
}

/** A function to call on each keystroke: tells the room at most every 3 s that I type. */
export function useTypingSignal(threadId: string | undefined): () => void {
  const last = useRef(0);
  useEffect(() => {
    last.current = 0;
  }, [threadId]);
  return useCallback(() => {
    if (!threadId) return;
    const now = Date.now();
    if (now - last.current < TYPING_EVERY_MS) return;
    last.current = now;
    getSocket()?.emit('typing', threadId);
  }, [threadId]);
}
