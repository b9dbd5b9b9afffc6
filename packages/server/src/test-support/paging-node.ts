/**
 * A whole Tocsin server process for the multi-node paging test: the real app
 * with every module wired, a fake clock the test moves over stdin
 * ("advance <ms>" → "advanced <iso>"), and Twilio pointed at the test's fake.
 * Run with `node --import tsx paging-node.ts`.
 */
import { createInterface } from 'node:readline';
import { createTocsin } from '../app/app.js';
import { FakeClock } from '../lib/clock.js';
import { silentLogger } from '../lib/logger.js';
import { testConfig } from './app.js';

const env = process.env;
const clock = new FakeClock(env.CLOCK_START!);
const app = await createTocsin(
  {
    ...testConfig({
      runEngine: true,
      publicUrl: 'https://tocsin.test',
      providers: {
        email: undefined,
        inboundSmtp: undefined,
        slack: undefined,
        twilio: {
          accountSid: env.TWILIO_SID!,
          authToken: env.TWILIO_TOKEN!,
          fromNumber: '+15005550006',
          baseUrl: env.TWILIO_URL!,
        },
      },
    }),
    databaseUrl: env.DATABASE_URL!,
  },
  {
    clock,
    logger: silentLogger,
    nodeId: env.NODE_ID!,
    engineConcurrency: 4,
    enginePollIntervalMs: 200,
    maxConnections: 8,
  },
);
const url = await app.start();
process.stdout.write(`ready ${url}\n`);
createInterface({ input: process.stdin }).on('line', (line) => {
  const match = /^advance (\d+)$/.exec(line.trim());
  if (match) process.stdout.write(`advanced ${clock.advance(Number(match[1])).toISOString()}\n`);
});
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
