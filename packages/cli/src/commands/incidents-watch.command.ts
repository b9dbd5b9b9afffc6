/**
 * `tocsin incidents watch`: a line for each incident change as it happens,
 * from the live stream's JSON answer (GET /api/v1/live, ADR 19), asked every
 * couple of seconds from the cursor it gave last, so nothing is missed
 * between two asks. `--since` resumes from a cursor printed by `--json`.
 */
import type { Command } from 'commander';
import { call, connect } from './api-client.js';
import { io } from './cli-io.js';
import { incidentRef } from './incident-refs.js';

interface WatchOptions {
  incident?: string;
  since?: string;
  every: string;
  count?: string;
  json?: boolean;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function registerWatchCommand(incidents: Command): void {
  incidents
    .command('watch')
    .description('Print each incident change as it happens (Ctrl-C stops); private incidents only if you may see them')
    .option('--incident <incident>', 'only this incident (number or id)')
    .option('--since <cursor>', 'start from this cursor (a "cursor" printed with --json) instead of now')
    .option('--every <seconds>', 'how often to ask the server', '2')
    .option('--count <n>', 'stop after this many changes')
    .option('--json', 'one JSON object per change, with the cursor to resume from')
    .action(async (options: WatchOptions, command: Command) => {
      const { client } = connect(command);
      const every = Number(options.every);
      if (!(every >= 0.2 && every <= 3600)) throw new Error('--every must be between 0.2 and 3600 seconds.');
      const limit = options.count === undefined ? Infinity : Number(options.count);
      if (!(limit >= 1)) throw new Error('--count must be a positive number.');
      const incidentId = options.incident ? incidentRef(options.incident) : undefined;
      const ask = (since: string | undefined) =>
        call(
          client.GET('/api/v1/live', {
            params: { query: { ...(since && { since }), ...(incidentId && { incidentId }) } },
          }),
        );
      // Without --since: from now (the first answer's cursor), not the hour kept.
      let cursor = options.since ?? (await ask(undefined)).cursor;
      let told = 0;
      if (!options.json)
        io.err(`Watching ${options.incident ? `incident ${options.incident}` : 'incidents'}: Ctrl-C stops.\n`);
      while (told < limit) {
        const batch = await ask(cursor);
        cursor = batch.cursor;
        if (batch.reset) {
          io.out(
            options.json
              ? `${JSON.stringify({ reset: true, cursor })}\n`
              : 'Some changes were missed (more than the server keeps): run `tocsin incidents list`.\n',
          );
        }
        for (const change of batch.changes) {
          if (told >= limit) break;
          told += 1;
          const detail = await call(
            client.GET('/api/v1/incidents/{id}', { params: { path: { id: change.incidentId } } }),
          );
          if (options.json) {
            io.out(
              `${JSON.stringify({ cursor, incidentId: change.incidentId, number: detail.number, parts: change.parts })}\n`,
            );
            continue;
          }
          const response = detail.response ? `  ${detail.response.severity} ${detail.response.stage}` : '';
          const time = new Date().toTimeString().slice(0, 8);
          io.out(
            `${time}  #${detail.number}  ${detail.status}${response}  ${detail.title}  (${change.parts.join(', ')})\n`,
          );
        }
        if (told < limit) await pause(every * 1000);
      }
    });
}
