import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export interface HeatmapProps {
  /** Column labels (buildings) and row labels (floors, bottom first). */
  columns: string[];
  rows: string[];
  /** [column index, row index, count]. */
  cells: [number, number, number][];
  height?: number;
  ariaLabel: string;
}

/** Counts on a grid (repairs by building and floor): where the trouble gathers, at a glance. */
export default function Heatmap({ columns, rows, cells, height = 320, ariaLabel }: HeatmapProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = init(ref.current, undefined, { renderer: 'canvas' });
    const max = Math.max(1, ...cells.map((c) => c[2]));
    chart.setOption({
      animation: false,
      tooltip: { position: 'top' },
      grid: { left: 8, right: 16, top: 8, bottom: 48, containLabel: true },
      xAxis: { type: 'category', data: columns, splitArea: { show: true } },
      yAxis: { type: 'category', data: rows, splitArea: { show: true } },
      visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f6ffed', '#ffe58f', '#ff7a45', '#a8071a'] } },
      series: [{ type: 'heatmap', data: cells, label: { show: true } }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [columns, rows, cells]);
  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
}
