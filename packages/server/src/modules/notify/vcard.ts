/**
 * The vCard (RFC 6350, version 4.0) of the numbers and addresses Tocsin pages
 * from, so people can save it and let pages through "do not disturb" and
 * spam filters. Pure: lines end in CRLF and fold at 75 octets.
 */

export interface VCardInput {
  name: string;
  phones: string[];
  emails: string[];
  url: string;
  note: string;
}

/** Escapes a TEXT value (RFC 6350 §3.4). */
const escapeText = (value: string): string =>
  value.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r?\n/g, '\\n');

/** Folds a content line so no physical line exceeds 75 octets, never splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** The bare address in "Name <addr@example.com>" or "addr@example.com". */
export function emailAddressOf(from: string): string | undefined {
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(from);
  if (angle) return angle[1];
  const bare = from.trim();
  return /^[^\s@<>]+@[^\s@<>]+$/.test(bare) ? bare : undefined;
}

export function buildVCard(input: VCardInput): string {
  const lines = [
    'BEGIN:VCARD',
    'VERSION:4.0',
    'PRODID:-//Tocsin//Tocsin//EN',
    'KIND:org',
    `FN:${escapeText(input.name)}`,
    `ORG:${escapeText(input.name)}`,
    ...input.phones.map((phone) => `TEL;VALUE=uri;TYPE="voice,text":tel:${phone}`),
    ...input.emails.map((email) => `EMAIL;TYPE=work:${escapeText(email)}`),
    `URL:${input.url}`,
    `NOTE:${escapeText(input.note)}`,
    'END:VCARD',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
