/**
 * Reads a PDF the way a test needs to: checks its header and trailer and
 * returns the text its pages show (pdfkit's Helvetica writes each run as hex
 * in a TJ array; compressed streams are inflated first). Enough to find a
 * figure's text, not a general PDF parser.
 */
import { inflateSync } from 'node:zlib';

export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  if (!raw.startsWith('%PDF-')) throw new Error(`not a PDF: starts with ${JSON.stringify(raw.slice(0, 8))}`);
  if (!/startxref\s+\d+\s+%%EOF\s*$/.test(raw)) throw new Error('the PDF has no trailer (startxref ... %%EOF)');
  const contents: string[] = [];
  const streams = /<<([^]*?)>>\s*stream\r?\n/g;
  for (let match = streams.exec(raw); match; match = streams.exec(raw)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    const body = pdf.subarray(start, end);
    if (/\/FlateDecode/.test(match[1]!)) {
      try {
        contents.push(inflateSync(body).toString('latin1'));
      } catch {
        // a font or image stream that is not ours to read
      }
    } else contents.push(body.toString('latin1'));
  }
  const lines: string[] = [];
  for (const content of contents) {
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      lines.push(
        [...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((hex) => Buffer.from(hex[1]!, 'hex').toString('latin1')).join(''),
      );
    }
  }
  return lines.join('\n');
}

/** How many pages the PDF says it has. */
export const pdfPageCount = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
