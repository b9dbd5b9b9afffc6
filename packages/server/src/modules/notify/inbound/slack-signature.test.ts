import { describe, expect, it } from 'vitest';
import { checkSlackSignature, slackSignature } from './slack-signature.js';

// The example from Slack's "Verifying requests from Slack" documentation.
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = '1531420618';
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const EXPECTED = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const AT = new Date(Number(TIMESTAMP) * 1000 + 30_000);

describe('Slack signatures', () => {
  it('match the documented example', () => {
    expect(slackSignature(SECRET, TIMESTAMP, BODY)).toBe(EXPECTED);
    expect(checkSlackSignature(SECRET, { signature: EXPECTED, timestamp: TIMESTAMP }, BODY, AT)).toEqual({ ok: true });
  });

  it.each([
    ['no signature', { signature: undefined, timestamp: TIMESTAMP }, BODY, AT, /required/],
    ['a changed body', { signature: EXPECTED, timestamp: TIMESTAMP }, `${BODY}&x=1`, AT, /does not match/],
    [
      'another timestamp',
      { signature: EXPECTED, timestamp: String(Number(TIMESTAMP) + 1) },
      BODY,
      AT,
      /does not match/,
    ],
    [
      'a stale request',
      { signature: EXPECTED, timestamp: TIMESTAMP },
      BODY,
      new Date(Number(TIMESTAMP) * 1000 + 301_000),
      /five minutes/,
    ],
    ['a timestamp that is not a number', { signature: EXPECTED, timestamp: 'yesterday' }, BODY, AT, /Unix time/],
  ])('refuse %s', (_name, headers, body, now, reason) => {
    const result = checkSlackSignature(SECRET, headers, body, now);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
