/**
 * TwiML, the XML Twilio runs for a call or answers to an SMS: the few verbs
 * Tocsin uses (Say, Gather, Message, Hangup), escaped. Pure.
 */

const escapeXml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

const document = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;

/** An SMS reply. */
export const twimlMessage = (text: string): string => document(`<Message>${escapeXml(text)}</Message>`);

/** An empty answer: nothing to say back. */
export const twimlEmpty = (): string => document('');

/** Speaks, then hangs up. */
export const twimlSay = (text: string): string => document(`<Say>${escapeXml(text)}</Say><Hangup/>`);

/** Speaks a menu and waits for one key; Twilio posts the key to `actionUrl`. */
export function twimlMenu(text: string, actionUrl: string, fallback: string): string {
  return document(
    `<Gather numDigits="1" action="${escapeXml(actionUrl)}" method="POST" timeout="10">` +
      `<Say>${escapeXml(text)}</Say><Pause length="1"/><Say>${escapeXml(text)}</Say>` +
      `</Gather><Say>${escapeXml(fallback)}</Say><Hangup/>`,
  );
}

/** Spells digits out so speech reads "1, 2, 3" rather than "one hundred and twenty-three". */
export const spellDigits = (digits: string): string => digits.split('').join(', ');
