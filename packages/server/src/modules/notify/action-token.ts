/**
 * Signed action links: "acknowledge incident X as user Y", carried in an
 * email or webhook and good until it expires. Nothing is stored, so any node
 * can check a token with the shared secret. The token is compact binary so
 * links stay short (and fit a URL path segment): base64url of
 *   version (1) | notification id (16) | incident id (16) | user id (16) | action (1) | expiry, Unix seconds (4)
 * then "." and base64url of the first 16 bytes of HMAC-SHA256 over that text.
 */
import { createHmac } from 'node:crypto';
import { isUuid, safeEqual } from '../../lib/ids.js';
import type { IncidentAction } from './notify.types.js';

/** How long a link in a message keeps working. */
export const ACTION_LINK_TTL_HOURS = 72;

export interface ActionClaims {
  notificationId: string;
  incidentId: string;
  userId: string;
  action: IncidentAction;
  expiresAt: Date;
}

const VERSION = 1;
const BODY_BYTES = 1 + 16 * 3 + 1 + 4;
const ACTIONS: IncidentAction[] = ['acknowledge', 'resolve'];

const sign = (key: string, body: string): string =>
  createHmac('sha256', key).update(body).digest().subarray(0, 16).toString('base64url');

const uuidBytes = (id: string): Buffer => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidText = (bytes: Buffer): string => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export function signActionToken(key: string, claims: ActionClaims): string {
  for (const id of [claims.notificationId, claims.incidentId, claims.userId])
    if (!isUuid(id)) throw new Error(`Action tokens carry UUIDs only (got "${id}")`);
  const bytes = Buffer.alloc(BODY_BYTES);
  bytes.writeUInt8(VERSION, 0);
  uuidBytes(claims.notificationId).copy(bytes, 1);
  uuidBytes(claims.incidentId).copy(bytes, 17);
  uuidBytes(claims.userId).copy(bytes, 33);
  bytes.writeUInt8(ACTIONS.indexOf(claims.action), 49);
  bytes.writeUInt32BE(Math.floor(claims.expiresAt.getTime() / 1000), 50);
  const body = bytes.toString('base64url');
  return `${body}.${sign(key, body)}`;
}

export type ActionTokenCheck =
  | { ok: true; claims: ActionClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired'; claims?: ActionClaims };

/** Checks the signature first, then expiry against `now` (the injected clock). */
export function verifyActionToken(key: string, token: string, now: Date): ActionTokenCheck {
  const match = /^([A-Za-z0-9_-]{72})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, body, signature] = match as unknown as [string, string, string];
  if (!safeEqual(sign(key, body), signature)) return { ok: false, reason: 'bad_signature' };
  const bytes = Buffer.from(body, 'base64url');
  const action = ACTIONS[bytes.readUInt8(49)];
  if (bytes.length !== BODY_BYTES || bytes.readUInt8(0) !== VERSION || !action)
    return { ok: false, reason: 'malformed' };
  const claims: ActionClaims = {
    notificationId: uuidText(bytes.subarray(1, 17)),
    incidentId: uuidText(bytes.subarray(17, 33)),
    userId: uuidText(bytes.subarray(33, 49)),
    action,
    expiresAt: new Date(bytes.readUInt32BE(50) * 1000),
  };
  if (claims.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired', claims };
  return { ok: true, claims };
}
