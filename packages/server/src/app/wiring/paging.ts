/**
 * How the paging module plugs into the app (see types.ts): the escalation
 * reconciler, and the incident events paging reacts to in the publishing
 * transaction (it is registered before notify, so a new incident's first
 * pages are planned before its channel notices, as they always were).
 */
import {
  createEscalationReconciler,
  startPaging,
  stopPagingAcknowledged,
  stopPagingResolved,
} from '../../modules/paging/index.js';
import type {
  IncidentAcknowledgedEvent,
  IncidentResolvedEvent,
  IncidentTriggeredEvent,
} from '../../modules/incidents/index.js';
import type { ModuleWiring } from './types.js';

export const pagingWiring: ModuleWiring = {
  name: 'paging',
  // The default resolveTargets knows users, teams, schedules and channels; another can be plugged in here.
  reconcilers: ({ db, clock, logger }) => [
    createEscalationReconciler({ db, clock, logger: logger.child({ component: 'escalation' }) }),
  ],
  subscriptions: () => ({
    IncidentTriggered: [async (payload, ctx) => startPaging(ctx.db, ctx.clock, payload as IncidentTriggeredEvent)],
    IncidentAcknowledged: [
      async (payload, ctx) => stopPagingAcknowledged(ctx.db, ctx.clock, payload as IncidentAcknowledgedEvent),
    ],
    IncidentResolved: [async (payload, ctx) => stopPagingResolved(ctx.db, ctx.clock, payload as IncidentResolvedEvent)],
  }),
};
