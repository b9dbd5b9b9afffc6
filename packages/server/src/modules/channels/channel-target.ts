/**
 * What a chat channel's target may be, per type: a Slack channel id, or an
 * https URL for Teams and generic webhooks (plain http only on the loopback
 * host, so tests can run a local receiver). Pure, so it is tested by table.
 */
export type ChannelType = 'slack' | 'teams' | 'webhook';

const SLACK_CHANNEL_RE = /^[CGD][A-Z0-9]{6,20}$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Undefined when the target is acceptable for the type, else what is wrong with it. */
export function targetProblem(type: ChannelType, target: string): string | undefined {
  if (type === 'slack') {
    return SLACK_CHANNEL_RE.test(target)
      ? undefined
      : `"${target}" is not a Slack channel id: use the id (such as C0123ABC, from the channel's details in Slack), not its #name`;
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return `"${target}" is not a URL: a ${type} channel posts to an https:// URL`;
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return `${type} channels post to https:// URLs (plain http only to 127.0.0.1 or localhost, for tests): got "${url.protocol}//${url.host}"`;
}

/** How many closing characters of a secret URL are shown, to tell two channels apart. */
const SHOWN_TAIL = 4;

/**
 * The target as people without admin rights see it: webhook URLs carry their
 * secret in the path, so only the origin and the last few characters show.
 */
export function maskTarget(type: ChannelType, target: string): string {
  if (type === 'slack') return target;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return '…';
  }
  const rest = target.slice(url.origin.length);
  // A short path has too little secret to spare any of it.
  return rest.length > SHOWN_TAIL * 4 ? `${url.origin}/…${rest.slice(-SHOWN_TAIL)}` : `${url.origin}/…`;
}
