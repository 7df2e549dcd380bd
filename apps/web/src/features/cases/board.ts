import {
  CASE_STAGE_IDS,
  PROJECT_STATUS_IDS,
  TECHNOLOGY_IDS,
  type CaseStage,
  type CaseSummary,
  type ProjectStatus,
  type Technology,
} from '@technopolice/shared';

/** The ids of the cases of each column, in board order. */
export type Columns = Record<CaseStage, string[]>;

/** Board order within a column: position, then the oldest first. */
export function byPosition(a: CaseSummary, b: CaseSummary): number {
  return a.position - b.position || a.createdAt.localeCompare(b.createdAt);
}

/** Cases grouped by stage, each column in board order. */
export function columnsOf(items: readonly CaseSummary[]): Columns {
  const grouped = Object.fromEntries(
    CASE_STAGE_IDS.map((stage) => [stage, [] as CaseSummary[]]),
  ) as Record<CaseStage, CaseSummary[]>;
  for (const item of items) grouped[item.stage].push(item);
  return Object.fromEntries(
    CASE_STAGE_IDS.map((stage) => [stage, grouped[stage].sort(byPosition).map((item) => item.id)]),
  ) as Columns;
}

/** The column holding a case id (or the column itself when `id` names a stage). */
export function columnOf(columns: Columns, id: string): CaseStage | undefined {
  if ((CASE_STAGE_IDS as readonly string[]).includes(id)) return id as CaseStage;
  return CASE_STAGE_IDS.find((stage) => columns[stage].includes(id));
}

/**
 * The position to send for a case put at `index` of `ids` (which already holds it there): the
 * midpoint of its neighbours, or one step beyond the only neighbour.
 */
export function positionAt(
  ids: readonly string[],
  index: number,
  positionOf: (id: string) => number | undefined,
): number {
  const before = index > 0 ? positionOf(ids[index - 1] ?? '') : undefined;
  const after = index < ids.length - 1 ? positionOf(ids[index + 1] ?? '') : undefined;
  if (before !== undefined && after !== undefined) return (before + after) / 2;
  if (before !== undefined) return before + 1;
  if (after !== undefined) return after - 1;
  return 0;
}

/** How many cases each technology and each project status has among `items`. */
export function facetCounts(items: readonly CaseSummary[]): {
  technologies: Record<Technology, number>;
  projectStatuses: Record<ProjectStatus, number>;
} {
  const technologies = Object.fromEntries(TECHNOLOGY_IDS.map((id) => [id, 0])) as Record<
    Technology,
    number
  >;
  const projectStatuses = Object.fromEntries(PROJECT_STATUS_IDS.map((id) => [id, 0])) as Record<
    ProjectStatus,
    number
  >;
  for (const item of items) {
    for (const technology of new Set(item.technologies)) technologies[technology] += 1;
    projectStatuses[item.projectStatus] += 1;
  }
  return { technologies, projectStatuses };
}
