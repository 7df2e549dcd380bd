import type { Case, CaseEvent, Task } from '@technopolice/shared';
import { GROUP_ID, HIBOU_ID, ME_ID, RENARD_ID } from '../../test/fixtures';

/** A case shaped like `GET /api/cases/:caseId` answers, for the case page's tests. */

export const CASE_ID = 'c0000000-0000-4000-8000-000000000001';
export const TASK_CADA = 'f0000000-0000-4000-8000-000000000001';
export const TASK_COUNCIL = 'f0000000-0000-4000-8000-000000000002';
export const TASK_DONE = 'f0000000-0000-4000-8000-000000000003';

const HOUR = 3600 * 1000;
export const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

/** The local calendar day `days` from today, `YYYY-MM-DD`. */
export function dayFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function aTask(overrides: Partial<Task> & Pick<Task, 'id' | 'title'>): Task {
  return { assignee: null, dueDate: null, done: false, ...overrides };
}

export function aCase(overrides: Partial<Case> = {}): Case {
  return {
    id: CASE_ID,
    groupId: GROUP_ID,
    slug: 'vsa-marseille',
    title: 'Vidéosurveillance algorithmique à Marseille',
    stage: 'investigating',
    position: 1,
    projectStatus: 'experiment',
    city: {
      code: '13055',
      name: 'Marseille',
      departmentCode: '13',
      departmentName: 'Bouches-du-Rhône',
      lat: 43.2965,
      lng: 5.3698,
    },
    technologies: ['algorithmic-video-surveillance', 'drones'],
    tags: ['jo-2024', 'cada'],
    budgetEuros: 1250000,
    assignees: [{ id: ME_ID, displayName: 'Camille' }],
    openTasks: 2,
    version: 3,
    seq: 3,
    createdAt: '2025-03-14T10:00:00.000Z',
    updatedAt: hoursAgo(2),
    description: 'Caméras « intelligentes » installées sur le Vieux-Port.',
    budgetSource: 'Délibération du conseil municipal du 12 mars 2025',
    actors: [
      {
        id: 'a1000000-0000-4000-8000-000000000001',
        name: 'Thales',
        kind: 'vendor',
        role: 'Fournisseur des caméras',
      },
      {
        id: 'a1000000-0000-4000-8000-000000000002',
        name: 'Ville de Marseille',
        kind: 'public-body',
        role: 'Maître d’ouvrage',
      },
    ],
    timeline: [
      {
        id: 'e1000000-0000-4000-8000-000000000002',
        date: '2025-06-01',
        title: 'Mise en service des premières caméras',
        documentId: null,
      },
      {
        id: 'e1000000-0000-4000-8000-000000000001',
        date: '2025-03-12',
        title: 'Vote du conseil municipal',
        documentId: null,
      },
    ],
    tasks: [
      aTask({
        id: TASK_CADA,
        title: 'Demande CADA à la mairie',
        assignee: { id: ME_ID, displayName: 'Camille' },
        dueDate: dayFromToday(-3),
      }),
      aTask({
        id: TASK_COUNCIL,
        title: 'Assister au conseil municipal',
        assignee: { id: RENARD_ID, displayName: 'Renard' },
        dueDate: dayFromToday(10),
      }),
      aTask({
        id: TASK_DONE,
        title: 'Photographier les caméras du Vieux-Port',
        assignee: { id: HIBOU_ID, displayName: 'Hibou' },
        done: true,
      }),
    ],
    createdBy: { id: ME_ID, displayName: 'Camille' },
    ...overrides,
  };
}

export function anEvent(
  seq: number,
  type: string,
  payload: Record<string, unknown>,
  actor: CaseEvent['actor'] = { id: ME_ID, displayName: 'Camille' },
  createdAt = hoursAgo(2),
): CaseEvent {
  return { seq, type, payload, actor, createdAt };
}
