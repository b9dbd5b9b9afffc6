/**
 * `tocsin statuspage export DIR`: writes each status page as static files
 * (index.html, feed.rss, feed.atom, api/v2/*.json), exactly the bytes the
 * server serves, for any static host or CDN. With --page, that page's files
 * go in DIR itself; otherwise each page gets DIR/<slug>/. The HTML links are
 * relative, so the folder works wherever it is served.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { call, connect } from './api-client.js';
import { io } from './cli-io.js';

/** The files of a page, by their path under it. */
export const PAGE_FILES = [
  'index.html',
  'feed.rss',
  'feed.atom',
  'api/v2/summary.json',
  'api/v2/status.json',
  'api/v2/incidents.json',
  'api/v2/components.json',
  'api/v2/scheduled-maintenances.json',
  'api/v2/scheduled-maintenances/upcoming.json',
  'api/v2/scheduled-maintenances/active.json',
] as const;

interface ExportOptions {
  page?: string;
}

async function runExport(dir: string, options: ExportOptions, command: Command): Promise<void> {
  const { client, server } = connect(command);
  const { token } = command.optsWithGlobals<{ token: string }>();
  const { items } = await call(client.GET('/api/v1/status-pages'));
  const pages = options.page ? items.filter((p) => p.slug === options.page || p.id === options.page) : items;
  if (options.page && pages.length === 0)
    throw new Error(`No status page "${options.page}": see the pages in the web UI.`);
  if (pages.length === 0) throw new Error('There are no status pages to export.');
  for (const page of pages) {
    const target = options.page ? dir : path.join(dir, page.slug);
    for (const file of PAGE_FILES) {
      const url = `${server}${page.path}/${file === 'index.html' ? '' : file}`;
      // A private page needs the caller's credentials; a public one ignores them.
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      if (response.status !== 200) {
        throw new Error(`${url} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
      }
      const out = path.join(target, file);
      await mkdir(path.dirname(out), { recursive: true });
      await writeFile(out, Buffer.from(await response.arrayBuffer()));
    }
    io.err(`Wrote ${page.slug} (${PAGE_FILES.length} files) to ${target}.\n`);
  }
}

export function registerStatusPageCommands(program: Command): void {
  const statuspage = program.command('statuspage').description('Status pages');
  statuspage
    .command('export <dir>')
    .description('Write status pages as static files (HTML, RSS, Atom, Statuspage-shaped JSON) for any static host')
    .option('--page <slug>', 'only this page, written in <dir> itself')
    .action(async (dir: string, options: ExportOptions, command: Command) => runExport(dir, options, command));
}
