import { describe, expect, it } from 'vitest';
import { componentUptime, formatUptime } from './uptime.js';

const at = (iso: string) => new Date(iso);
const component = { id: 'c1', createdAt: at('2026-12-04T23:00:00Z') }; // 5 Dec 00:00 in Paris
const zone = 'Europe/Paris';

describe('componentUptime', () => {
  it('weighs each day in the page time zone, split at local midnight', () => {
    const result = componentUptime(
      component,
      {
        today: '2026-12-06',
        history: [
          { componentId: 'c1', status: 'operational', at: at('2026-12-04T23:00:00Z') },
          // 23:00 to 01:00 Paris: an hour on each side of midnight
          { componentId: 'c1', status: 'service_disruption', at: at('2026-12-05T22:00:00Z') },
          { componentId: 'c1', status: 'partial_service_disruption', at: at('2026-12-06T00:00:00Z') },
          // 2 hours partial (01:00 to 03:00 Paris), then degraded for the rest of the day
          { componentId: 'c1', status: 'degraded_performance', at: at('2026-12-06T02:00:00Z') },
          { componentId: 'c2', status: 'service_disruption', at: at('2026-12-05T00:00:00Z') },
        ],
        incidents: [
          {
            id: 'i1',
            title: 'API down',
            createdAt: at('2026-12-05T22:00:00Z'),
            resolvedAt: at('2026-12-06T02:00:00Z'),
            componentIds: ['c1'],
          },
          { id: 'i2', title: 'Other', createdAt: at('2026-12-05T10:00:00Z'), resolvedAt: null, componentIds: ['c2'] },
        ],
      },
      zone,
      3,
    );
    expect(result.days.map((d) => d.date)).toEqual(['2026-12-04', '2026-12-05', '2026-12-06']);
    // 4 Dec: before the component existed.
    expect(result.days[0]).toEqual({ date: '2026-12-04', uptime: null, worst: null, incidents: [] });
    // 5 Dec: 1 hour of Service Disruption out of 24: 23/24.
    expect(result.days[1]!.uptime).toBeCloseTo(23 / 24, 12);
    expect(result.days[1]!.worst).toBe('service_disruption');
    expect(result.days[1]!.incidents).toEqual([{ id: 'i1', title: 'API down' }]);
    // 6 Dec: 1 hour down + 2 hours at 30 % = 1.6 hours out of 24; degraded counts as up.
    expect(result.days[2]!.uptime).toBeCloseTo(1 - 1.6 / 24, 12);
    expect(result.days[2]!.incidents).toEqual([{ id: 'i1', title: 'API down' }]);
    // Overall: 2.6 hours out of 48.
    expect(result.uptime).toBeCloseTo(1 - 2.6 / 48, 12);
    expect(formatUptime(result.uptime!)).toBe('94.58 %');
  });

  it('counts the days of a daylight saving change as 23 and 25 hours', () => {
    const result = componentUptime(
      { id: 'c1', createdAt: at('2026-01-01T00:00:00Z') },
      {
        today: '2026-03-29', // Paris: 23 hours long
        history: [
          { componentId: 'c1', status: 'operational', at: at('2026-01-01T00:00:00Z') },
          { componentId: 'c1', status: 'service_disruption', at: at('2026-03-29T10:00:00Z') },
          { componentId: 'c1', status: 'operational', at: at('2026-03-29T12:30:00Z') },
        ],
        incidents: [],
      },
      zone,
      1,
    );
    expect(result.days[0]!.uptime).toBeCloseTo(1 - 2.5 / 23, 12);
  });

  it('formats rounding down so that any downtime shows under 100', () => {
    expect(formatUptime(1)).toBe('100.00 %');
    expect(formatUptime(0.99999)).toBe('99.99 %');
    expect(formatUptime(0.5)).toBe('50.00 %');
  });
});
