/** What a render of a status page reads (a snapshot of its rows) and what it produces. */
import type { ComponentStatus, MaintenanceState, PageIncidentState } from './statuspages.types.js';

export interface PageSnapshot {
  page: {
    id: string;
    slug: string;
    name: string;
    description: string;
    visibility: 'public' | 'private';
    accessKey: string | null;
    logoUrl: string | null;
    brandColor: string;
    linkColor: string;
    timeZone: string;
    hostName: string | null;
    createdAt: Date;
    updatedAt: Date;
  };
  /** Where the page is reached from outside: https://status.example.com or https://tocsin.example.com/status/acme. */
  baseUrl: string;
  /** Where the page's email sign-up form posts (absent: no sign-up offered, as on private pages). */
  subscribeUrl?: string | null;
  groups: Array<{ id: string; name: string; position: number; createdAt: Date }>;
  components: Array<{
    id: string;
    groupId: string | null;
    name: string;
    description: string;
    position: number;
    status: ComponentStatus;
    createdAt: Date;
    updatedAt: Date;
  }>;
  /** Newest first. */
  incidents: Array<{
    id: string;
    title: string;
    state: PageIncidentState;
    createdAt: Date;
    updatedAt: Date;
    resolvedAt: Date | null;
    componentIds: string[];
    /** Newest first. */
    updates: Array<{ id: string; state: PageIncidentState; body: string; createdAt: Date }>;
  }>;
  /** Scheduled maintenances: every one not completed, then the last completed; newest window first. */
  maintenances: Array<{
    id: string;
    title: string;
    state: MaintenanceState;
    scheduledFor: Date;
    scheduledUntil: Date;
    createdAt: Date;
    updatedAt: Date;
    /** When it completed. */
    resolvedAt: Date | null;
    componentIds: string[];
    /** Newest first. */
    updates: Array<{ id: string; state: MaintenanceState; body: string; createdAt: Date }>;
  }>;
  /** The uptime history's inputs (uptime.ts); `today` is the render's day in the page's time zone. */
  uptime: {
    today: string;
    /** Oldest first per component, starting with the status held when the window opens. */
    history: Array<{ componentId: string; status: ComponentStatus; at: Date }>;
    /** Page incidents (not maintenances) open at some time in the window. */
    incidents: Array<{ id: string; title: string; createdAt: Date; resolvedAt: Date | null; componentIds: string[] }>;
  };
}

/** One file of a render: the page, a feed or a JSON document. */
export interface RenderedFile {
  body: Buffer;
  contentType: string;
  /** A strong validator: a hash of the body. */
  etag: string;
}

/** Everything served for one page, by path under the page ('' is the HTML page). */
export interface RenderedPage {
  pageId: string;
  slug: string;
  hostName: string | null;
  visibility: 'public' | 'private';
  accessKey: string | null;
  /** The latest change among the page's rows, whole seconds (HTTP dates have no more). */
  lastModified: Date;
  files: Record<string, RenderedFile>;
  /** The page's time zone and the day (in it) the render's uptime bars end on: a new day renders again. */
  timeZone?: string;
  day?: string;
}

export const PAGE_FILES = {
  html: '',
  rss: 'feed.rss',
  atom: 'feed.atom',
  summary: 'api/v2/summary.json',
  status: 'api/v2/status.json',
  incidents: 'api/v2/incidents.json',
  components: 'api/v2/components.json',
  maintenances: 'api/v2/scheduled-maintenances.json',
  upcomingMaintenances: 'api/v2/scheduled-maintenances/upcoming.json',
  activeMaintenances: 'api/v2/scheduled-maintenances/active.json',
} as const;
