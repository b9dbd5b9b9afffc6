/**
 * Live: tells open screens which incidents changed so they load them again
 * (ADR 19). Changes are noted by database triggers (migration 0015) on every
 * table an incident page shows, whoever writes them; this module reads the
 * notes, applies the visibility rule of private incidents (ADR 18), and
 * prunes them. It never says what changed, only where: the reader loads it
 * through the API, which checks everything as usual.
 */
export { LiveHub, type LiveHubOptions, type LiveListener, type LiveMessage } from './live.hub.js';
export { changesSince, currentCursor } from './live.changes.js';
export {
  CursorSchema,
  LiveBatchSchema,
  LiveChangeSchema,
  LIVE_PARTS,
  type LiveBatch,
  type LivePart,
} from './live.types.js';
