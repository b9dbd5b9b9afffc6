/**
 * The report as one HTML document: the share page people without an account
 * open (no JavaScript, one column that reads on a phone, tables that scroll
 * inside their box rather than widen the page) and the body of the emailed
 * copy. It shows only what the view holds: a share link's view has no
 * private incident and no titles unless chosen (analytics.share.ts).
 */
import { escapeHtml } from '../../lib/html.js';
import {
  formatDuration,
  formatInstant,
  formatPeriod,
  GROUP_COLUMNS,
  groupCells,
  headlineFigures,
  REASON_LABELS,
  type ReportView,
} from './analytics.format.js';
import type { GroupFigures } from './analytics.schema.js';

const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f6f7f9}
main{max-width:860px;margin:0 auto;padding:16px}h1{font-size:1.5rem;margin:8px 0 0}h2{font-size:1.15rem;margin:28px 0 8px}
.period{color:#57606a;margin:4px 0 16px}.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px}
dl.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:12px;margin:0}
dl.figures div{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:8px 12px}
dt{color:#57606a;font-size:.85rem}dd{margin:0;font-weight:600;font-size:1.05rem}
.scroll{overflow-x:auto;background:#fff;border:1px solid #d0d7de;border-radius:8px}
table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{padding:6px 10px;text-align:right;white-space:nowrap;border-top:1px solid #e6e9ed}
th:first-child,td:first-child{text-align:left;white-space:normal}thead th{border-top:0;color:#57606a;font-weight:600}
ul.breaches{list-style:none;margin:0;padding:0}ul.breaches li{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:8px 12px;margin:0 0 8px}
.why{color:#b42318;font-weight:600}.links a{margin-right:16px}footer{color:#57606a;font-size:.9rem;padding:24px 0 40px}`;

function groupTable(heading: string, groups: GroupFigures[]): string {
  if (groups.length === 0) return '';
  const head = ['', ...GROUP_COLUMNS].map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const rows = groups
    .map(
      (g) =>
        `<tr><th scope="row">${escapeHtml(g.label)}</th>${groupCells(g)
          .map((c) => `<td>${escapeHtml(c)}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  return `<h2>${escapeHtml(heading)}</h2><div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

export interface ReportHtmlOptions {
  /** Links shown under the title (downloads, the web report). */
  links?: Array<{ label: string; url: string }>;
  /** A line at the foot: who sees this and why. */
  footer?: string;
}

export function reportHtml(view: ReportView, options: ReportHtmlOptions = {}): string {
  const figures = headlineFigures(view.overall)
    .map(([label, value]) => `<div><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd></div>`)
    .join('');
  const breaches =
    view.breaches.length === 0
      ? '<p class="card">No breaches: every incident judged so far met its targets.</p>'
      : `<ul class="breaches">${view.breaches
          .map(
            (b) =>
              `<li><strong>#${b.number}</strong>${b.title ? ` ${escapeHtml(b.title)}` : ''} · ${escapeHtml(
                b.severity ?? `${b.urgency} urgency`,
              )} · opened ${escapeHtml(formatInstant(b.openedAt, view.timeZone))}<br>${b.breaches
                .map(
                  (x) =>
                    `<span class="why">${escapeHtml(REASON_LABELS[x.reason])}</span> by ${escapeHtml(
                      formatDuration(x.bySeconds),
                    )}`,
                )
                .join('; ')}</li>`,
          )
          .join('')}</ul>`;
  const links = options.links?.length
    ? `<p class="links">${options.links.map((l) => `<a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a>`).join('')}</p>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(view.title)}</title><style>${CSS}</style></head>
<body><main><h1>${escapeHtml(view.title)}</h1><p class="period">${escapeHtml(formatPeriod(view))}</p>${links}
<h2>Overall</h2><dl class="figures">${figures}</dl>${groupTable('By severity', view.bySeverity)}${groupTable(
    'By service',
    view.byService,
  )}<h2>Breaches (${view.breaches.length})</h2>${breaches}
<footer>${escapeHtml(options.footer ?? 'Figures as defined in Tocsin’s analytics documentation.')}</footer></main></body></html>`;
}
