import { startFakeSlack } from '../../../test-support/fake-vendors/fake-slack.js';
import { describeProviderContract } from '../../../test-support/fake-vendors/provider-contract.js';
import { createSlackProvider } from './slack.provider.js';

describeProviderContract('Slack', async () => {
  const slack = await startFakeSlack();
  return {
    providerWithin: (timeoutMs) => createSlackProvider({ botToken: slack.botToken, baseUrl: slack.apiUrl }, timeoutMs),
    address: 'U012AB3CD',
    delivered: () =>
      slack.posts.map((p) => ({
        // Slack delivers a DM to a user id in the bot's DM channel with them.
        to: p.channel.replace(/^D/, 'U'),
        content: `${p.text}\n${JSON.stringify(p.blocks)}`,
        idempotencyKey: p.metadata?.event_payload?.idempotency_key as string | undefined,
        providerMessageId: `${p.channel}:${p.ts}`,
      })),
    failNext: (message) => slack.failNext(1, message),
    hangNext: () => slack.hangNext(1),
    close: () => slack.close(),
  };
});
