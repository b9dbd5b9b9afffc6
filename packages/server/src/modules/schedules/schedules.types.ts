/**
 * Shapes used across the schedules module that are not API bodies: the
 * on-call query, and the port through which "who is on call for a service"
 * learns a service's schedule targets (provided by the app, so this module
 * depends on neither services nor escalation, which may depend on it).
 */
import type { Ctx } from '../context.js';

export type { OnCallAnswer } from './schedules.schema.js';

export interface OnCallQuery {
  schedule?: string;
  team?: string;
  service?: string;
  at?: Date;
}

/** A service and, per escalation level (1-based), the schedules it targets. */
export interface ServiceScheduleTargets {
  service: { id: string; name: string };
  levels: Array<{ level: number; scheduleIds: string[] }>;
}

export type ServiceTargetsLookup = (ctx: Ctx, serviceIdOrSlug: string) => Promise<ServiceScheduleTargets>;
