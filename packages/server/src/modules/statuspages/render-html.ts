/**
 * The public page as one HTML document: no JavaScript, inline CSS, ARIA
 * landmarks, a skip link, visible focus, every status said in words (colour
 * only repeats it) with at least 4.5:1 contrast, one column that reads on a
 * phone. Links are relative, so the same bytes serve /status/<slug>/, a
 * page's own host name and an exported folder.
 */
import { escapeHtml } from '../../lib/html.js';
import { DateTime } from 'luxon';
import { markdownToSafeHtml } from './markdown.js';
import { overallStatus } from './render-json.js';
import { SUBSCRIBE_CSS, subscribeHtml } from './render-subscribe.js';
import { MAINTENANCE_CSS, maintenanceSectionsHtml } from './render-maintenance.js';
import { UPTIME_CSS, uptimeHtml } from './render-uptime.js';
import type { PageSnapshot } from './render.types.js';
import { STATE_DEFINITIONS, STATUS_DEFINITIONS, type ComponentStatus } from './statuspages.types.js';

/** Text colours on white, each at least 4.5:1 (render-html.test.ts checks). */
export const STATUS_COLORS: Record<ComponentStatus, string> = {
  operational: '#1a7f37',
  degraded_performance: '#8a5a00',
  partial_service_disruption: '#a34700',
  service_disruption: '#b42318',
  security_issue: '#6e40c9',
  under_maintenance: '#0b5cad',
};

const PAST_INCIDENTS = 10;

export { escapeHtml };

const when = (d: Date, zone: string) => {
  const t = DateTime.fromJSDate(d, { zone }).setLocale('en-GB');
  return `<time datetime="${d.toISOString()}">${escapeHtml(t.toFormat('d LLL yyyy, HH:mm ZZZZ'))}</time>`;
};

function css(brand: string, link: string): string {
  return `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f6f7f9}
a{color:${link}}a:focus-visible,summary:focus-visible{outline:3px solid #1b1f24;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:1}
header{background:${brand};color:#fff;padding:16px 0}header a{color:#fff}.wrap{max-width:760px;margin:0 auto;padding:0 16px}
header .wrap{display:flex;align-items:center;gap:12px}header img{max-height:40px;max-width:160px}
h1{font-size:1.5rem;margin:0}h2{font-size:1.2rem;margin:28px 0 12px}h3{font-size:1.05rem;margin:0 0 4px}
.overall{margin-top:20px;padding:16px;border-radius:8px;background:#fff;border-left:8px solid;font-weight:600;font-size:1.15rem}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;margin:0 0 12px}
ul.c{list-style:none;margin:0;padding:0}ul.c li{display:flex;justify-content:space-between;gap:12px;padding:10px 0;border-top:1px solid #e6e9ed;flex-wrap:wrap}
ul.c li:first-child{border-top:0}.s{font-weight:600;white-space:nowrap}.s::before{content:"";display:inline-block;width:.7em;height:.7em;border-radius:50%;background:currentColor;margin-right:6px}
.d{color:#57606a;font-size:.9rem;margin:0}.u{border-top:1px solid #e6e9ed;padding-top:8px;margin-top:8px}.u p{margin:4px 0}
.state{font-weight:600}footer{color:#57606a;font-size:.9rem;padding:24px 16px 40px}${SUBSCRIBE_CSS}`;
}

function statusLabel(status: ComponentStatus): string {
  return `<span class="s" style="color:${STATUS_COLORS[status]}">${STATUS_DEFINITIONS[status].label}</span>`;
}

function incidentHtml(s: PageSnapshot, incident: PageSnapshot['incidents'][number], heading: 'h3'): string {
  const names = new Map(s.components.map((c) => [c.id, c.name]));
  const affected = incident.componentIds.map((id) => names.get(id)).filter((n): n is string => n !== undefined);
  const updates = incident.updates
    .map(
      (u) =>
        `<div class="u"><p><span class="state">${STATE_DEFINITIONS[u.state].label}</span> · ${when(u.createdAt, s.page.timeZone)}</p>${markdownToSafeHtml(u.body)}</div>`,
    )
    .join('');
  return `<article class="card" id="incident-${incident.id}" aria-labelledby="t-${incident.id}"><${heading} id="t-${incident.id}">${escapeHtml(incident.title)}</${heading}>${
    affected.length ? `<p class="d">Affects: ${affected.map(escapeHtml).join(', ')}</p>` : ''
  }${updates}</article>`;
}

function componentsHtml(s: PageSnapshot): string {
  const item = (c: PageSnapshot['components'][number]) =>
    `<li><span>${escapeHtml(c.name)}${c.description ? `<br><span class="d">${escapeHtml(c.description)}</span>` : ''}</span>${statusLabel(c.status)}${uptimeHtml(s, c)}</li>`;
  const loose = s.components.filter((c) => c.groupId === null || !s.groups.some((g) => g.id === c.groupId));
  const parts: string[] = [];
  if (loose.length) parts.push(`<div class="card"><ul class="c">${loose.map(item).join('')}</ul></div>`);
  for (const g of s.groups) {
    const members = s.components.filter((c) => c.groupId === g.id);
    if (members.length === 0) continue;
    parts.push(
      `<section class="card" aria-labelledby="g-${g.id}"><h3 id="g-${g.id}">${escapeHtml(g.name)}</h3><ul class="c">${members.map(item).join('')}</ul></section>`,
    );
  }
  return parts.join('') || '<p>No components yet.</p>';
}

export function renderHtml(s: PageSnapshot): string {
  const { page } = s;
  const overall = overallStatus(s);
  const open = s.incidents.filter((i) => i.state !== 'resolved');
  const past = s.incidents.filter((i) => i.state === 'resolved').slice(0, PAST_INCIDENTS);
  const color = STATUS_COLORS[overall.worst === 'operational' && open.length ? 'degraded_performance' : overall.worst];
  const title = `${page.name} status`;
  const maintenance = maintenanceSectionsHtml(s);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>${page.description ? `<meta name="description" content="${escapeHtml(page.description)}">` : ''}
<link rel="alternate" type="application/rss+xml" title="${escapeHtml(title)} (RSS)" href="feed.rss">
<link rel="alternate" type="application/atom+xml" title="${escapeHtml(title)} (Atom)" href="feed.atom">
<style>${css(page.brandColor, page.linkColor)}${UPTIME_CSS}${MAINTENANCE_CSS}</style></head>
<body><a class="skip" href="#main">Skip to content</a>
<header><div class="wrap">${page.logoUrl ? `<img src="${escapeHtml(page.logoUrl)}" alt="">` : ''}<h1>${escapeHtml(title)}</h1></div></header>
<main id="main" class="wrap">
<p class="overall" role="status" style="border-color:${color}">${escapeHtml(overall.description)}</p>
${page.description ? `<p>${escapeHtml(page.description)}</p>` : ''}
${maintenance.active}
${open.length ? `<section aria-labelledby="active"><h2 id="active">Active incidents</h2>${open.map((i) => incidentHtml(s, i, 'h3')).join('')}</section>` : ''}
<section aria-labelledby="components"><h2 id="components">Components</h2>${componentsHtml(s)}</section>
${maintenance.upcoming}
<section aria-labelledby="past"><h2 id="past">Past incidents</h2>${past.length ? past.map((i) => incidentHtml(s, i, 'h3')).join('') : '<p>No incidents reported.</p>'}</section>
${subscribeHtml(s, escapeHtml)}
</main>
<footer class="wrap">Times are shown in ${escapeHtml(page.timeZone)}. Follow this page by <a href="feed.rss">RSS</a> or <a href="feed.atom">Atom</a>, or read it as <a href="api/v2/summary.json">JSON</a>.</footer>
</body></html>
`;
}
