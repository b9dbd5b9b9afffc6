/**
 * The tokens in subscription links. Both are HMACs with the status-page-links
 * key, so a mail can carry them without the database keeping them: only
 * their SHA-256 is stored, and the lookup is by that hash (as API tokens are).
 * The confirmation token also signs the instant it was asked for, so asking
 * again makes the previous link useless; the unsubscribe token is stable, so
 * every mail's link keeps working.
 */
import { createHmac } from 'node:crypto';
import { hashSecret } from '../../lib/ids.js';

const mac = (key: string, text: string) => createHmac('sha256', key).update(text).digest('base64url');

export const confirmToken = (key: string, subscriberId: string, requestedAt: Date): string =>
  mac(key, `confirm:${subscriberId}:${requestedAt.getTime()}`);

export const unsubscribeToken = (key: string, subscriberId: string): string => mac(key, `unsubscribe:${subscriberId}`);

export const tokenHash = (token: string): string => hashSecret(token);

/** The public addresses of the two links (outside /status/<slug>/, which is served from memory). */
export const confirmUrl = (publicUrl: string, token: string): string =>
  `${publicUrl}/status-subscriptions/confirm?token=${encodeURIComponent(token)}`;
export const unsubscribeUrl = (publicUrl: string, token: string): string =>
  `${publicUrl}/status-subscriptions/unsubscribe?token=${encodeURIComponent(token)}`;
