/**
 * A small HTML page of its own, with no script, for the answers of links
 * people follow from a message (acknowledge from a page, confirm or leave a
 * status page subscription): it works in any mail client's browser and
 * under a strict Content-Security-Policy.
 */
import type { FastifyReply } from 'fastify';
import { escapeHtml } from '../lib/html.js';

/** Sends `body` (HTML, already escaped by the caller) under the heading `title`. */
export function smallPage(
  reply: FastifyReply,
  status: number,
  title: string,
  body: string,
  options: { documentTitle?: string } = {},
): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    )
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<meta name="robots" content="noindex"><title>${escapeHtml(options.documentTitle ?? title)}</title>` +
        `<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1b1f24}` +
        `button{font-size:1.05rem;padding:.6rem 1.4rem;border:0;border-radius:.3rem;background:#1f2937;color:#fff;cursor:pointer}` +
        `a:focus-visible,button:focus-visible{outline:3px solid #1b1f24;outline-offset:2px}</style></head>` +
        `<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
    );
}
