/** Initials of a display name: pseudonyms only, no picture ever leaves or enters. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    words.length >= 2
      ? [words[0], words[words.length - 1]].map((word) => Array.from(word ?? '')[0] ?? '')
      : Array.from(words[0] ?? '?').slice(0, 2);
  return letters.join('').toLocaleUpperCase();
}

/** One of a few tints, stable for a given name, so that members are told apart at a glance. */
export function toneOf(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % 6;
}

/**
 * Initials in a tinted disc, beside the name they stand for. Drawn by CSS from `data-initials`:
 * decoration, not text, so a control's visible label stays the name beside it (WCAG 2.5.3).
 */
export function Avatar({ name, size = 'md' }: { name: string; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <span
      className="avatar"
      data-size={size}
      data-tone={toneOf(name)}
      data-initials={initialsOf(name)}
      aria-hidden="true"
    />
  );
}
