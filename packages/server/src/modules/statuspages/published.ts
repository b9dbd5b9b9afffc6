/**
 * The published pages: the last render of every page, in memory for serving
 * and on disk (one JSON file per page in the data folder) so a node that
 * starts while PostgreSQL is down still serves what it last knew. Lookups by
 * slug and host name never touch the database. Renders come from
 * `refresh` (after a change on this node, or a change NOTIFYed by another)
 * and `refreshAll` (at start and after the database comes back).
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/client.js';
import { systemClock, type Clock } from '../../lib/clock.js';
import { isUuid } from '../../lib/ids.js';
import type { Logger } from '../../lib/logger.js';
import { findPageRow } from './statuspages.repo.js';
import { renderPage } from './render.js';
import { dayIn, listPageIds, loadSnapshot } from './render.snapshot.js';
import type { RenderedFile, RenderedPage } from './render.types.js';

interface StoredPage extends Omit<RenderedPage, 'files' | 'lastModified'> {
  lastModified: string;
  files: Record<string, { body: string; contentType: string; etag: string }>;
}

const FILE_RE = /^[0-9a-f-]{36}\.json$/;

export class PublishedPages {
  private readonly byId = new Map<string, RenderedPage>();
  private readonly bySlug = new Map<string, RenderedPage>();
  private readonly byHost = new Map<string, RenderedPage>();
  /** The render in progress (or queued last) per page. */
  private readonly rendering = new Map<string, Promise<void>>();
  /** Disk writes in order, one page after another. */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: {
      /** Where renders are kept (<data dir>/statuspages); undefined keeps them in memory only. */
      dir: string | undefined;
      publicUrl: string;
      logger: Logger;
      /** Whose day the uptime bars end on (default: the system clock). */
      clock?: Clock;
    },
  ) {}

  bySlugName(slug: string): RenderedPage | undefined {
    return this.bySlug.get(slug);
  }

  byHostName(host: string): RenderedPage | undefined {
    return this.byHost.get(host);
  }

  get(pageId: string): RenderedPage | undefined {
    return this.byId.get(pageId);
  }

  /** Whether any page answers for a host name of its own. */
  get hasHostNames(): boolean {
    return this.byHost.size > 0;
  }

  all(): RenderedPage[] {
    return [...this.byId.values()];
  }

  /** Reads the renders kept on disk: what serves until the database answers. */
  async loadFromDisk(): Promise<number> {
    const dir = this.options.dir;
    if (!dir) return 0;
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => FILE_RE.test(n));
    } catch {
      return 0;
    }
    for (const name of names) {
      try {
        const stored = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as StoredPage;
        if (!this.byId.has(stored.pageId)) this.put(fromStored(stored));
      } catch (error) {
        this.options.logger.warn({ err: error, file: name }, 'status page: a kept render could not be read; skipped');
      }
    }
    return this.byId.size;
  }

  /**
   * Renders the page again from the database; drops it when it is gone.
   * Renders of one page run one after another, so a render never replaces
   * one made from a later snapshot.
   */
  refresh(db: Db, pageId: string): Promise<void> {
    const previous = this.rendering.get(pageId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.render(db, pageId));
    this.rendering.set(pageId, next);
    void next
      .finally(() => {
        if (this.rendering.get(pageId) === next) this.rendering.delete(pageId);
      })
      .catch(() => undefined);
    return next;
  }

  private async render(db: Db, pageId: string): Promise<void> {
    const now = (this.options.clock ?? systemClock).now();
    const snapshot = await loadSnapshot(db, pageId, this.options.publicUrl, now);
    if (!snapshot) {
      this.drop(pageId);
      return;
    }
    const rendered = renderPage(snapshot);
    const before = this.byId.get(pageId);
    if (before && sameRender(before, rendered)) return;
    this.put(rendered);
    await this.persist(rendered);
  }

  /** Renders again the page named by id or slug, as an API caller named it. */
  async refreshNamed(db: Db, idOrSlug: string): Promise<void> {
    const id = isUuid(idOrSlug)
      ? idOrSlug
      : (this.bySlug.get(idOrSlug)?.pageId ?? (await findPageRow(db, idOrSlug))?.id);
    if (id) await this.refresh(db, id);
  }

  /** Renders again the pages whose day (in their time zone) is no longer their last render's. */
  async refreshNewDays(db: Db): Promise<void> {
    const now = (this.options.clock ?? systemClock).now();
    for (const page of this.all()) {
      if (page.timeZone && page.day && dayIn(now, page.timeZone) !== page.day) await this.refresh(db, page.pageId);
    }
  }

  /** Renders every page again, and forgets pages deleted meanwhile. */
  async refreshAll(db: Db): Promise<void> {
    const ids = await listPageIds(db);
    for (const gone of [...this.byId.keys()].filter((id) => !ids.includes(id))) this.drop(gone);
    for (const id of ids) await this.refresh(db, id);
  }

  private put(page: RenderedPage): void {
    const before = this.byId.get(page.pageId);
    if (before) this.unindex(before);
    this.byId.set(page.pageId, page);
    this.bySlug.set(page.slug, page);
    if (page.hostName) this.byHost.set(page.hostName, page);
  }

  private unindex(page: RenderedPage): void {
    if (this.bySlug.get(page.slug) === page) this.bySlug.delete(page.slug);
    if (page.hostName && this.byHost.get(page.hostName) === page) this.byHost.delete(page.hostName);
  }

  private drop(pageId: string): void {
    const before = this.byId.get(pageId);
    if (!before) return;
    this.unindex(before);
    this.byId.delete(pageId);
    const dir = this.options.dir;
    if (dir) this.enqueue(() => rm(path.join(dir, `${pageId}.json`), { force: true }));
  }

  private async persist(page: RenderedPage): Promise<void> {
    const dir = this.options.dir;
    if (!dir) return;
    await this.enqueue(async () => {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const target = path.join(dir, `${page.pageId}.json`);
      const temporary = `${target}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(toStored(page)), { mode: 0o600 });
      await rename(temporary, target);
    });
  }

  /** Waits for the disk writes queued so far. */
  async flushed(): Promise<void> {
    await this.writing;
  }

  private enqueue(write: () => Promise<unknown>): Promise<void> {
    const next = this.writing.then(write).then(
      () => undefined,
      (error: unknown) => this.options.logger.warn({ err: error }, 'status page: could not keep the render on disk'),
    );
    this.writing = next;
    return next;
  }
}

function sameRender(a: RenderedPage, b: RenderedPage): boolean {
  if (a.slug !== b.slug || a.hostName !== b.hostName || a.visibility !== b.visibility || a.accessKey !== b.accessKey)
    return false;
  if (a.day !== b.day || a.timeZone !== b.timeZone) return false;
  const keys = Object.keys(b.files);
  return keys.length === Object.keys(a.files).length && keys.every((k) => a.files[k]?.etag === b.files[k]!.etag);
}

function toStored(page: RenderedPage): StoredPage {
  return {
    ...page,
    lastModified: page.lastModified.toISOString(),
    files: Object.fromEntries(
      Object.entries(page.files).map(([k, f]) => [
        k,
        { body: f.body.toString('base64'), contentType: f.contentType, etag: f.etag },
      ]),
    ),
  };
}

function fromStored(stored: StoredPage): RenderedPage {
  return {
    ...stored,
    lastModified: new Date(stored.lastModified),
    files: Object.fromEntries(
      Object.entries(stored.files).map(([k, f]): [string, RenderedFile] => [
        k,
        { body: Buffer.from(f.body, 'base64'), contentType: f.contentType, etag: f.etag },
      ]),
    ),
  };
}
