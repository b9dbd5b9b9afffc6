/**
 * Vendors calling Tocsin back: Twilio status callbacks, SMS replies, the
 * TwiML of a page by phone and its keypress, and Slack button clicks. Public
 * routes: each authenticates by the vendor's signature (X-Twilio-Signature
 * over Tocsin's public URL and the form parameters; Slack's v0 signature over
 * the raw body and a fresh timestamp). A bad signature is a 403 and changes
 * nothing. They are vendor contracts, not Tocsin's API, so they stay out of
 * the OpenAPI document.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../lib/errors.js';
import type { Source } from '../../lib/source.js';
import {
  checkSlackRequest,
  checkTwilioRequest,
  findUserBySlackId,
  recordTwilioStatus,
  resolveReplyCode,
  SLACK_ACTION_IDS,
  TWILIO_STATUS_PATH,
  TWILIO_VOICE_PATH,
  twimlMessage,
  twimlSay,
  voiceKeypress,
  voiceMenu,
  type IncidentAction,
  type NotifyDeps,
} from '../../modules/notify/index.js';
import type { HttpDeps } from '../context.js';
import { actAs, withFormBodies } from './notify-actions.routes.js';

export const TWILIO_SMS_PATH = '/api/v1/providers/twilio/sms';
export const SLACK_INTERACTIONS_PATH = '/api/v1/providers/slack/interactions';

type Params = Record<string, string | string[]>;

function formParams(body: unknown): Params {
  const params: Params = {};
  for (const [name, value] of new URLSearchParams(typeof body === 'string' ? body : '')) {
    const existing = params[name];
    params[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return params;
}

const one = (params: Params, name: string): string | undefined => {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
};

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const xml = (reply: FastifyReply, body: string) =>
  reply.status(200).header('content-type', 'text/xml; charset=utf-8').send(body);

const DONE: Record<IncidentAction, string> = { acknowledge: 'acknowledged', resolve: 'resolved' };

export function registerNotifyProviderRoutes(app: FastifyInstance, http: HttpDeps, deps: NotifyDeps): Promise<void> {
  /** The form parameters of a request Twilio really sent; throws 403 otherwise. */
  const twilioParams = (request: FastifyRequest): Params => {
    const params = formParams(request.body);
    if (!checkTwilioRequest(deps, request.url, params, header(request, 'x-twilio-signature'))) {
      throw new AppError(
        'forbidden',
        'X-Twilio-Signature does not match this request: it must come from Twilio, signed with the configured auth token for this public URL',
      );
    }
    return params;
  };

  const act = async (
    request: FastifyRequest,
    source: Source,
    userId: string,
    incidentId: string,
    action: IncidentAction,
  ): Promise<string> => {
    try {
      const incident = await actAs(http, userId, incidentId, action, source, request.id);
      return `Incident #${incident.number} ${DONE[action]}: ${incident.title}`;
    } catch (error) {
      if (!isAppError(error)) throw error;
      return `Tocsin could not ${action} it: ${error.message}`;
    }
  };

  return withFormBodies(app, (r) => {
    const route = { config: { public: true }, schema: { hide: true } } as const;

    r.post(TWILIO_STATUS_PATH, {
      ...route,
      handler: async (request, reply) => {
        const params = twilioParams(request);
        const query = request.query as Record<string, string | undefined>;
        const callSid = one(params, 'CallSid');
        const sid = callSid ?? one(params, 'MessageSid') ?? '';
        const status = (callSid ? one(params, 'CallStatus') : one(params, 'MessageStatus')) ?? '';
        await recordTwilioStatus(http.db, http.clock, {
          key: query.key,
          sid,
          status,
          kind: callSid ? 'voice' : 'sms',
          errorCode: one(params, 'ErrorCode'),
        });
        return reply.status(204).send();
      },
    });

    r.post(TWILIO_SMS_PATH, {
      ...route,
      handler: async (request, reply) => {
        const params = twilioParams(request);
        const from = one(params, 'From') ?? '';
        const resolved = await resolveReplyCode(http.db, { from, body: one(params, 'Body') ?? '' });
        if (!resolved.ok) {
          return xml(
            reply,
            twimlMessage(
              resolved.reason === 'unparsed'
                ? 'Tocsin did not understand that. Reply 4 then the code to acknowledge (e.g. 41), or 6 then the code to resolve (e.g. 61).'
                : 'Tocsin has no open page with that code for this number. Check the code in the message you are answering.',
            ),
          );
        }
        return xml(
          reply,
          twimlMessage(await act(request, 'sms_reply', resolved.userId, resolved.incidentId, resolved.action)),
        );
      },
    });

    r.post(TWILIO_VOICE_PATH, {
      ...route,
      handler: async (request, reply) => {
        twilioParams(request);
        const notificationId = (request.query as Record<string, string | undefined>).n ?? '';
        return xml(reply, await voiceMenu(http.db, deps, notificationId));
      },
    });

    r.post(`${TWILIO_VOICE_PATH}/gather`, {
      ...route,
      handler: async (request, reply) => {
        const params = twilioParams(request);
        const notificationId = (request.query as Record<string, string | undefined>).n ?? '';
        const pressed = await voiceKeypress(http.db, deps, notificationId, one(params, 'Digits') ?? '');
        if (!pressed.ok) return xml(reply, pressed.twiml);
        return xml(
          reply,
          twimlSay(`${await act(request, 'voice', pressed.userId, pressed.incidentId, pressed.action)}. Goodbye.`),
        );
      },
    });

    r.post(SLACK_INTERACTIONS_PATH, {
      ...route,
      handler: async (request, reply) => {
        const raw = typeof request.body === 'string' ? request.body : '';
        const check = checkSlackRequest(
          deps,
          { signature: header(request, 'x-slack-signature'), timestamp: header(request, 'x-slack-request-timestamp') },
          raw,
          http.clock.now(),
        );
        if (!check.ok) throw new AppError('forbidden', `This request is not from Slack: ${check.reason}`);
        let payload: {
          type?: string;
          user?: { id?: string };
          response_url?: string;
          actions?: Array<{ action_id?: string; value?: string }>;
        };
        try {
          payload = JSON.parse(one(formParams(raw), 'payload') ?? '') as typeof payload;
        } catch {
          throw new AppError('bad_request', 'The body must carry a JSON "payload" field, as Slack sends it');
        }
        const action = payload.actions?.[0];
        const verb =
          action?.action_id === SLACK_ACTION_IDS.acknowledge
            ? 'acknowledge'
            : action?.action_id === SLACK_ACTION_IDS.resolve
              ? 'resolve'
              : undefined;
        if (payload.type !== 'block_actions' || !verb || !action?.value) return reply.status(200).send();
        const userId = payload.user?.id ? await findUserBySlackId(http.db, payload.user.id) : undefined;
        const text = userId
          ? await act(request, 'slack', userId, action.value, verb)
          : 'Your Slack account is not linked to a Tocsin user: add your Slack member ID as a contact method in Tocsin (Profile → Contact methods) and verify it.';
        if (payload.response_url) {
          await fetch(payload.response_url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
            signal: AbortSignal.timeout(2_500),
          }).catch((error: unknown) => request.log.warn({ err: error }, 'could not answer Slack through response_url'));
        }
        return reply.status(200).send();
      },
    });
  });
}
