'use client';

import { createContext, useContext, type KeyboardEvent } from 'react';
import type { BarShapeProps } from 'recharts';
import { formatCount } from '@/components/format';
import { CHART_COLORS } from './chart-colors';
import type { HistogramBar } from './histogram-bars';

/** What every bar of one histogram needs beside its geometry. */
export type HistogramBarContextValue = {
  name: string;
  bars: readonly HistogramBar[];
  selectedIndex: number;
  /** The one bar reachable with Tab (roving tab index). */
  tabStopIndex: number;
  focusedIndex: number | null;
  onSelect: (bar: HistogramBar) => void;
  onKeyDown: (event: KeyboardEvent, index: number) => void;
  onFocusChange: (index: number | null) => void;
};

export const HistogramBarContext = createContext<HistogramBarContextValue | null>(null);

export const barAriaLabel = (bar: HistogramBar) => `${bar.label}: ${formatCount(bar.count)} trace${bar.count === 1 ? '' : 's'}`;

/**
 * A bar as a button: a transparent full-height hit area (small bars stay easy to click), the bar
 * itself, and a focus outline. A stable component reading context, so Recharts re-renders on
 * hover do not replace the element between mouse down and up.
 */
export function HistogramBarShape(props: BarShapeProps) {
  const context = useContext(HistogramBarContext);
  const bar = context?.bars[props.index];
  if (!context || !bar) return <g />;
  const column = {
    x: props.background?.x ?? props.x,
    y: props.background?.y ?? 0,
    width: props.background?.width ?? props.width,
    height: props.background?.height ?? props.y + props.height,
  };
  const isSelected = props.index === context.selectedIndex;
  const fill = isSelected ? CHART_COLORS.selected : bar.kind === 'bucket' ? CHART_COLORS.bar : CHART_COLORS.outOfRange;
  const height = bar.count === 0 ? 0 : Math.max(props.height, 1);
  return (
    <g
      role="button"
      tabIndex={props.index === context.tabStopIndex ? 0 : -1}
      aria-label={barAriaLabel(bar)}
      aria-pressed={isSelected}
      data-bar-index={props.index}
      data-testid={`bar-${context.name}-${bar.key}`}
      className="cursor-pointer outline-none"
      onClick={() => context.onSelect(bar)}
      onKeyDown={(event) => context.onKeyDown(event, props.index)}
      onFocus={() => context.onFocusChange(props.index)}
      onBlur={() => context.onFocusChange(null)}
    >
      <rect x={column.x} y={column.y} width={column.width} height={column.height} fill="transparent" />
      <rect x={props.x} y={props.y + props.height - height} width={Math.max(props.width, 1)} height={height} fill={fill} />
      {context.focusedIndex === props.index && (
        <rect x={column.x - 1} y={column.y} width={column.width + 2} height={column.height} fill="none" stroke={CHART_COLORS.focus} strokeWidth={2} />
      )}
    </g>
  );
}
