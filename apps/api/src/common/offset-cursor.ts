import { AppError } from './app-error.js';

/**
 * Cursors of lists paged by offset: the offset in base 36, opaque to clients. A cursor that is
 * not one answers 400 naming `cursor`.
 */
export function offsetOfCursor(cursor: string | undefined): number {
  const offset = cursor ? Number.parseInt(cursor, 36) : 0;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new AppError('validation_failed', 'cursor: is not a cursor', [
      { path: 'cursor', message: 'is not a cursor' },
    ]);
  }
  return offset;
}

/** The cursor of the page after the one at `offset`, or null when there is none. */
export function cursorAfter(offset: number, limit: number, more: boolean): string | null {
  return more ? (offset + limit).toString(36) : null;
}
