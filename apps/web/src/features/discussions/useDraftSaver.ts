import type { RichTextBody } from '@technopolice/shared';
import { useCallback, useEffect, useRef } from 'react';
import { type DraftScope, saveDraft } from '../../lib/discussions';

/** How long typing pauses before the draft is kept on the server. */
export const DRAFT_DELAY_MS = 1000;

type Draft = { title?: string; body: RichTextBody } | null;

/**
 * Keeps a draft on the server while someone writes: saved a second after they pause (`null`
 * drops it), and the pending save sent at once when the form goes away.
 */
export function useDraftSaver(target: { threadId: string } | { scope: DraftScope }) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<{ draft: Draft } | null>(null);
  const stored = useRef(false);
  const targetRef = useRef(target);
  useEffect(() => {
    targetRef.current = target;
  });

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    pending.current = null;
    if (!next) return;
    // Nothing kept and nothing to keep: no request.
    if (next.draft === null && !stored.current) return;
    stored.current = next.draft !== null;
    void saveDraft(targetRef.current, next.draft).catch(() => {
      // A draft that could not be kept is still in the editor; the next pause tries again.
      stored.current = true;
    });
  }, []);

  const schedule = useCallback(
    (draft: Draft) => {
      pending.current = { draft };
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, DRAFT_DELAY_MS);
    },
    [flush],
  );

  /** The draft became a post or a thread: nothing more to keep. */
  const settle = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
    if (stored.current) void saveDraft(targetRef.current, null).catch(() => undefined);
    stored.current = false;
  }, []);

  /** A draft read from the server exists: dropping it takes a request. */
  const markStored = useCallback(() => {
    stored.current = true;
  }, []);

  useEffect(() => flush, [flush]);

  return { schedule, flush, settle, markStored };
}
