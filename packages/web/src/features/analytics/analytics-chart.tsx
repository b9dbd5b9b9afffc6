/**
 * A bar chart of mean time to acknowledge and to resolve per group, in
 * minutes (Chart.js, pinned in package.json: only the pieces a bar chart
 * needs are registered). Clicking a bar drills down into that group.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import type { GroupFigures } from './analytics.types';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const minutes = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10);

interface AnalyticsChartProps {
  groups: readonly GroupFigures[];
  onPick: (group: GroupFigures) => void;
}

export function AnalyticsChart({ groups, onPick }: AnalyticsChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!canvas.current) return;
    const config: ChartConfiguration<'bar', Array<number | null>, string> = {
      type: 'bar',
      data: {
        labels: groups.map((g) => g.label),
        datasets: [
          { label: 'MTTA (min)', data: groups.map((g) => minutes(g.tta.mean)), backgroundColor: '#2563eb' },
          { label: 'MTTR (min)', data: groups.map((g) => minutes(g.ttr.mean)), backgroundColor: '#f59e0b' },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, title: { display: true, text: 'minutes' } } },
        onClick: (_event, elements) => {
          const index = elements[0]?.index;
          if (index !== undefined && groups[index]) pick.current(groups[index]);
        },
      },
    };
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [groups]);

  return (
    <div className="analytics-chart">
      <canvas ref={canvas} role="img" aria-label="Mean time to acknowledge and to resolve per group, in minutes" />
    </div>
  );
}
