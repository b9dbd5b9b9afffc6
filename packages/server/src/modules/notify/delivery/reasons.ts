/**
 * Why a message about a declared incident was sent (ADR 17), kept in the
 * notification's details: a page for a role, a hand-off asked of someone, an
 * owner reminded (to call for backup, post an update, review the detailed
 * status); and, for a channel post, what changed. The shapes mirror
 * the response module's event payloads (notify does not depend on response).
 * Pure: the sentences every provider shows.
 */

/** Why a person is paged beyond "the escalation reached you". */
export type PageReason =
  | { reason: 'role'; roleName: string; roleSlug: string }
  | { reason: 'handoff_request'; roleName: string; fromName: string; note: string }
  | { reason: 'owner_reminder'; minutes: number; nextRoleName: string | null }
  | { reason: 'objectives_met'; count: number }
  | { reason: 'status_update'; message: string; stage: string; by: string }
  | { reason: 'update_due'; minutes: number }
  | { reason: 'review_due'; minutes: number; unsavedMinutes: number; neverSaved: boolean };

/** What changed, for a post to the channel a declared incident was announced in. */
export type IncidentChange =
  | {
      change: 'declared';
      severity: string;
      by: string;
      origin: 'declared' | 'reported' | 'promoted';
      nearMiss: boolean;
    }
  | { change: 'severity'; from: string; to: string; by: string; reason: string }
  | { change: 'stage'; from: string; to: string; by: string }
  | { change: 'update'; message: string; stage: string; by: string };

/** The incident as the sentences name it. */
interface Named {
  number: number;
  title: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The page reason a notification's details hold, if any (schedule notices hold other details). */
export const pageReasonOf = (details: unknown): PageReason | undefined =>
  isObject(details) && typeof details.reason === 'string' ? (details as PageReason) : undefined;

/** The change a channel notice's details hold, if any. */
export const incidentChangeOf = (details: unknown): IncidentChange | undefined =>
  isObject(details) && typeof details.change === 'string' && !('scheduleName' in details)
    ? (details as IncidentChange)
    : undefined;

/** "Incident manager on call (IMOC)": the slug is shown when it is the name's initials, as for the built-in roles. */
export function roleLabel(name: string, slug?: string): string {
  if (!slug) return name;
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase())
    .join('');
  return initials === slug.toUpperCase() ? `${name} (${initials})` : name;
}

/**
 * Whether a page still concerns the person: an escalation page only while
 * nobody has acknowledged the incident; a page with a reason (a role, a
 * hand-off, a reminder) until the incident is resolved, as acknowledging
 * does not answer it; a status update always (the last one says it is resolved).
 */
export const isPageDue = (reason: PageReason | undefined, status: string): boolean =>
  reason?.reason === 'status_update' || (reason ? status !== 'resolved' : status === 'triggered');

/** Whether the page offers Acknowledge and Resolve (links, buttons, reply codes, keys): not to ask for a hand-off or remind. */
export const offersIncidentActions = (reason: PageReason | undefined): boolean => !reason || reason.reason === 'role';

/** "You are asked to be Incident manager on call (IMOC)": a role page's ask, without the incident. */
export const roleAsk = (reason: Extract<PageReason, { reason: 'role' }>): string =>
  `You are asked to be ${roleLabel(reason.roleName, reason.roleSlug)}`;

/** The sentence saying why this page reached the person. */
export function reasonHeadline(reason: PageReason, incident: Named): string {
  const about = `#${incident.number} ${incident.title}`;
  switch (reason.reason) {
    case 'role':
      return `${roleAsk(reason)} for ${about}`;
    case 'handoff_request':
      return `${reason.fromName} asks you to take over as ${reason.roleName} for ${about}`;
    case 'owner_reminder':
      return (
        `You have troubleshot ${about} for ${reason.minutes} minutes: ` +
        (reason.nextRoleName
          ? `engage the ${reason.nextRoleName} if you need backup`
          : 'call for backup if you need it')
      );
    case 'objectives_met':
      return `${reason.count === 1 ? 'The resolution objective' : `All ${reason.count} resolution objectives`} of ${about} ${reason.count === 1 ? 'is' : 'are'} met: resolve it when you are satisfied`;
    case 'status_update':
      return `Update on ${about} (${reason.stage}) from ${reason.by}: ${reason.message}`;
    case 'update_due':
      return `A status update on ${about} is due (every ${reason.minutes} minutes): post one for its stakeholders`;
    case 'review_due':
      // The reason first: a short message clips the end.
      return reason.neverSaved
        ? `Write the detailed status, still empty ${reason.unsavedMinutes} minutes after declaring (every ${reason.minutes}): ${about}`
        : `Review the detailed status, not saved for ${reason.unsavedMinutes} minutes (every ${reason.minutes}): ${about}`;
  }
}

/** What the person can do about it, after the incident's facts (the incident's page is where roles are answered). */
export function reasonNextStep(reason: PageReason, url: string): string | undefined {
  switch (reason.reason) {
    case 'role':
      return undefined;
    case 'handoff_request':
      return `${reason.note ? `Note: ${reason.note}\n` : ''}To accept (or decline), open the incident: ${url}`;
    case 'owner_reminder':
      return `${reason.nextRoleName ? `Engage the ${reason.nextRoleName}` : 'Engage someone'} from the incident: ${url}`;
    case 'objectives_met':
      return `Check them and resolve from the incident: ${url}`;
    case 'status_update':
      return `Follow it: ${url}`;
    case 'update_due':
      return `Post an update from the incident: ${url}`;
    case 'review_due':
      return `Review and save it in the incident's live document: ${url}`;
  }
}

/** The sentence saying what changed, for a channel: "#12 S3 → S2 by Ada: customers affected". */
export function changeHeadline(change: IncidentChange, incident: Named): string {
  const ref = `#${incident.number}`;
  switch (change.change) {
    case 'declared':
      if (change.nearMiss) return `${ref} recorded as a near miss (${change.severity}) by ${change.by}`;
      return `${ref} ${change.origin === 'reported' ? 'reported' : 'declared'} ${change.severity} by ${change.by}`;
    case 'severity':
      return `${ref} ${change.from} → ${change.to} by ${change.by}${change.reason ? `: ${change.reason}` : ''}`;
    case 'stage':
      return `${ref} ${change.from} → ${change.to} by ${change.by}`;
    case 'update':
      return `${ref} update (${change.stage}) from ${change.by}: ${change.message}`;
  }
}
