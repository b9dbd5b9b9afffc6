/**
 * The shape every ingest source normalises to before an event is stored:
 * one InboundEvent per alert signal, with the vendor's payload kept as `raw`.
 */
import type { AlertSeverity } from '../services/index.js';

export type InboundAction = 'trigger' | 'acknowledge' | 'resolve';

export interface AlertLink {
  href: string;
  text?: string;
}

export interface AlertImage {
  src: string;
  href?: string;
  alt?: string;
}

/** The alert fields every source is mapped to (PagerDuty's Common Event Format, plus labels). */
export interface NormalizedAlert {
  summary: string;
  source: string;
  severity: AlertSeverity;
  /** When the sender detected the problem, ISO 8601. */
  timestamp?: string;
  component?: string;
  group?: string;
  class?: string;
  customDetails?: unknown;
  links: AlertLink[];
  images: AlertImage[];
  client?: string;
  clientUrl?: string;
  labels?: Record<string, string>;
}

export interface InboundEvent {
  action: InboundAction;
  /** Scoped to the integration key; at most 255 characters. */
  dedupKey: string;
  alert: NormalizedAlert;
  /** The vendor's payload for this event, as received. */
  raw: unknown;
  /**
   * `raw` as the JSON text it was parsed from, when the edge has it (the
   * whole body of a JSON request): stored as it is, not written out again.
   */
  rawJson?: string;
}
