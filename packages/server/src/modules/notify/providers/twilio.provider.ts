/**
 * SMS and voice through Twilio's REST API (or any server speaking it): form-
 * encoded POSTs to Messages.json and Calls.json under the account, with HTTP
 * basic auth (account SID and auth token). Twilio has no idempotency field,
 * so the key travels in the StatusCallback URL, which Twilio stores and
 * echoes on every status callback; Tocsin finds the notification by it.
 */
import type { NotificationProvider, OutboundMessage, SendResult } from '../notify.types.js';
import { spellDigits, twimlSay } from '../twiml.js';
import { fetchWithTimeout, ProviderError } from './provider-error.js';

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  fromNumber: string;
  baseUrl: string;
}

interface TwilioError {
  code?: number;
  message?: string;
  status?: number;
}

async function createResource(
  settings: TwilioSettings,
  resource: 'Messages' | 'Calls',
  form: Record<string, string | undefined>,
  timeoutMs: number,
): Promise<SendResult> {
  const url = `${settings.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/${resource}.json`;
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) if (value !== undefined) body.set(name, value);
  const what = resource === 'Messages' ? 'Twilio (SMS)' : 'Twilio (voice)';
  const response = await fetchWithTimeout(
    'twilio',
    what,
    url,
    {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body,
    },
    timeoutMs,
  );
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: reported below with the status
  }
  if (!response.ok) {
    const error = json as TwilioError;
    const message = error.message ?? (text.slice(0, 200) || response.statusText);
    throw new ProviderError(
      'twilio',
      error.code ? `${message} (Twilio error ${error.code})` : `${message} (HTTP ${response.status})`,
      {
        status: response.status,
        ...(error.code !== undefined && { vendorCode: error.code }),
      },
    );
  }
  if (typeof json.sid !== 'string')
    throw new ProviderError('twilio', `${what} answered ${response.status} without a sid`);
  return { providerMessageId: json.sid };
}

function statusCallback(message: OutboundMessage, idempotencyKey: string): string | undefined {
  if (!message.statusCallbackUrl) return undefined;
  const url = new URL(message.statusCallbackUrl);
  url.searchParams.set('key', idempotencyKey);
  return url.toString();
}

export function createTwilioSmsProvider(settings: TwilioSettings, timeoutMs: number): NotificationProvider {
  return {
    type: 'sms',
    send: (message, idempotencyKey) =>
      createResource(
        settings,
        'Messages',
        {
          To: message.to,
          From: settings.fromNumber,
          Body: message.shortText,
          StatusCallback: statusCallback(message, idempotencyKey),
        },
        timeoutMs,
      ),
  };
}

/** Speech for messages without a TwiML endpoint (tests, verification codes): said twice. */
export function inlineTwiml(message: OutboundMessage): string {
  const spoken = message.verificationCode
    ? `Your Tocsin verification code is ${spellDigits(message.verificationCode)}.`
    : message.shortText;
  return twimlSay(`${spoken} Again: ${spoken} Goodbye.`);
}

export function createTwilioVoiceProvider(settings: TwilioSettings, timeoutMs: number): NotificationProvider {
  return {
    type: 'voice',
    send: (message, idempotencyKey) =>
      createResource(
        settings,
        'Calls',
        {
          To: message.to,
          From: settings.fromNumber,
          ...(message.voiceUrl ? { Url: message.voiceUrl, Method: 'POST' } : { Twiml: inlineTwiml(message) }),
          StatusCallback: statusCallback(message, idempotencyKey),
          StatusCallbackMethod: message.statusCallbackUrl ? 'POST' : undefined,
        },
        timeoutMs,
      ),
  };
}
