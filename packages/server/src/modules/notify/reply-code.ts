/**
 * SMS reply codes. Each page by SMS carries a small number, unique among the
 * open incidents paged to that phone; the reply is the action digit followed
 * by it, the same digits as the voice menu: "4" + code acknowledges, "6" +
 * code resolves ("41", "4 1", "ack 1", "resolve 1" all work).
 */
import type { IncidentAction } from './notify.types.js';

export const MAX_REPLY_CODE = 999;

export interface ParsedReply {
  action: IncidentAction;
  code: string;
}

const DIGITS = /^([46])[\s-]*(\d{1,3})$/;
const WORDS = /^(ack|acknowledge|a|res|resolve|r|close|c)[\s-]*(\d{1,3})$/;

export function parseReply(body: string): ParsedReply | undefined {
  const text = body
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
  const digits = DIGITS.exec(text);
  if (digits) return { action: digits[1] === '4' ? 'acknowledge' : 'resolve', code: String(Number(digits[2])) };
  const words = WORDS.exec(text);
  if (words)
    return {
      action: ['ack', 'acknowledge', 'a'].includes(words[1]!) ? 'acknowledge' : 'resolve',
      code: String(Number(words[2])),
    };
  return undefined;
}

/** The smallest code from 1 not already in use, or undefined when all are taken. */
export function nextFreeCode(used: Iterable<string>): string | undefined {
  const taken = new Set(used);
  for (let code = 1; code <= MAX_REPLY_CODE; code++) if (!taken.has(String(code))) return String(code);
  return undefined;
}

export const replyHint = (code: string): string => `Reply 4${code} to acknowledge, 6${code} to resolve.`;
