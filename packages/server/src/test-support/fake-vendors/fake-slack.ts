/**
 * A local server that speaks Slack's Web API as documented, for tests:
 * chat.postMessage and chat.update with the bot token checked (200 with
 * {"ok":false,"error":"invalid_auth"} otherwise), Slack's error codes, every
 * call recorded. It also takes incoming webhooks (POST /services/<T>/<B>/<secret>
 * with JSON text or blocks; "ok", or Slack's 400 invalid_payload / no_text). It also plays Slack's side of interactivity: a button click
 * becomes a block_actions payload, form-encoded as `payload`, signed with
 * the signing secret (v0), and POSTed to Tocsin; replies to the click's
 * response_url are recorded here.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { json, postForm, startFakeServer, type FakeRequest, type FakeResponse } from './http-server.js';

export interface FakeSlackPost {
  channel: string;
  ts: string;
  text: string;
  blocks: Array<Record<string, unknown>>;
  metadata: { event_type?: string; event_payload?: Record<string, unknown> } | undefined;
}

export function signSlack(signingSecret: string, timestamp: string, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function startFakeSlack(options: { botToken?: string; signingSecret?: string } = {}) {
  const botToken = options.botToken ?? `xoxb-${randomBytes(8).toString('hex')}`;
  const signingSecret = options.signingSecret ?? randomBytes(16).toString('hex');
  const posts: FakeSlackPost[] = [];
  const updates: Array<{ channel: string; ts: string; text: string; blocks: Array<Record<string, unknown>> }> = [];
  const responses: Array<Record<string, unknown>> = [];
  /** What incoming webhooks received: the path and the JSON body. */
  const hooks: Array<{ path: string; text: string; blocks: Array<Record<string, unknown>> }> = [];
  const failures: string[] = [];
  let hangs = 0;
  let seq = 0;

  const handle = (req: FakeRequest): FakeResponse | 'hang' => {
    if (req.path.startsWith('/response/')) {
      responses.push(JSON.parse(req.body || '{}') as Record<string, unknown>);
      return { status: 200, body: 'ok' };
    }
    if (req.path.startsWith('/services/')) {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(req.body) as Record<string, unknown>;
      } catch {
        return { status: 400, body: 'invalid_payload' };
      }
      if (!body.text && !body.blocks) return { status: 400, body: 'no_text' };
      hooks.push({
        path: req.path,
        text: String(body.text ?? ''),
        blocks: (body.blocks as Array<Record<string, unknown>>) ?? [],
      });
      return { status: 200, body: 'ok' };
    }
    const method = /^\/api\/(chat\.postMessage|chat\.update)$/.exec(req.path)?.[1];
    if (!method) return json(200, { ok: false, error: 'unknown_method' });
    if (req.headers.authorization !== `Bearer ${botToken}`) return json(200, { ok: false, error: 'invalid_auth' });
    if (hangs > 0) {
      hangs--;
      return 'hang';
    }
    const failure = failures.shift();
    if (failure) return json(200, { ok: false, error: failure });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return json(200, { ok: false, error: 'invalid_json' });
    }
    const channel = body.channel;
    if (typeof channel !== 'string' || !/^[CDGUW][A-Z0-9]{6,}$/.test(channel))
      return json(200, { ok: false, error: 'channel_not_found' });
    if (!body.text && !body.blocks) return json(200, { ok: false, error: 'no_text' });
    // A DM to a user id is delivered in the bot's DM channel with them.
    const resolved = channel.startsWith('U') || channel.startsWith('W') ? `D${channel.slice(1)}` : channel;
    if (method === 'chat.update') {
      const ts = String(body.ts);
      if (!posts.some((p) => p.channel === resolved && p.ts === ts))
        return json(200, { ok: false, error: 'message_not_found' });
      updates.push({
        channel: resolved,
        ts,
        text: String(body.text ?? ''),
        blocks: (body.blocks as Array<Record<string, unknown>>) ?? [],
      });
      return json(200, { ok: true, channel: resolved, ts, text: body.text });
    }
    const ts = `${1767600000 + ++seq}.${String(seq).padStart(6, '0')}`;
    posts.push({
      channel: resolved,
      ts,
      text: String(body.text ?? ''),
      blocks: (body.blocks as Array<Record<string, unknown>>) ?? [],
      metadata: body.metadata as FakeSlackPost['metadata'],
    });
    return json(200, { ok: true, channel: resolved, ts, message: { text: body.text, ts } });
  };

  const server = await startFakeServer(handle);

  return {
    /** The Web API base URL (what TOCSIN_SLACK_BASE_URL points at). */
    apiUrl: `${server.url}/api`,
    /** An incoming-webhook URL of this fake (Slack's shape). */
    incomingWebhookUrl: `${server.url}/services/T0000001/B0000001/${randomBytes(12).toString('hex')}`,
    hooks,
    botToken,
    signingSecret,
    posts,
    updates,
    /** What Tocsin sent to response_url after clicks. */
    responses,
    failNext(times: number, error = 'channel_not_found') {
      for (let i = 0; i < times; i++) failures.push(error);
    },
    hangNext(times = 1) {
      hangs += times;
    },
    /**
     * A person clicking a button on a posted message: Slack POSTs the signed
     * block_actions payload to the app's interactivity URL.
     */
    async clickButton(input: {
      url: string;
      userId: string;
      post: FakeSlackPost;
      actionId: string;
      /** Unix seconds to sign with (Tocsin checks it against its clock). */
      timestamp: number;
      signWith?: string;
    }) {
      const actions = input.post.blocks.flatMap((b) =>
        b.type === 'actions' ? (b.elements as Array<Record<string, unknown>>) : [],
      );
      const button = actions.find((a) => a.action_id === input.actionId);
      if (!button) throw new Error(`No button ${input.actionId} on message ${input.post.ts}`);
      const payload = {
        type: 'block_actions',
        user: { id: input.userId, username: 'someone', team_id: 'T0000001' },
        api_app_id: 'A0000001',
        team: { id: 'T0000001', domain: 'example' },
        container: { type: 'message', message_ts: input.post.ts, channel_id: input.post.channel, is_ephemeral: false },
        channel: { id: input.post.channel, name: 'incidents' },
        message: { ts: input.post.ts, text: input.post.text, blocks: input.post.blocks },
        response_url: `${server.url}/response/${randomBytes(6).toString('hex')}`,
        trigger_id: `${Date.now()}.trigger`,
        actions: [{ ...button, block_id: 'tocsin_incident_actions', action_ts: `${input.timestamp}.000100` }],
      };
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      const timestamp = String(input.timestamp);
      return postForm(
        input.url,
        { payload: JSON.stringify(payload) },
        {
          'x-slack-request-timestamp': timestamp,
          'x-slack-signature': signSlack(input.signWith ?? signingSecret, timestamp, body),
        },
      );
    },
    close: () => server.close(),
  };
}

export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;
