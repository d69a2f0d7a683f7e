import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([LineChart, BarChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export interface TrendLineProps {
  /** Category axis labels: months for a trend, estate names for a comparison. */
  categories: string[];
  /** One value per category; null where there is nothing to divide by (the line breaks there). */
  values: (number | null)[];
  name: string;
  unit: string;
  /** Drawn as a dashed line across the chart. */
  target: number | null;
  kind?: 'line' | 'bar';
  height?: number;
  ariaLabel: string;
  /** A bar clicked: its category's index (the comparison opens that estate). */
  onPick?: (index: number) => void;
}

/** One KPI over months (line) or across estates (bar), with its target, read at a glance. */
export default function TrendLine({ categories, values, name, unit, target, kind = 'line', height = 280, ariaLabel, onPick }: TrendLineProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = init(ref.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : `${v}${unit}`) },
      grid: { left: 8, right: 32, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 8 ? 30 : 0 } },
      yAxis: { type: 'value', axisLabel: { formatter: `{value}${unit}` }, scale: true },
      series: [
        {
          type: kind,
          name,
          data: values,
          connectNulls: false,
          label: { show: kind === 'bar' || categories.length <= 12, position: 'top', formatter: (p: { value: number | null }) => (p.value === null ? '' : String(p.value)) },
          markLine: target === null ? undefined : { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#fa8c16' }, data: [{ yAxis: target, name: 'target' }], label: { formatter: `${target}${unit}` } },
        },
      ],
    });
    if (onPick) chart.on('click', (p) => onPick(p.dataIndex));
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [categories, values, name, unit, target, kind, onPick]);
  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
}
