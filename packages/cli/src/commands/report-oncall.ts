/**
 * `tocsin report --oncall [--team …] [--from …] [--to …]`: on-call health
 * (docs/analytics.md): interruptions per person in business, off and sleep
 * hours of their own zone, nights and weekend days on call, the noisiest
 * alerts.
 */
import type { TocsinClient } from '@tocsin/sdk';
import { call } from './api-client.js';
import { io } from './cli-io.js';
import { teamIdOf } from './incident-refs.js';
import { printJson, printTable, when } from './output.js';

export async function printOnCallHealth(
  client: TocsinClient,
  options: { team?: string; from?: string; to?: string; json?: boolean },
): Promise<void> {
  const query = {
    ...(options.team && { teamId: await teamIdOf(client, options.team) }),
    ...(options.from && { from: options.from }),
    ...(options.to && { to: options.to }),
  };
  const health = await call(client.GET('/api/v1/analytics/oncall', { params: { query } }));
  if (options.json) return printJson(health);
  io.out(`On-call health, ${when(health.from)} to ${when(health.to)} (hours in each person's own zone)\n\n`);
  printTable(
    ['PERSON', 'ZONE', 'INTERRUPTIONS', 'BUSINESS', 'OFF', 'SLEEP', 'NIGHTS', 'WEEKEND DAYS', 'HOURS ON CALL'],
    health.people.map((p) => [
      p.name,
      p.timeZone,
      String(p.interruptions.total),
      String(p.interruptions.business),
      String(p.interruptions.off),
      String(p.interruptions.sleep),
      String(p.nightsOnCall),
      String(p.weekendDaysOnCall),
      String(p.hoursOnCall),
    ]),
    'Nobody was paged or on call.',
  );
  io.out('\n');
  printTable(
    ['MOST TRIGGERED', 'SERVICE', 'OPENED', 'TRIGGERS', 'AUTO-RESOLVED'],
    health.mostTriggered.map((a) => [
      a.summary,
      a.serviceName,
      String(a.alerts),
      String(a.triggers),
      String(a.autoResolved),
    ]),
    'No alerts.',
  );
}
