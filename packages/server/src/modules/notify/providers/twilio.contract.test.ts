import { startFakeTwilio } from '../../../test-support/fake-vendors/fake-twilio.js';
import { describeProviderContract } from '../../../test-support/fake-vendors/provider-contract.js';
import { createTwilioSmsProvider, createTwilioVoiceProvider } from './twilio.provider.js';

const keyOf = (callback: string | undefined) =>
  callback ? (new URL(callback).searchParams.get('key') ?? undefined) : undefined;

describeProviderContract('Twilio SMS', async () => {
  const twilio = await startFakeTwilio();
  const settings = {
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    fromNumber: '+15005550006',
    baseUrl: twilio.url,
  };
  return {
    providerWithin: (timeoutMs) => createTwilioSmsProvider(settings, timeoutMs),
    address: '+447700900123',
    delivered: () =>
      twilio.messages.map((m) => ({
        to: m.to,
        content: m.body,
        idempotencyKey: keyOf(m.statusCallback),
        providerMessageId: m.sid,
      })),
    failNext: (message) => twilio.failNext(1, { status: 400, code: 21610, message }),
    hangNext: () => twilio.hangNext(1),
    close: () => twilio.close(),
  };
});

describeProviderContract('Twilio voice', async () => {
  const twilio = await startFakeTwilio();
  const settings = {
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    fromNumber: '+15005550006',
    baseUrl: twilio.url,
  };
  return {
    providerWithin: (timeoutMs) => createTwilioVoiceProvider(settings, timeoutMs),
    address: '+447700900123',
    // Without a TwiML URL the call speaks the message inline.
    delivered: () =>
      twilio.calls.map((c) => ({
        to: c.to,
        content: c.twiml ?? c.url ?? '',
        idempotencyKey: keyOf(c.statusCallback),
        providerMessageId: c.sid,
      })),
    failNext: (message) => twilio.failNext(1, { status: 400, code: 13224, message }),
    hangNext: () => twilio.hangNext(1),
    close: () => twilio.close(),
  };
});
