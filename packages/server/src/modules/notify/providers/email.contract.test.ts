import { describeProviderContract, CONTRACT_TIMEOUT_MS } from '../../../test-support/fake-vendors/provider-contract.js';
import { startFakeSmtp } from '../../../test-support/fake-vendors/fake-smtp.js';
import { smtpTransport } from '../../../app/wiring/notify.js';
import { createEmailProvider } from './email.provider.js';

describeProviderContract('SMTP email', async () => {
  const smtp = await startFakeSmtp();
  return {
    providerWithin: (timeoutMs) =>
      createEmailProvider(
        { from: 'Tocsin <pager@tocsin.test>' },
        smtpTransport(smtp.url, CONTRACT_TIMEOUT_MS),
        timeoutMs,
      ),
    address: 'alice@example.com',
    delivered: () =>
      smtp.mails.map((m) => ({
        to: m.to[0]!,
        content: `${m.subject}\n${m.text}\n${m.html}`,
        idempotencyKey: m.headers.get('x-tocsin-idempotency-key') as string | undefined,
        providerMessageId: m.messageId ? `<${m.messageId.replace(/^<|>$/g, '')}>` : undefined,
      })),
    failNext: (message) => smtp.failNext(1, 550, message),
    hangNext: () => smtp.hangNext(1),
    close: () => smtp.close(),
  };
});
