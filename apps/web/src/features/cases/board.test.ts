import type { Label } from '@technopolice/shared';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { caseKeys, caseQueryString, type CaseList, upsertCaseInLists } from '../../lib/cases';
import { GROUP_ID } from '../../test/fixtures';
import { columnOf, columnsOf, facetCounts, positionAt } from './board';
import { sortCases } from './components/CaseTable';
import { clusterPoints } from './map/cluster';
import { filtersOf, parseBoardParams, withChanges } from './params';
import { aCase, NICE, someCases } from './test/fakeApi';

const fr = (label: Label) => label.fr;

describe('board columns', () => {
  it('groups cases by stage, ordered by position', () => {
    const items = [
      aCase({ id: 'c0000000-0000-4000-8000-0000000000a1', stage: 'open', position: 3 }),
      aCase({ id: 'c0000000-0000-4000-8000-0000000000a2', stage: 'open', position: 1.5 }),
      aCase({ id: 'c0000000-0000-4000-8000-0000000000a3', stage: 'review', position: 0 }),
    ];
    const columns = columnsOf(items);
    expect(columns.open).toEqual([
      'c0000000-0000-4000-8000-0000000000a2',
      'c0000000-0000-4000-8000-0000000000a1',
    ]);
    expect(columns.review).toEqual(['c0000000-0000-4000-8000-0000000000a3']);
    expect(columns.published).toEqual([]);
    expect(columnOf(columns, 'c0000000-0000-4000-8000-0000000000a3')).toBe('review');
    expect(columnOf(columns, 'drafting')).toBe('drafting');
  });

  it('places a moved case at the midpoint of its neighbours, or one step beyond the only one', () => {
    const positions: Record<string, number> = { a: 1, b: 2, c: 4 };
    const at = (id: string) => positions[id];
    expect(positionAt(['a', 'x', 'b'], 1, at)).toBe(1.5);
    expect(positionAt(['x', 'a'], 0, at)).toBe(0);
    expect(positionAt(['b', 'c', 'x'], 2, at)).toBe(5);
    expect(positionAt(['x'], 0, at)).toBe(0);
  });

  it('counts technologies and project statuses', () => {
    const counts = facetCounts(someCases());
    expect(counts.technologies.drones).toBe(2);
    expect(counts.technologies['algorithmic-video-surveillance']).toBe(2);
    expect(counts.technologies.biometrics).toBe(0);
    expect(counts.projectStatuses.deployed).toBe(2);
  });
});

describe('board address', () => {
  it('reads the filters, ignoring unknown values', () => {
    const params = parseBoardParams(
      new URLSearchParams('vue=liste&techno=drones,nope&statut=deployed&ville=2a004&tri=titre'),
    );
    expect(params).toMatchObject({
      view: 'liste',
      technologies: ['drones'],
      projectStatuses: ['deployed'],
      cityCode: '2A004',
      sort: 'titre',
      order: 'asc',
    });
    expect(parseBoardParams(new URLSearchParams('vue=autre&tri=x'))).toMatchObject({
      view: 'tableau',
      sort: 'maj',
      order: 'desc',
    });
  });

  it('writes changes, removing emptied parameters', () => {
    const next = withChanges(new URLSearchParams('q=x&techno=drones'), {
      q: '',
      techno: ['drones', 'biometrics'],
      vue: 'carte',
    });
    expect(next.toString()).toBe('techno=drones%2Cbiometrics&vue=carte');
  });

  it('turns the filters into the API query, the same whatever their order', () => {
    const params = parseBoardParams(new URLSearchParams('techno=drones,biometrics&q=%20vsa%20'));
    expect(caseQueryString(filtersOf(params, GROUP_ID))).toBe(
      `groupId=${GROUP_ID}&q=vsa&technology=biometrics%2Cdrones`,
    );
  });
});

describe('list sorting', () => {
  it('sorts by each column, both ways', () => {
    const items = someCases();
    const titles = (sort: Parameters<typeof sortCases>[1], order: 'asc' | 'desc') =>
      sortCases(items, sort, order, 'fr', fr).map((item) => item.title);
    expect(titles('titre', 'asc')[0]).toBe('Audit de la vidéoprotection');
    expect(titles('ville', 'desc').slice(0, 2)).toEqual([
      'Drones de la police municipale',
      'Reconnaissance faciale au lycée',
    ]);
    expect(titles('etape', 'desc').slice(0, 2)).toEqual([
      'Hyperviseur urbain',
      'Audit de la vidéoprotection',
    ]);
    expect(titles('taches', 'desc')[0]).toBe('VSA au stade Vélodrome');
    expect(titles('maj', 'asc')[0]).toBe('Audit de la vidéoprotection');
    // By the technologies' names in the language: « Capteurs sonores » first in French.
    expect(titles('technos', 'asc')[0]).toBe('Capteurs sonores du Cours Julien');
  });
});

describe('map clustering', () => {
  const idOf = (value: string) => value;

  it('merges points closer than the distance, and keeps distant ones apart', () => {
    const clusters = clusterPoints(
      [
        { x: 100, y: 100, value: 'a' },
        { x: 104, y: 103, value: 'b' },
        { x: 300, y: 300, value: 'c' },
        { x: 108, y: 100, value: 'd' },
      ],
      10,
      idOf,
    );
    expect(clusters.map((cluster) => cluster.key)).toEqual(['a,b,d', 'c']);
    expect(clusters[0]!.x).toBeCloseTo(104);
    expect(clusters[0]!.items).toHaveLength(3);
  });

  it('finds neighbours across grid cells, and draws every point alone at distance 0', () => {
    const points = [
      { x: 9.5, y: 9.5, value: 'a' },
      { x: 10.5, y: 10.5, value: 'b' },
    ];
    expect(clusterPoints(points, 10, idOf)).toHaveLength(1);
    expect(clusterPoints(points, 0, idOf)).toHaveLength(2);
  });
});

describe('cached lists', () => {
  it('applies a newer case to every list it matches, and drops it from those it no longer does', () => {
    const queryClient = new QueryClient();
    const [first, second] = someCases();
    const all = caseKeys.list({ groupId: GROUP_ID });
    const marseille = caseKeys.list({ groupId: GROUP_ID, cityCode: '13055' });
    const searched = caseKeys.list({ groupId: GROUP_ID, q: 'vsa' });
    queryClient.setQueryData<CaseList>(all, { items: [first!, second!] });
    queryClient.setQueryData<CaseList>(marseille, { items: [first!, second!] });
    queryClient.setQueryData<CaseList>(searched, { items: [first!] });

    const moved = { ...first!, city: NICE, version: 2, seq: 5 };
    upsertCaseInLists(queryClient, moved);

    expect(queryClient.getQueryData<CaseList>(all)?.items[0]?.city.name).toBe('Nice');
    expect(queryClient.getQueryData<CaseList>(marseille)?.items.map((item) => item.id)).toEqual([
      second!.id,
    ]);
    // A text search is the server's to decide: updated in place and refetched.
    expect(queryClient.getQueryData<CaseList>(searched)?.items[0]?.seq).toBe(5);
    expect(queryClient.getQueryState(searched)?.isInvalidated).toBe(true);

    // Older news do not replace newer ones.
    upsertCaseInLists(queryClient, { ...first!, seq: 3 });
    expect(queryClient.getQueryData<CaseList>(all)?.items[0]?.seq).toBe(5);
  });
});
