/**
 * Renders a page's snapshot into every file served for it: the HTML page,
 * its feeds and its Statuspage-shaped JSON. Pure: the same rows give the same
 * bytes (nothing depends on the time of rendering), so a render that changes
 * nothing keeps its ETags.
 */
import { createHash } from 'node:crypto';
import { renderAtom, renderRss } from './render-feeds.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { PAGE_FILES, type PageSnapshot, type RenderedFile, type RenderedPage } from './render.types.js';

function file(text: string, contentType: string): RenderedFile {
  const body = Buffer.from(text, 'utf8');
  return { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/** The latest change among the page's rows, to the whole second. */
export function lastModifiedOf(s: PageSnapshot): Date {
  const times = [
    s.page.updatedAt,
    ...s.groups.map((g) => g.createdAt),
    ...s.components.map((c) => c.updatedAt),
    ...s.incidents.map((i) => i.updatedAt),
    ...s.maintenances.map((m) => m.updatedAt),
  ].map((d) => d.getTime());
  return new Date(Math.floor(Math.max(...times) / 1000) * 1000);
}

export function renderPage(s: PageSnapshot): RenderedPage {
  const lastModified = lastModifiedOf(s);
  const json = renderJson(s, lastModified);
  const jsonFile = (value: unknown) => file(JSON.stringify(value), 'application/json; charset=utf-8');
  return {
    pageId: s.page.id,
    slug: s.page.slug,
    hostName: s.page.hostName,
    visibility: s.page.visibility,
    accessKey: s.page.accessKey,
    lastModified,
    files: {
      [PAGE_FILES.html]: file(renderHtml(s), 'text/html; charset=utf-8'),
      [PAGE_FILES.rss]: file(renderRss(s, lastModified), 'application/rss+xml; charset=utf-8'),
      [PAGE_FILES.atom]: file(renderAtom(s, lastModified), 'application/atom+xml; charset=utf-8'),
      [PAGE_FILES.summary]: jsonFile(json.summary),
      [PAGE_FILES.status]: jsonFile(json.status),
      [PAGE_FILES.incidents]: jsonFile(json.incidents),
      [PAGE_FILES.components]: jsonFile(json.components),
      [PAGE_FILES.maintenances]: jsonFile(json.maintenances),
      [PAGE_FILES.upcomingMaintenances]: jsonFile(json.upcomingMaintenances),
      [PAGE_FILES.activeMaintenances]: jsonFile(json.activeMaintenances),
    },
    timeZone: s.page.timeZone,
    day: s.uptime.today,
  };
}
