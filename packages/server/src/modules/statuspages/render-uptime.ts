/**
 * The uptime history on the rendered page: under each component, a bar per
 * day for 90 days (30 on a phone) coloured by the day's worst status, and
 * the percentage. A day with something to tell is focusable: on hover or
 * keyboard focus it shows its date, uptime and incidents (CSS only, no
 * JavaScript; the text is in the document for screen readers), and a
 * details element lists the same days for any reader. Quiet days are bare
 * list items, so 90 days of a component cost under 1 KB.
 */
import { DateTime } from 'luxon';
import type { PageSnapshot } from './render.types.js';
import { componentUptime, formatUptime, type UptimeDay } from './uptime.js';

const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Bar colours, each at least 3:1 against white (render-uptime.test.ts checks). */
export const BAR_COLORS: Record<string, string> = {
  operational: '#2a8c47',
  degraded_performance: '#b07400',
  partial_service_disruption: '#c45500',
  service_disruption: '#c8281c',
  security_issue: '#6e40c9',
  under_maintenance: '#0b5cad',
};

const CLASS: Record<string, string> = {
  degraded_performance: 'd',
  partial_service_disruption: 'p',
  service_disruption: 'm',
  security_issue: 's',
  under_maintenance: 'w',
};

export const UPTIME_CSS =
  `.bars{display:flex;gap:2px;list-style:none;margin:10px 0 4px;padding:0;height:30px}` +
  `.bars li{flex:1;min-width:0;background:${BAR_COLORS.operational};border-radius:2px;position:relative}` +
  `.bars .n{background:#d0d7de}` +
  Object.entries(CLASS)
    .map(([status, c]) => `.bars .${c}{background:${BAR_COLORS[status]}}`)
    .join('') +
  `.bars li:focus{outline:3px solid #1b1f24;outline-offset:1px}` +
  `.tip{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}` +
  `.bars li:hover .tip,.bars li:focus .tip{clip-path:none;overflow:visible;height:auto;width:max-content;max-width:240px;white-space:normal;bottom:36px;left:50%;transform:translateX(-50%);background:#1b1f24;color:#fff;padding:6px 8px;border-radius:6px;font-size:.85rem;z-index:2}` +
  `.bars li.l .tip{left:0;transform:none}.bars li.r .tip{left:auto;right:0;transform:none}` +
  `.ul{display:flex;justify-content:space-between;color:#57606a;font-size:.8rem;margin:0}.ul .l30{display:none}` +
  `.up{flex-basis:100%}.up details{font-size:.9rem;margin-top:4px}` +
  `@media(max-width:600px){.bars li:nth-child(-n+60){display:none}.ul .l90{display:none}.ul .l30{display:inline}}`;

const dayLabel = (date: string) => DateTime.fromISO(date).setLocale('en-GB').toFormat('d LLL yyyy');

function tipText(day: UptimeDay): string {
  const head = `${dayLabel(day.date)} · ${formatUptime(day.uptime!)}`;
  const incidents = day.incidents.map((i) => esc(i.title));
  return [head, ...(incidents.length ? incidents : ['No incidents'])].join('<br>');
}

function bar(day: UptimeDay, index: number, count: number): string {
  if (day.uptime === null) return '<li class="n"></li>';
  const cls = day.worst && day.worst !== 'operational' ? CLASS[day.worst] : '';
  if (!cls && day.incidents.length === 0) return '<li></li>';
  const side = index < count / 3 ? 'l' : index >= (2 * count) / 3 ? 'r' : '';
  const classes = [cls, side].filter(Boolean).join(' ');
  return `<li${classes ? ` class="${classes}"` : ''} tabindex="0"><span class="tip">${tipText(day)}</span></li>`;
}

/** The uptime block of one component, to put under its name. */
export function uptimeHtml(s: PageSnapshot, component: PageSnapshot['components'][number]): string {
  const result = componentUptime(component, s.uptime, s.page.timeZone);
  const telling = result.days.filter((d) => d.incidents.length > 0);
  const percent = result.uptime === null ? 'No data yet' : `${formatUptime(result.uptime)} uptime`;
  return `<div class="up"><ol class="bars" aria-label="${esc(component.name)}: each day's status over the last 90 days">${result.days
    .map((d, i) => bar(d, i, result.days.length))
    .join(
      '',
    )}</ol><p class="ul"><span class="l90">90 days ago</span><span class="l30">30 days ago</span><span>${percent}</span><span>Today</span></p>${
    telling.length
      ? `<details><summary>Days with incidents (${telling.length})</summary><ul>${telling
          .map((d) => `<li>${dayLabel(d.date)}: ${d.incidents.map((i) => esc(i.title)).join(', ')}</li>`)
          .join('')}</ul></details>`
      : ''
  }</div>`;
}
