import {
  type Announcements,
  type CollisionDetection,
  closestCorners,
  DndContext,
  type DragEndEvent,
  type DragOverEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  type ScreenReaderInstructions,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import {
  CASE_STAGE_IDS,
  CASE_STAGES,
  stageMoveProblem,
  type CaseStage,
  type CaseSummary,
  type StageMoveProblem,
} from '@technopolice/shared';
import { Lock } from 'lucide-react';
import { type MouseEvent, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../../i18n';
import { ApiError } from '../../../lib/api';
import { isStaleVersion, useUpdateCase } from '../../../lib/cases';
import { type Columns, columnOf, columnsOf, positionAt } from '../board';
import { CaseCardBody } from './CaseCard';
import { useNotify } from './Toasts';

/**
 * What the card is over: under the pointer first; else (keyboard, or a pointer between
 * columns) what the dragged card overlaps most; else the nearest corners.
 */
const collisionDetection: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  if (within.length > 0) return within;
  const overlapping = rectIntersection(args);
  return overlapping.length > 0 ? overlapping : closestCorners(args);
};

/** A drag starts after 6 px of movement, so that a click still opens the case. */
const POINTER_ACTIVATION = { distance: 6 };

/** Space picks up and drops, Escape cancels; Enter keeps following the card's link. */
const KEYBOARD_CODES = { start: ['Space'], cancel: ['Escape'], end: ['Space'] };

interface SortableCardProps {
  item: CaseSummary;
  onLinkClick: (event: MouseEvent<HTMLAnchorElement>) => void;
}

function SortableCard({ item, onLinkClick }: SortableCardProps) {
  const { t } = useTranslation();
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
  } = useSortable({
    id: item.id,
    data: { type: 'case' },
    attributes: { roleDescription: t('board.dnd.roleDescription') },
  });
  // The handle is a link: it keeps its own role, and "pressed" means nothing for a link.
  const handle: Partial<typeof attributes> = { ...attributes };
  delete handle.role;
  delete handle['aria-pressed'];
  return (
    <li
      ref={setNodeRef}
      className="case-card"
      data-case-id={item.id}
      data-dragging={isDragging || undefined}
      style={{ transform: CSS.Translate.toString(transform), transition }}
    >
      <CaseCardBody
        item={item}
        linkRef={setActivatorNodeRef}
        linkProps={{ ...handle, ...listeners, onClick: onLinkClick }}
      />
    </li>
  );
}

interface ColumnProps {
  stage: CaseStage;
  ids: readonly string[];
  byId: ReadonlyMap<string, CaseSummary>;
  /** While dragging: why this column refuses the card, or null when it takes it. */
  problem: StageMoveProblem | null | undefined;
  isOver: boolean;
  onLinkClick: (event: MouseEvent<HTMLAnchorElement>) => void;
}

function BoardColumn({ stage, ids, byId, problem, isOver, onLinkClick }: ColumnProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const { setNodeRef } = useDroppable({ id: stage, data: { type: 'column' } });
  const headingId = `board-column-${stage}`;
  const dropState = problem === undefined ? undefined : problem ? 'forbidden' : 'allowed';
  return (
    <section
      className="board-column"
      data-stage={stage}
      data-drop={dropState}
      data-over={isOver || undefined}
      aria-labelledby={headingId}
    >
      <header className="board-column__head">
        <span className="stage-dot" data-tone={stage} aria-hidden="true" />
        <h2 id={headingId} className="board-column__title">
          {label(CASE_STAGES[stage])}
        </h2>
        <span className="board-column__count">
          <span aria-hidden="true">{ids.length}</span>
          <span className="visually-hidden">{t('board.count', { count: ids.length })}</span>
        </span>
      </header>
      {problem ? (
        <p className="board-column__refusal">
          <Lock size={13} aria-hidden="true" />
          {t(`board.moveProblem.short.${problem}`)}
        </p>
      ) : null}
      <SortableContext id={stage} items={ids as string[]} strategy={verticalListSortingStrategy}>
        <ol ref={setNodeRef} className="board-column__cards">
          {ids.map((id) => {
            const item = byId.get(id);
            return item ? <SortableCard key={id} item={item} onLinkClick={onLinkClick} /> : null;
          })}
          {ids.length === 0 ? (
            <li className="board-column__empty" aria-hidden="true">
              {t('board.emptyColumn')}
            </li>
          ) : null}
        </ol>
      </SortableContext>
    </section>
  );
}

/** The columns shown after a drop, until the cache catches up (avoids a jump back). */
interface Pending {
  columns: Columns;
  basis: readonly CaseSummary[];
}

/**
 * The kanban: one column per stage, cards dragged with the mouse, a finger or the keyboard
 * (Space, arrows, Space). Moves the shared rules forbid are refused with an explanation; an
 * accepted move is shown at once and sent as `PATCH {stage, position, version}`.
 */
export function CaseBoard({ items }: { items: readonly CaseSummary[] }) {
  const { t } = useTranslation();
  const label = useLabel();
  const notify = useNotify();
  const updateCase = useUpdateCase();
  const byId = useMemo(() => new Map(items.map((item) => [item.id, item])), [items]);
  const serverColumns = useMemo(() => columnsOf(items), [items]);
  const [dragColumns, setDragColumns] = useState<Columns | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [overStage, setOverStage] = useState<CaseStage | null>(null);
  const suppressClickUntil = useRef(0);

  const columns =
    dragColumns ?? (pending && pending.basis === items ? pending.columns : serverColumns);
  const active = activeId ? byId.get(activeId) : undefined;
  const fromStage = active?.stage;

  // Announcements read the latest columns, not those of the render that created them.
  const columnsRef = useRef(columns);
  useLayoutEffect(() => {
    columnsRef.current = columns;
  });

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: POINTER_ACTIVATION }),
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
      keyboardCodes: KEYBOARD_CODES,
    }),
  );

  function stageName(stage: CaseStage) {
    return label(CASE_STAGES[stage]);
  }

  function titleOf(id: string | number) {
    return byId.get(String(id))?.title ?? '';
  }

  function describePlace(id: string, stage: CaseStage) {
    const ids = columnsRef.current[stage];
    const index = ids.indexOf(id);
    return t('board.dnd.place', {
      stage: stageName(stage),
      position: (index < 0 ? ids.length : index) + 1,
      total: Math.max(ids.length, index + 1),
    });
  }

  const announcements: Announcements = {
    onDragStart: ({ active: dragged }) => {
      const id = String(dragged.id);
      const stage = columnOf(columnsRef.current, id);
      return t('board.dnd.pickedUp', {
        title: titleOf(id),
        place: stage ? describePlace(id, stage) : '',
      });
    },
    onDragOver: ({ active: dragged, over }) => {
      const id = String(dragged.id);
      if (!over) return t('board.dnd.notOver', { title: titleOf(id) });
      const target = columnOf(columnsRef.current, String(over.id));
      const from = byId.get(id)?.stage;
      if (!target || !from) return undefined;
      const problem = stageMoveProblem(from, target);
      if (problem)
        return t('board.dnd.overForbidden', {
          stage: stageName(target),
          reason: t(`board.moveProblem.long.${problem}`),
        });
      return t('board.dnd.over', { title: titleOf(id), place: describePlace(id, target) });
    },
    onDragEnd: ({ active: dragged, over }) => {
      const id = String(dragged.id);
      const from = byId.get(id)?.stage;
      const target = over ? columnOf(columnsRef.current, String(over.id)) : undefined;
      if (!target || !from) return t('board.dnd.droppedNowhere', { title: titleOf(id) });
      const problem = stageMoveProblem(from, target);
      if (problem) return t(`board.moveProblem.long.${problem}`);
      return t('board.dnd.dropped', { title: titleOf(id), place: describePlace(id, target) });
    },
    onDragCancel: ({ active: dragged }) => {
      const id = String(dragged.id);
      const from = byId.get(id)?.stage;
      return t('board.dnd.cancelled', {
        title: titleOf(id),
        stage: from ? stageName(from) : '',
      });
    },
  };

  const screenReaderInstructions: ScreenReaderInstructions = {
    draggable: t('board.dnd.instructions'),
  };

  function reset() {
    setDragColumns(null);
    setActiveId(null);
    setOverStage(null);
    suppressClickUntil.current = Date.now() + 300;
  }

  function onDragStart({ active: dragged }: DragStartEvent) {
    setActiveId(String(dragged.id));
    setDragColumns(columnsOf(items));
    setPending(null);
  }

  function onDragOver({ active: dragged, over }: DragOverEvent) {
    const id = String(dragged.id);
    const overId = over ? String(over.id) : null;
    setOverStage(overId && dragColumns ? (columnOf(dragColumns, overId) ?? null) : null);
    if (!overId || !fromStage) return;
    setDragColumns((current) => {
      if (!current) return current;
      const from = columnOf(current, id);
      const to = columnOf(current, overId);
      if (!from || !to || from === to || stageMoveProblem(fromStage, to)) return current;
      const target = current[to];
      const overIndex = target.indexOf(overId);
      const index = overIndex >= 0 ? overIndex : target.length;
      return {
        ...current,
        [from]: current[from].filter((entry) => entry !== id),
        [to]: [...target.slice(0, index), id, ...target.slice(index)],
      };
    });
  }

  function onDragEnd({ active: dragged, over }: DragEndEvent) {
    const id = String(dragged.id);
    const item = byId.get(id);
    const current = dragColumns;
    reset();
    if (!item || !current || !over) return;
    const overId = String(over.id);
    const target = columnOf(current, overId);
    if (!target) return;
    const problem = stageMoveProblem(item.stage, target);
    if (problem) {
      notify({
        tone: 'warning',
        title: t('board.moveRefused', { stage: stageName(target) }),
        body: t(`board.moveProblem.long.${problem}`),
      });
      return;
    }
    const container = columnOf(current, id);
    if (!container) return;
    let ids = current[container];
    if (container === target) {
      const from = ids.indexOf(id);
      const to = ids.indexOf(overId);
      if (to >= 0 && from !== to) ids = arrayMove(ids, from, to);
    }
    const index = ids.indexOf(id);
    const before = serverColumns[item.stage];
    const unchanged =
      target === item.stage && before.indexOf(id) === index && before.length === ids.length;
    if (unchanged) return;
    const position = positionAt(ids, index, (other) => byId.get(other)?.position);
    setPending({ columns: { ...current, [container]: ids }, basis: items });
    updateCase.mutate(
      { caseId: id, patch: { stage: target, position, version: item.version } },
      {
        onError: (error) => {
          setPending(null);
          notify({
            tone: 'danger',
            title: isStaleVersion(error)
              ? t('board.moveStale', { title: item.title })
              : t('board.moveFailed', { title: item.title }),
            body: isStaleVersion(error)
              ? t('board.moveStaleBody')
              : error instanceof ApiError
                ? error.message
                : undefined,
          });
        },
      },
    );
  }

  function onDragCancel() {
    reset();
  }

  function onLinkClick(event: MouseEvent<HTMLAnchorElement>) {
    if (Date.now() < suppressClickUntil.current) event.preventDefault();
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={onDragCancel}
      accessibility={{ announcements, screenReaderInstructions }}
    >
      <div className="board" data-dragging={activeId ? true : undefined}>
        {CASE_STAGE_IDS.map((stage) => (
          <BoardColumn
            key={stage}
            stage={stage}
            ids={columns[stage]}
            byId={byId}
            problem={fromStage ? stageMoveProblem(fromStage, stage) : undefined}
            isOver={overStage === stage}
            onLinkClick={onLinkClick}
          />
        ))}
      </div>
      <DragOverlay dropAnimation={null}>
        {active ? (
          <div className="case-card case-card--overlay">
            <CaseCardBody item={active} overlay />
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}
