/**
 * The page's incidents and scheduled maintenances as RSS 2.0 and Atom
 * feeds: one entry per incident or maintenance, its updates as the content.
 */
import { escapeHtml } from './render-html.js';
import { maintenanceFeedContent, windowText } from './render-maintenance.js';
import { markdownToSafeHtml } from './markdown.js';
import type { PageSnapshot } from './render.types.js';
import { MAINTENANCE_STATE_DEFINITIONS, STATE_DEFINITIONS } from './statuspages.types.js';

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

const link = (s: PageSnapshot, id: string, anchor = 'incident') => `${s.baseUrl}#${anchor}-${id}`;

interface Entry {
  id: string;
  title: string;
  link: string;
  createdAt: Date;
  updatedAt: Date;
  content: string;
}

/** Incidents and maintenances together, newest first. */
function entries(s: PageSnapshot): Entry[] {
  const incidents = s.incidents.map((i) => ({
    id: i.id,
    title: `${i.title} (${STATE_DEFINITIONS[i.state].label})`,
    link: link(s, i.id),
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    content: content(i),
  }));
  const maintenances = s.maintenances.map((m) => ({
    id: m.id,
    title: `Maintenance: ${m.title}, ${windowText(m, s.page.timeZone)} (${MAINTENANCE_STATE_DEFINITIONS[m.state].label})`,
    link: link(s, m.id, 'maintenance'),
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    content: maintenanceFeedContent(m),
  }));
  return [...incidents, ...maintenances]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, FEED_ENTRIES);
}

export function renderRss(s: PageSnapshot, lastModified: Date): string {
  const items = entries(s)
    .map(
      (i) =>
        `<item><title>${xml(i.title)}</title><link>${xml(i.link)}</link><guid isPermaLink="false">${i.id}</guid><pubDate>${i.createdAt.toUTCString()}</pubDate><description>${xml(i.content)}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${xml(`${s.page.name} status`)}</title><link>${xml(s.baseUrl)}</link><description>${xml(`Incidents on ${s.page.name}`)}</description><lastBuildDate>${lastModified.toUTCString()}</lastBuildDate>
${items}
</channel></rss>
`;
}

export function renderAtom(s: PageSnapshot, lastModified: Date): string {
  const atomEntries = entries(s)
    .map(
      (i) =>
        `<entry><id>urn:uuid:${i.id}</id><title>${xml(i.title)}</title><link href="${xml(i.link)}"/><published>${i.createdAt.toISOString()}</published><updated>${i.updatedAt.toISOString()}</updated><content type="html">${xml(i.content)}</content></entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:uuid:${s.page.id}</id><title>${xml(`${s.page.name} status`)}</title><link href="${xml(s.baseUrl)}"/><updated>${lastModified.toISOString()}</updated><author><name>${xml(s.page.name)}</name></author>
${atomEntries}
</feed>
`;
}
