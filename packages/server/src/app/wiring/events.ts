/**
 * Every domain event a module declares (its *.events.ts), as one list: the
 * names app/wiring/events.test.ts holds against the names published in the
 * sources and the names the wirings subscribe to. A module that declares
 * events adds its list here.
 */
import { DOCUMENTS_EVENTS } from '../../modules/documents/index.js';
import { INCIDENTS_EVENTS } from '../../modules/incidents/index.js';
import { PAGING_EVENTS } from '../../modules/paging/index.js';
import { RESPONSE_EVENTS } from '../../modules/response/index.js';
import { SCHEDULES_EVENTS } from '../../modules/schedules/index.js';

export const DECLARED_EVENTS: readonly string[] = [
  ...DOCUMENTS_EVENTS,
  ...INCIDENTS_EVENTS,
  ...PAGING_EVENTS,
  ...RESPONSE_EVENTS,
  ...SCHEDULES_EVENTS,
];
