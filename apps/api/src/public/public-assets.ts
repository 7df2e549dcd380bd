import { createHash } from 'node:crypto';
import {
  FRANCE_DEPARTMENT_PATHS,
  FRANCE_MAP_INSETS,
  FRANCE_MAP_VIEWBOX,
} from '@technopolice/shared/map';
import { PUBLIC_CSS } from './public.css.js';

/** A file of the public pages, served from memory with a year of cache: its name holds its hash. */
export interface PublicAsset {
  path: string;
  type: string;
  body: Buffer;
  etag: string;
}

function asset(name: string, extension: string, type: string, text: string): PublicAsset {
  const body = Buffer.from(text, 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return {
    path: `/p/assets/${name}.${hash}.${extension}`,
    type,
    body,
    etag: `"${hash}"`,
  };
}

/**
 * The base map: every department's outline and the boxes of the overseas insets, in the
 * viewBox the dots of `/p` are drawn in (`projectToMap`). About 85 KB, fetched once a year.
 */
function franceSvg(): string {
  const paths = Object.entries(FRANCE_DEPARTMENT_PATHS)
    .map(([code, d]) => `<path data-department="${code}" d="${d}"/>`)
    .join('');
  const insets = Object.values(FRANCE_MAP_INSETS)
    .map(
      ([x, y, width, height]) =>
        `<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="4"/>`,
    )
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${FRANCE_MAP_VIEWBOX}">` +
    `<g fill="none" stroke="#cdc9bc" stroke-width="1" stroke-dasharray="3 3">${insets}</g>` +
    `<g fill="#efede6" stroke="#b9b4a5" stroke-width="0.8" stroke-linejoin="round">${paths}</g>` +
    `</svg>`
  );
}

// The campaign's eye, struck through, as on the sign-in pages.
const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#e4572e"/><path d="M6 16c2.6-4.4 6.1-6.6 10-6.6s7.4 2.2 10 6.6c-2.6 4.4-6.1 6.6-10 6.6S8.6 20.4 6 16Z" fill="none" stroke="#fff" stroke-width="2"/><circle cx="16" cy="16" r="3.2" fill="none" stroke="#fff" stroke-width="2"/><path d="M7 25 25 7" stroke="#fff" stroke-width="2.2" stroke-linecap="round"/></svg>`;

export const STYLESHEET = asset('public', 'css', 'text/css; charset=utf-8', PUBLIC_CSS);
export const FRANCE_MAP = asset('france', 'svg', 'image/svg+xml', franceSvg());

export const ICON = asset('icon', 'svg', 'image/svg+xml', LOGO_SVG);

const BY_PATH = new Map([STYLESHEET, FRANCE_MAP, ICON].map((a) => [a.path, a]));

/** The asset at a path under `/p/assets/`, or undefined. */
export function assetAt(path: string): PublicAsset | undefined {
  return BY_PATH.get(path);
}
