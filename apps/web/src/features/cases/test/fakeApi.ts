import type { CaseSummary, City } from '@technopolice/shared';
import { vi } from 'vitest';
import { GROUP_ID, HIBOU_ID, RENARD_ID } from '../../../test/fixtures';

/** Communes as the gazetteer answers them. */
export const MARSEILLE: City = {
  code: '13055',
  name: 'Marseille',
  departmentCode: '13',
  departmentName: 'Bouches-du-Rhône',
  lat: 43.2965,
  lng: 5.3698,
};
export const NICE: City = {
  code: '06088',
  name: 'Nice',
  departmentCode: '06',
  departmentName: 'Alpes-Maritimes',
  lat: 43.7102,
  lng: 7.262,
};
export const MARSANNAY: City = {
  code: '21390',
  name: 'Marsannay-la-Côte',
  departmentCode: '21',
  departmentName: 'Côte-d’Or',
  lat: 47.2711,
  lng: 4.99,
};
export const CITIES = [MARSEILLE, NICE, MARSANNAY];

let counter = 0;

/** A case on the board, as `GET /api/cases` answers it. */
export function aCase(overrides: Partial<CaseSummary> = {}): CaseSummary {
  counter += 1;
  const n = String(counter).padStart(12, '0');
  return {
    id: `c0000000-0000-4000-8000-${n}`,
    groupId: GROUP_ID,
    slug: `dossier-${counter}`,
    title: `Dossier ${counter}`,
    stage: 'open',
    position: counter,
    projectStatus: 'announced',
    city: MARSEILLE,
    technologies: ['algorithmic-video-surveillance'],
    tags: [],
    budgetEuros: null,
    assignees: [],
    openTasks: 0,
    version: 1,
    seq: 1,
    createdAt: '2025-06-01T10:00:00.000Z',
    updatedAt: '2025-06-01T10:00:00.000Z',
    ...overrides,
  };
}

/** Six cases over four stages, two cities, several technologies and people. */
export function someCases(): CaseSummary[] {
  return [
    aCase({
      id: 'c0000000-0000-4000-8000-000000000001',
      title: 'VSA au stade Vélodrome',
      stage: 'open',
      position: 1,
      technologies: ['algorithmic-video-surveillance', 'drones'],
      projectStatus: 'experiment',
      tags: ['jo2024'],
      openTasks: 2,
      assignees: [
        { id: RENARD_ID, displayName: 'Renard' },
        { id: HIBOU_ID, displayName: 'Hibou' },
      ],
      updatedAt: '2025-06-05T10:00:00.000Z',
    }),
    aCase({
      id: 'c0000000-0000-4000-8000-000000000002',
      title: 'Capteurs sonores du Cours Julien',
      stage: 'open',
      position: 2,
      technologies: ['sound-sensors'],
      updatedAt: '2025-06-02T10:00:00.000Z',
    }),
    aCase({
      id: 'c0000000-0000-4000-8000-000000000003',
      title: 'Drones de la police municipale',
      stage: 'investigating',
      position: 1,
      city: NICE,
      technologies: ['drones'],
      projectStatus: 'deployed',
      openTasks: 1,
      assignees: [{ id: RENARD_ID, displayName: 'Renard' }],
      updatedAt: '2025-06-04T10:00:00.000Z',
    }),
    aCase({
      id: 'c0000000-0000-4000-8000-000000000004',
      title: 'Reconnaissance faciale au lycée',
      stage: 'drafting',
      position: 1,
      city: NICE,
      technologies: ['facial-recognition'],
      projectStatus: 'abandoned',
      updatedAt: '2025-06-03T10:00:00.000Z',
    }),
    aCase({
      id: 'c0000000-0000-4000-8000-000000000005',
      title: 'Hyperviseur urbain',
      stage: 'review',
      position: 1,
      technologies: ['data-interconnection'],
      projectStatus: 'deployed',
      updatedAt: '2025-06-06T10:00:00.000Z',
    }),
    aCase({
      id: 'c0000000-0000-4000-8000-000000000006',
      title: 'Audit de la vidéoprotection',
      stage: 'review',
      position: 2,
      technologies: ['algorithmic-video-surveillance'],
      projectStatus: 'contested',
      updatedAt: '2025-06-01T09:00:00.000Z',
    }),
  ];
}

export interface Call {
  method: string;
  url: URL;
  body: unknown;
  headers: Headers;
}

type Handler = (call: Call) => { status: number; body?: unknown } | undefined;

function json(status: number, body: unknown): Promise<Response> {
  return Promise.resolve(
    new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    }),
  );
}

/** What `GET /api/cases` would answer from `cases` for the query of `url`. */
export function filterCases(cases: readonly CaseSummary[], url: URL): CaseSummary[] {
  const list = (name: string) => url.searchParams.get(name)?.split(',') ?? null;
  const technologies = list('technology');
  const statuses = list('projectStatus');
  const cityCode = url.searchParams.get('cityCode');
  const assigneeId = url.searchParams.get('assigneeId');
  const q = url.searchParams.get('q')?.toLowerCase();
  return cases.filter(
    (item) =>
      (!technologies || item.technologies.some((id) => technologies.includes(id))) &&
      (!statuses || statuses.includes(item.projectStatus)) &&
      (!cityCode || item.city.code === cityCode) &&
      (!assigneeId || item.assignees.some((person) => person.id === assigneeId)) &&
      (!q || item.title.toLowerCase().includes(q)),
  );
}

/**
 * Replaces `fetch` with a small fake of the cases API: `GET /api/cases` filters `cases`,
 * `GET /api/cities` searches {@link CITIES}; `handle` answers anything else (or overrides).
 * Every call is recorded.
 */
export function fakeApi(cases: readonly CaseSummary[], handle: Handler = () => undefined) {
  const calls: Call[] = [];
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(href, 'http://localhost');
    const method = init?.method ?? 'GET';
    const raw = init?.body;
    let body: unknown = raw;
    if (typeof raw === 'string') {
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        body = raw;
      }
    }
    const call: Call = { method, url, body, headers: new Headers(init?.headers) };
    calls.push(call);
    const answer = handle(call);
    if (answer) return json(answer.status, answer.body);
    if (method === 'GET' && url.pathname === '/api/cases')
      return json(200, { items: filterCases(cases, url), nextCursor: null });
    if (method === 'GET' && url.pathname === '/api/cities') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      return json(200, { items: CITIES.filter((city) => city.name.toLowerCase().startsWith(q)) });
    }
    const city = /^\/api\/cities\/(.+)$/.exec(url.pathname);
    if (method === 'GET' && city) {
      const found = CITIES.find((entry) => entry.code === city[1]);
      return found
        ? json(200, found)
        : json(404, { statusCode: 404, code: 'not_found', message: 'No such city' });
    }
    return json(404, {
      statusCode: 404,
      code: 'route_not_found',
      message: `${method} ${url.pathname}`,
    });
  });
  return { calls, spy };
}
