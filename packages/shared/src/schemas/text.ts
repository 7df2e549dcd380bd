import { z } from 'zod';

// Control characters (NUL above all, which PostgreSQL refuses) have no place in what people
// write; line breaks and tabs do, in long texts.
function hasControl(value: string, multiline: boolean): boolean {
  for (const char of value) {
    const code = char.charCodeAt(0);
    const allowed = multiline && (char === '\n' || char === '\r' || char === '\t');
    if ((code < 0x20 || code === 0x7f) && !allowed) return true;
  }
  return false;
}

/** A trimmed text without control characters (but line breaks and tabs when `multiline`). */
export const cleanText = (multiline: boolean) =>
  z
    .string()
    .trim()
    .refine((value) => !hasControl(value, multiline), {
      message: 'must not contain control characters',
    });
