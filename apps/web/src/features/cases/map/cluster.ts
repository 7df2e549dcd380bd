/** A point to draw on the map, in viewBox units. */
export interface MapItem<T> {
  x: number;
  y: number;
  value: T;
}

/** Points close on screen, drawn as one bubble at their centre. */
export interface Cluster<T> {
  /** Stable key: the sorted ids of its members. */
  key: string;
  x: number;
  y: number;
  items: MapItem<T>[];
}

/**
 * Groups points that would be closer than `distance` (viewBox units: the pixel radius divided
 * by the current scale). Points are bucketed on a grid of that size; each joins the nearest
 * cluster found in its own or a neighbouring cell whose centre is within `distance`, else
 * starts its own. Deterministic for a given input order.
 */
export function clusterPoints<T>(
  items: readonly MapItem<T>[],
  distance: number,
  idOf: (value: T) => string,
): Cluster<T>[] {
  if (distance <= 0) {
    return items.map((item) => ({ key: idOf(item.value), x: item.x, y: item.y, items: [item] }));
  }
  interface Building {
    sumX: number;
    sumY: number;
    items: MapItem<T>[];
    x: number;
    y: number;
  }
  const grid = new Map<string, Building[]>();
  const all: Building[] = [];
  const cellOf = (value: number) => Math.floor(value / distance);
  const limit = distance * distance;

  for (const item of items) {
    const cx = cellOf(item.x);
    const cy = cellOf(item.y);
    let best: Building | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let dx = -1; dx <= 1; dx += 1) {
      for (let dy = -1; dy <= 1; dy += 1) {
        for (const candidate of grid.get(`${cx + dx}:${cy + dy}`) ?? []) {
          const d = (candidate.x - item.x) ** 2 + (candidate.y - item.y) ** 2;
          if (d <= limit && d < bestDistance) {
            best = candidate;
            bestDistance = d;
          }
        }
      }
    }
    if (best) {
      best.items.push(item);
      best.sumX += item.x;
      best.sumY += item.y;
      // The centre moves, the cell it was filed under does not: good enough at this scale.
      best.x = best.sumX / best.items.length;
      best.y = best.sumY / best.items.length;
      continue;
    }
    const created: Building = { sumX: item.x, sumY: item.y, items: [item], x: item.x, y: item.y };
    all.push(created);
    const key = `${cx}:${cy}`;
    grid.set(key, [...(grid.get(key) ?? []), created]);
  }

  return all.map((cluster) => ({
    key: cluster.items
      .map((item) => idOf(item.value))
      .sort()
      .join(','),
    x: cluster.x,
    y: cluster.y,
    items: cluster.items,
  }));
}
