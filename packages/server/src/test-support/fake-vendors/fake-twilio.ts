/**
 * A local server that speaks Twilio's REST API as documented, for tests:
 * Messages.json and Calls.json under /2010-04-01/Accounts/{sid}, HTTP basic
 * auth checked, Twilio's error JSON ({code, message, more_info, status}),
 * every message and call recorded. It also plays Twilio's side of the
 * callbacks: status callbacks, inbound SMS, fetching a call's TwiML and
 * pressing a key, each signed with X-Twilio-Signature (HMAC-SHA1 of the URL
 * plus sorted parameters, keyed by the auth token) over the URL Twilio was
 * given, while `deliverTo` maps that public URL to where the test server
 * really listens, as a reverse proxy would.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { json, postForm, startFakeServer, type FakeRequest, type FakeResponse } from './http-server.js';

export interface FakeTwilioMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string | undefined;
  /** When the request reached the fake (wall clock, ms): "handed to the provider". */
  receivedAtMs: number;
}

export interface FakeTwilioCall {
  sid: string;
  to: string;
  from: string;
  url: string | undefined;
  twiml: string | undefined;
  statusCallback: string | undefined;
}

export interface FakeTwilioOptions {
  accountSid?: string;
  authToken?: string;
  /** Maps a public callback URL to the address the test server listens on. */
  deliverTo?: (url: string) => string;
}

const E164 = /^\+[1-9]\d{6,14}$/;

export function signTwilio(authToken: string, url: string, params: Record<string, string>): string {
  const data =
    url +
    Object.keys(params)
      .sort()
      .map((k) => k + params[k])
      .join('');
  return createHmac('sha1', authToken).update(data).digest('base64');
}

const twilioError = (status: number, code: number, message: string): FakeResponse =>
  json(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

export async function startFakeTwilio(options: FakeTwilioOptions = {}) {
  const accountSid = options.accountSid ?? `AC${randomBytes(16).toString('hex')}`;
  const authToken = options.authToken ?? randomBytes(16).toString('hex');
  const deliverTo = options.deliverTo ?? ((url: string) => url);
  const messages: FakeTwilioMessage[] = [];
  const calls: FakeTwilioCall[] = [];
  const failures: Array<{ status: number; code: number; message: string }> = [];
  let hangs = 0;
  let requests = 0;

  const handle = (req: FakeRequest): FakeResponse | 'hang' => {
    requests++;
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/(Messages|Calls)\.json$/.exec(req.path);
    if (!match || req.method !== 'POST') return twilioError(404, 20404, 'The requested resource was not found');
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected || match[1] !== accountSid)
      return twilioError(401, 20003, 'Authenticate');
    if (hangs > 0) {
      hangs--;
      return 'hang';
    }
    const failure = failures.shift();
    if (failure) return twilioError(failure.status, failure.code, failure.message);
    const form = new URLSearchParams(req.body);
    const to = form.get('To') ?? '';
    const from = form.get('From') ?? '';
    if (!E164.test(to)) return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!from) return twilioError(400, 21603, "A 'From' phone number is required.");
    const statusCallback = form.get('StatusCallback') ?? undefined;
    if (match[2] === 'Messages') {
      const body = form.get('Body') ?? '';
      if (!body) return twilioError(400, 21602, 'Message body is required.');
      const sid = `SM${randomBytes(16).toString('hex')}`;
      messages.push({ sid, to, from, body, statusCallback, receivedAtMs: Date.now() });
      return json(201, {
        sid,
        account_sid: accountSid,
        to,
        from,
        body,
        status: 'queued',
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
      });
    }
    const url = form.get('Url') ?? undefined;
    const twiml = form.get('Twiml') ?? undefined;
    if (!url && !twiml) return twilioError(400, 21205, 'Url or Twiml is required.');
    const sid = `CA${randomBytes(16).toString('hex')}`;
    calls.push({ sid, to, from, url, twiml, statusCallback });
    return json(201, { sid, account_sid: accountSid, to, from, status: 'queued', direction: 'outbound-api' });
  };

  const server = await startFakeServer(handle);

  /** POSTs a signed form to a public URL, the way Twilio calls back. */
  const callback = (publicUrl: string, params: Record<string, string>) =>
    postForm(deliverTo(publicUrl), params, { 'x-twilio-signature': signTwilio(authToken, publicUrl, params) });

  return {
    url: server.url,
    accountSid,
    authToken,
    messages,
    calls,
    /** How many API requests arrived (including refused ones). */
    requestCount: () => requests,
    /** The next `times` API calls fail with this Twilio error. */
    failNext(times: number, error: { status?: number; code?: number; message?: string } = {}) {
      for (let i = 0; i < times; i++)
        failures.push({
          status: error.status ?? 400,
          code: error.code ?? 21610,
          message: error.message ?? 'Attempt to send to unsubscribed recipient',
        });
    },
    /** The next `times` API calls never answer. */
    hangNext(times = 1) {
      hangs += times;
    },
    /** Twilio reporting a message's or call's status to its StatusCallback. */
    postStatus(sid: string, status: string, extra: Record<string, string> = {}) {
      const message = messages.find((m) => m.sid === sid);
      const call = calls.find((c) => c.sid === sid);
      const target = message?.statusCallback ?? call?.statusCallback;
      if (!target) throw new Error(`No status callback for ${sid}`);
      const params = message
        ? {
            AccountSid: accountSid,
            MessageSid: sid,
            SmsSid: sid,
            MessageStatus: status,
            SmsStatus: status,
            To: message.to,
            From: message.from,
            ...extra,
          }
        : {
            AccountSid: accountSid,
            CallSid: sid,
            CallStatus: status,
            To: call!.to,
            From: call!.from,
            Direction: 'outbound-api',
            ...extra,
          };
      return callback(target, params);
    },
    /** Someone texting the Tocsin number; `url` is the SMS webhook configured in Twilio. */
    sendInboundSms(url: string, from: string, body: string, to = '+15005550006', signWith?: string) {
      const params = {
        AccountSid: accountSid,
        MessageSid: `SM${randomBytes(16).toString('hex')}`,
        From: from,
        To: to,
        Body: body,
        NumMedia: '0',
      };
      const signature = signTwilio(signWith ?? authToken, url, params);
      return postForm(deliverTo(url), params, { 'x-twilio-signature': signature });
    },
    /** Twilio fetching the TwiML of a call once it is answered. */
    answerCall(sid: string) {
      const call = calls.find((c) => c.sid === sid);
      if (!call?.url) throw new Error(`Call ${sid} has no Url`);
      return callback(call.url, {
        AccountSid: accountSid,
        CallSid: sid,
        CallStatus: 'in-progress',
        To: call.to,
        From: call.from,
        Direction: 'outbound-api',
      });
    },
    /** The callee pressing keys at a <Gather> whose action is `actionUrl`. */
    pressKeys(sid: string, actionUrl: string, digits: string) {
      const call = calls.find((c) => c.sid === sid);
      if (!call) throw new Error(`No call ${sid}`);
      return callback(actionUrl, {
        AccountSid: accountSid,
        CallSid: sid,
        CallStatus: 'in-progress',
        To: call.to,
        From: call.from,
        Digits: digits,
      });
    },
    close: () => server.close(),
  };
}

export type FakeTwilio = Awaited<ReturnType<typeof startFakeTwilio>>;
