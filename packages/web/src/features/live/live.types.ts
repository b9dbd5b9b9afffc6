/** What the live stream says (server: modules/live, ADR 19): which incidents changed, in which parts. */
import type { paths } from '@tocsin/sdk';
import type { Json } from '../../api/openapi-shapes';

export type LiveChange = Json<paths['/api/v1/live']['get']['responses'][200]>['changes'][number];
export type LivePart = LiveChange['parts'][number];

/** What a screen is told: these changed, or load everything again (after a gap the server could not fill). */
export type LiveSignal = { kind: 'changes'; changes: LiveChange[] } | { kind: 'reload' };

/** "live": changes arrive as they happen; "connecting": (re)connecting; "offline": the stream failed, screens poll. */
export type LiveStatus = 'connecting' | 'live' | 'offline';
