import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the pieces a bar chart needs, so the screens that draw one load ~1/3 of ECharts.
use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface StackedBarProps {
  /** Category axis labels (e.g. case kinds). */
  categories: string[];
  /** One stacked series per group (e.g. status), values aligned with `categories`. */
  series: { name: string; values: number[] }[];
  height?: number;
  ariaLabel: string;
}

/** A horizontal stacked bar chart: counts per category, split by group, read at a glance. */
export default function StackedBar({ categories, series, height = 260, ariaLabel }: StackedBarProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = init(ref.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: categories, inverse: true },
      series: series.map((s) => ({ type: 'bar', name: s.name, stack: 'total', data: s.values, label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') } })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [categories, series]);
  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
}
