import {
  PROJECT_STATUS_IDS,
  type PublicCaseQuery,
  publicCasePath,
  TECHNOLOGY_IDS,
} from '@technopolice/shared';
import { FRANCE_MAP_VIEWBOX, projectToMap } from '@technopolice/shared/map';
import { excerpt, type Html, markup, raw } from './html.js';
import { frame } from './layout.js';
import { type ListedRow, type MapRow } from './public.repository.js';
import { FRANCE_MAP } from './public-assets.js';
import { formatDate, projectStatusLabel, technologyLabel, textFor } from './public-text.js';

export interface ListPageData {
  query: PublicCaseQuery;
  rows: ListedRow[];
  offset: number;
  more: boolean;
  points: MapRow[];
  choices: {
    departments: { code: string; name: string; count: number }[];
    groups: { slug: string; name: string; count: number }[];
  };
  cityName: string | null;
  publicUrl: string;
}

/** Cards on a page of `/p` when the address does not say (`limit=`). */
export const HTML_PAGE_SIZE = 30;

const FILTER_KEYS = ['technology', 'projectStatus', 'department', 'group', 'cityCode'] as const;

/** `/p` with these filters (and cursor), parameters in a fixed order. */
export function listHref(query: PublicCaseQuery, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (query.limit !== HTML_PAGE_SIZE) params.set('limit', String(query.limit));
  if (cursor) params.set('cursor', cursor);
  const search = params.toString();
  return search ? `/p?${search}` : '/p';
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * One dot per case over the cached base map. Cases of the same commune would hide each other:
 * the n-th one at a point moves out on a sunflower spiral around it.
 */
function map(points: MapRow[]): Html {
  const seen = new Map<string, number>();
  const dots = points.flatMap((point) => {
    if (point.lat === null || point.lng === null) return [];
    const at = projectToMap(point.lat, point.lng);
    if (!at) return [];
    const key = `${Math.round(at.x)},${Math.round(at.y)}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const radius = 13 * Math.sqrt(n);
    const x = oneDecimal(at.x + radius * Math.cos(n * GOLDEN_ANGLE));
    const y = oneDecimal(at.y + radius * Math.sin(n * GOLDEN_ANGLE));
    return [
      markup`<a href="${publicCasePath(point.groupSlug, point.caseSlug)}" tabindex="-1"><title>${point.title}</title><circle class="dot" cx="${x}" cy="${y}" r="9"/></a>`,
    ];
  });
  // Hidden from assistive technologies and the keyboard: the cards beside it say the same.
  return markup`<svg viewBox="${FRANCE_MAP_VIEWBOX}" aria-hidden="true" focusable="false"><image href="${FRANCE_MAP.path}" x="0" y="0" width="1000" height="1000"/>${dots}</svg>`;
}

function select(
  name: string,
  label: string,
  any: string,
  options: { value: string; label: string }[],
  selected: string | undefined,
): Html {
  const id = `f-${name}`;
  return markup`<div class="field"><label for="${id}">${label}</label><select id="${id}" name="${name}"><option value="">${any}</option>${options.map(
    (o) =>
      markup`<option value="${o.value}"${o.value === selected ? raw(' selected') : ''}>${o.label}</option>`,
  )}</select></div>
`;
}

function card(row: ListedRow, index: number): Html {
  const t = textFor('fr');
  const { facts } = row;
  const updated = row.lastPublishedAt.getTime() - row.firstPublishedAt.getTime() > 60_000;
  const id = `case-${index}`;
  const technologies = facts.technologies.map(
    (tech) => markup`<span class="tag">${technologyLabel(tech, 'fr')}</span>`,
  );
  return markup`<li class="card"><article aria-labelledby="${id}">
<p class="kicker">${facts.city.name} · ${facts.city.departmentName}</p>
<h2 id="${id}"><a href="${publicCasePath(row.groupSlug, row.caseSlug)}">${facts.title}</a></h2>
<p class="excerpt">${excerpt(facts.description || row.text, 260)}</p>
<p class="meta"><span class="status status-${facts.projectStatus}">${projectStatusLabel(facts.projectStatus, 'fr')}</span>${technologies}<span>${t.publishedBy} ${row.groupName}</span><span>${updated ? t.updatedOn : t.firstPublished} <time datetime="${row.lastPublishedAt.toISOString()}">${formatDate(row.lastPublishedAt, 'fr')}</time></span></p>
</article></li>
`;
}

/** `/p`: filters, a map of France with one dot per case, and the cases as cards (French). */
export function listPage(d: ListPageData): string {
  const t = textFor('fr');
  const q = d.query;
  const total = d.points.length;
  const previousOffset = d.offset - q.limit;
  const previous =
    d.offset > 0 ? listHref(q, previousOffset > 0 ? previousOffset.toString(36) : null) : null;
  const next = d.more ? listHref(q, (d.offset + q.limit).toString(36)) : null;
  const filtered = FILTER_KEYS.some((key) => q[key] !== undefined);

  const filters = markup`<form class="filters" method="get" action="/p" role="search" aria-label="${t.filters}">
${select(
  'technology',
  t.filterTechnology,
  t.anyTechnology,
  TECHNOLOGY_IDS.map((id) => ({ value: id, label: technologyLabel(id, 'fr') })),
  q.technology,
)}${select(
    'projectStatus',
    t.filterStatus,
    t.anyStatus,
    PROJECT_STATUS_IDS.map((id) => ({ value: id, label: projectStatusLabel(id, 'fr') })),
    q.projectStatus,
  )}${select(
    'department',
    t.filterDepartment,
    t.anyDepartment,
    d.choices.departments.map((dep) => ({
      value: dep.code,
      label: `${dep.code} · ${dep.name} (${dep.count})`,
    })),
    q.department,
  )}${select(
    'group',
    t.filterGroup,
    t.anyGroup,
    d.choices.groups.map((g) => ({ value: g.slug, label: `${g.name} (${g.count})` })),
    q.group,
  )}${
    q.cityCode
      ? select(
          'cityCode',
          t.filterCity,
          t.anyCity,
          [{ value: q.cityCode, label: `${d.cityName ?? q.cityCode} (${q.cityCode})` }],
          q.cityCode,
        )
      : ''
  }${q.limit !== HTML_PAGE_SIZE ? markup`<input type="hidden" name="limit" value="${q.limit}">\n` : ''}<div class="actions"><button class="button" type="submit">${t.filterApply}</button>${filtered ? markup`<a href="/p">${t.filterReset}</a>` : ''}</div>
</form>`;

  const results =
    d.rows.length === 0
      ? markup`<p class="empty">${t.noResults}</p>`
      : markup`<ol class="cards" start="${d.offset + 1}">
${d.rows.map((row, i) => card(row, d.offset + i))}</ol>`;
  const pager =
    previous || next
      ? markup`<nav class="pager" aria-label="${t.listNav}">${previous ? markup`<a href="${previous}" rel="prev">← ${t.previous}</a>` : markup`<span></span>`}${next ? markup`<a href="${next}" rel="next">${t.next} →</a>` : ''}</nav>`
      : '';

  const body = markup`<div class="wrap">
<header class="page-head">
<h1>${t.listTitle}</h1>
<p>${t.listLead}</p>
</header>
${filters}
<div class="listing">
<figure class="map">
${map(d.points)}
<figcaption>${t.mapHint}</figcaption>
</figure>
<section aria-labelledby="results-title">
<h2 class="count" id="results-title">${t.results(total)}</h2>
${results}
${pager}
</section>
</div>
</div>`;

  return frame({
    language: 'fr',
    title: t.listTitle,
    description: t.listLead,
    canonical: `${d.publicUrl}${listHref(q, d.offset > 0 ? d.offset.toString(36) : null)}`,
    ogType: 'website',
    current: 'list',
    robots: filtered || d.offset > 0 ? 'noindex, follow' : undefined,
    body,
  });
}
