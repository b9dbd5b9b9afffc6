/** The page's incidents as RSS 2.0 and Atom feeds: one entry per incident, its updates as the content. */
import { escapeHtml } from './render-html.js';
import { markdownToSafeHtml } from './markdown.js';
import type { PageSnapshot } from './render.types.js';
import { STATE_DEFINITIONS } from './statuspages.types.js';

const FEED_ENTRIES = 25;

const xml = escapeHtml;

function content(incident: PageSnapshot['incidents'][number]): string {
  return incident.updates
    .map(
      (u) =>
        `<p><strong>${STATE_DEFINITIONS[u.state].label}</strong> (${u.createdAt.toISOString()})</p>${markdownToSafeHtml(u.body)}`,
    )
    .join('');
}

const link = (s: PageSnapshot, id: string) => `${s.baseUrl}#incident-${id}`;

export function renderRss(s: PageSnapshot, lastModified: Date): string {
  const items = s.incidents
    .slice(0, FEED_ENTRIES)
    .map(
      (i) =>
        `<item><title>${xml(`${i.title} (${STATE_DEFINITIONS[i.state].label})`)}</title><link>${xml(link(s, i.id))}</link><guid isPermaLink="false">${i.id}</guid><pubDate>${i.createdAt.toUTCString()}</pubDate><description>${xml(content(i))}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${xml(`${s.page.name} status`)}</title><link>${xml(s.baseUrl)}</link><description>${xml(`Incidents on ${s.page.name}`)}</description><lastBuildDate>${lastModified.toUTCString()}</lastBuildDate>
${items}
</channel></rss>
`;
}

export function renderAtom(s: PageSnapshot, lastModified: Date): string {
  const entries = s.incidents
    .slice(0, FEED_ENTRIES)
    .map(
      (i) =>
        `<entry><id>urn:uuid:${i.id}</id><title>${xml(`${i.title} (${STATE_DEFINITIONS[i.state].label})`)}</title><link href="${xml(link(s, i.id))}"/><published>${i.createdAt.toISOString()}</published><updated>${i.updatedAt.toISOString()}</updated><content type="html">${xml(content(i))}</content></entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:uuid:${s.page.id}</id><title>${xml(`${s.page.name} status`)}</title><link href="${xml(s.baseUrl)}"/><updated>${lastModified.toISOString()}</updated><author><name>${xml(s.page.name)}</name></author>
${entries}
</feed>
`;
}
