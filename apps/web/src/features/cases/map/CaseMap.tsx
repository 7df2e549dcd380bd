import {
  FRANCE_DEPARTMENT_PATHS,
  FRANCE_MAP_INSETS,
  FRANCE_MAP_VIEWBOX,
  projectToMap,
} from '@technopolice/shared/map';
import { CASE_STAGE_IDS, CASE_STAGES, type CaseSummary } from '@technopolice/shared';
import { X } from 'lucide-react';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLabel } from '../../../i18n';
import { casePath, cityLabel } from '../components/CaseCard';
import { type Cluster, clusterPoints, type MapItem } from './cluster';

/** Markers closer than this many screen pixels merge into one bubble. */
const CLUSTER_PIXELS = 26;
/** Width of the viewBox, in its own units. */
const VIEW_WIDTH = Number(FRANCE_MAP_VIEWBOX.split(/\s+/)[2] ?? 1000);
const VIEW_HEIGHT = Number(FRANCE_MAP_VIEWBOX.split(/\s+/)[3] ?? 1000);

/** How many viewBox units one screen pixel is worth, following the map's width. */
function useUnitsPerPixel(ref: React.RefObject<SVGSVGElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const measure = () => setWidth(element.getBoundingClientRect().width);
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  // Before the first measure (and in tests without layout): a typical 640 px wide map.
  return VIEW_WIDTH / (width > 0 ? width : 640);
}

interface Tip {
  x: number;
  y: number;
  title: string;
  subtitle: string;
}

const percent = (value: number, total: number) => `${(value / total) * 100}%`;

/**
 * The cases on a map of France drawn offline (department outlines in SVG, Lambert-93): one
 * marker per case at its commune, coloured by stage; markers close on screen become a bubble
 * with a count that lists its cases. Markers and bubbles are reachable with Tab.
 */
export default function CaseMap({ items }: { items: readonly CaseSummary[] }) {
  const { t } = useTranslation();
  const label = useLabel();
  const navigate = useNavigate();
  const svgRef = useRef<SVGSVGElement>(null);
  const unitsPerPixel = useUnitsPerPixel(svgRef);
  const [tip, setTip] = useState<Tip | null>(null);
  const [openKey, setOpenKey] = useState<string | null>(null);

  const { points, offMap } = useMemo(() => {
    const placed: MapItem<CaseSummary>[] = [];
    let outside = 0;
    for (const item of items) {
      const point = projectToMap(item.city.lat, item.city.lng);
      if (point) placed.push({ x: point.x, y: point.y, value: item });
      else outside += 1;
    }
    return { points: placed, offMap: outside };
  }, [items]);

  const clusters = useMemo(
    () => clusterPoints(points, CLUSTER_PIXELS * unitsPerPixel, (item) => item.id),
    [points, unitsPerPixel],
  );
  const departments = useMemo(
    () => new Set(items.map((item) => item.city.departmentCode)),
    [items],
  );
  const open = clusters.find((cluster) => cluster.key === openKey) ?? null;
  const radius = 7 * unitsPerPixel;

  function showTip(cluster: Cluster<CaseSummary>) {
    const first = cluster.items[0]?.value;
    if (!first) return;
    if (cluster.items.length === 1) {
      setTip({ x: cluster.x, y: cluster.y, title: first.title, subtitle: cityLabel(first.city) });
      return;
    }
    const cities = [...new Set(cluster.items.map((item) => item.value.city.name))];
    setTip({
      x: cluster.x,
      y: cluster.y,
      title: t('board.map.cluster', { count: cluster.items.length }),
      subtitle: cities.slice(0, 3).join(', ') + (cities.length > 3 ? '…' : ''),
    });
  }

  function onClusterKey(event: KeyboardEvent<SVGGElement>, cluster: Cluster<CaseSummary>) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      setOpenKey(cluster.key);
    }
  }

  return (
    <div className="case-map">
      <div className="case-map__frame">
        <svg
          ref={svgRef}
          className="case-map__svg"
          viewBox={FRANCE_MAP_VIEWBOX}
          aria-labelledby="case-map-title"
          role="group"
        >
          <title id="case-map-title">{t('board.map.title', { count: items.length })}</title>
          <g aria-hidden="true">
            {Object.entries(FRANCE_MAP_INSETS).map(([code, [x, y, w, h]]) => (
              <rect
                key={code}
                className="case-map__inset"
                x={x}
                y={y}
                width={w}
                height={h}
                rx={6}
              />
            ))}
            {Object.entries(FRANCE_DEPARTMENT_PATHS).map(([code, d]) => (
              <path
                key={code}
                d={d}
                className="case-map__department"
                data-active={departments.has(code) || undefined}
              />
            ))}
          </g>
          <g>
            {clusters.map((cluster) => {
              const only = cluster.items.length === 1 ? cluster.items[0]?.value : undefined;
              if (only) {
                return (
                  <a
                    key={cluster.key}
                    href={casePath(only.id)}
                    className="case-map__marker"
                    data-stage={only.stage}
                    aria-label={t('board.map.marker', {
                      title: only.title,
                      city: cityLabel(only.city),
                      stage: label(CASE_STAGES[only.stage]),
                    })}
                    onClick={(event) => {
                      event.preventDefault();
                      void navigate(casePath(only.id));
                    }}
                    onMouseEnter={() => showTip(cluster)}
                    onMouseLeave={() => setTip(null)}
                    onFocus={() => showTip(cluster)}
                    onBlur={() => setTip(null)}
                  >
                    <circle cx={cluster.x} cy={cluster.y} r={radius} />
                  </a>
                );
              }
              const size = radius * (1.5 + Math.min(cluster.items.length, 30) / 30);
              return (
                <g
                  key={cluster.key}
                  className="case-map__cluster"
                  role="button"
                  tabIndex={0}
                  aria-haspopup="dialog"
                  aria-expanded={openKey === cluster.key}
                  aria-label={t('board.map.clusterLabel', {
                    count: cluster.items.length,
                    cities: [...new Set(cluster.items.map((item) => item.value.city.name))].join(
                      ', ',
                    ),
                  })}
                  onClick={() => setOpenKey(cluster.key)}
                  onKeyDown={(event) => onClusterKey(event, cluster)}
                  onMouseEnter={() => showTip(cluster)}
                  onMouseLeave={() => setTip(null)}
                  onFocus={() => showTip(cluster)}
                  onBlur={() => setTip(null)}
                >
                  <circle cx={cluster.x} cy={cluster.y} r={size} />
                  <text
                    x={cluster.x}
                    y={cluster.y}
                    dy="0.35em"
                    textAnchor="middle"
                    fontSize={11 * unitsPerPixel}
                    aria-hidden="true"
                  >
                    {cluster.items.length}
                  </text>
                </g>
              );
            })}
          </g>
        </svg>
        {tip && !open ? (
          <div
            className="case-map__tip"
            role="tooltip"
            style={{ left: percent(tip.x, VIEW_WIDTH), top: percent(tip.y, VIEW_HEIGHT) }}
          >
            <strong>{tip.title}</strong>
            <span>{tip.subtitle}</span>
          </div>
        ) : null}
        {open ? (
          <ClusterPopover
            cluster={open}
            onClose={() => setOpenKey(null)}
            style={{ left: percent(open.x, VIEW_WIDTH), top: percent(open.y, VIEW_HEIGHT) }}
          />
        ) : null}
      </div>
      <aside className="case-map__side">
        <h2 className="case-map__legend-title">{t('board.map.legend')}</h2>
        <ul className="case-map__legend">
          {CASE_STAGE_IDS.map((stage) => (
            <li key={stage}>
              <span className="stage-dot" data-tone={stage} aria-hidden="true" />
              {label(CASE_STAGES[stage])}
              <span className="facet-count">
                {items.filter((item) => item.stage === stage).length}
              </span>
            </li>
          ))}
          <li>
            <span className="case-map__legend-cluster" aria-hidden="true">
              3
            </span>
            {t('board.map.legendCluster')}
          </li>
        </ul>
        {offMap > 0 ? (
          <p className="case-map__off">{t('board.map.offMap', { count: offMap })}</p>
        ) : null}
        <p className="case-map__credits">{t('board.map.credits')}</p>
      </aside>
    </div>
  );
}

function ClusterPopover({
  cluster,
  onClose,
  style,
}: {
  cluster: Cluster<CaseSummary>;
  onClose: () => void;
  style: React.CSSProperties;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const active = document.activeElement;
    const opener = active instanceof HTMLElement || active instanceof SVGElement ? active : null;
    const popover = ref.current;
    (
      popover?.querySelector<HTMLElement>('a') ?? popover?.querySelector<HTMLElement>('button')
    )?.focus();
    function onPointerDown(event: PointerEvent) {
      if (!ref.current?.contains(event.target as Node)) onCloseRef.current();
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const sorted = [...cluster.items].sort((a, b) => a.value.title.localeCompare(b.value.title));
  return (
    <div
      ref={ref}
      className="case-map__popover"
      role="dialog"
      aria-label={t('board.map.cluster', { count: cluster.items.length })}
      style={style}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="case-map__popover-head">
        <strong>{t('board.map.cluster', { count: cluster.items.length })}</strong>
        <button
          type="button"
          className="icon-button icon-button--small"
          onClick={onClose}
          aria-label={t('board.dialog.close')}
        >
          <X size={16} aria-hidden="true" />
        </button>
      </div>
      <ul className="case-map__popover-list">
        {sorted.map(({ value }) => (
          <li key={value.id}>
            <span className="stage-dot" data-tone={value.stage} aria-hidden="true" />
            <Link to={casePath(value.id)}>{value.title}</Link>
            <span className="case-map__popover-city">{cityLabel(value.city)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
