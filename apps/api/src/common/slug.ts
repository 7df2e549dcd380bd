/** A URL-safe slug from a name: `Technopolice Saint-Étienne` → `technopolice-saint-etienne`. */
export function slugify(name: string, maxLength = 60): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return slug || 'groupe';
}
