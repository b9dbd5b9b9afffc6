/**
 * Response notices (ADR 17): a person engaged in a role is paged saying which
 * role; the person asked to take a hand-off is told who asks, for which role,
 * and where to accept; an owner past their troubleshooting time is reminded
 * which role to engage next; an owner whose objectives are all met is told
 * to resolve when satisfied; the channel a declared incident was announced in
 * hears what changed; a status update reaches the stakeholders and followers
 * quietly and the channel as a post; a late update reminds the CMOC or owner
 * quietly, and a detailed status gone unsaved reminds the owner quietly. Each page carries its reason in the notification's
 * details (reasons.ts), so every provider says why. The inputs mirror the
 * response module's event payloads (notify does not depend on response).
 */
import type { Db } from '../../../db/client.js';
import type { Clock } from '../../../lib/clock.js';
import { planChannelNotices } from './channel-notices.js';
import { planPages } from './plan-pages.js';
import type { IncidentChange } from './reasons.js';

interface IncidentRef {
  incidentId: string;
}

export interface RoleEngaged extends IncidentRef {
  holderId: string;
  roleSlug: string;
  roleName: string;
  page: boolean;
  engagementId: string;
}

export interface HandoffRequested extends IncidentRef {
  handoffId: string;
  roleName: string;
  fromName: string;
  toUserId: string;
  note: string;
}

export interface OwnerReminded extends IncidentRef {
  ownerId: string;
  minutes: number;
  nextRoleName: string | null;
}

export interface ObjectivesMet extends IncidentRef {
  ownerId: string;
  count: number;
  at: string;
}

export interface StatusUpdated extends IncidentRef {
  updateId: string;
  message: string;
  stage: string;
  by: string;
  recipientIds: string[];
  announceChannelId: string | null;
}

export interface UpdateDue extends IncidentRef {
  userId: string;
  minutes: number;
  at: string;
}

export interface ReviewDue extends IncidentRef {
  ownerId: string;
  minutes: number;
  lastSavedAt: string | null;
  unsavedMinutes: number;
  dueAt: string;
}

interface Announced extends IncidentRef {
  announceChannelId: string | null;
}

export interface Declared extends Announced {
  severity: string;
  nearMiss: boolean;
  origin: 'declared' | 'reported' | 'promoted';
  declaredBy: string;
}

export interface SeverityChanged extends Announced {
  from: string;
  to: string;
  by: string;
  reason: string;
  at: string;
}

export interface StageChanged extends Announced {
  from: string;
  to: string;
  by: string;
  at: string;
}

/** A role engaged with a page: the holder is paged urgently, told which role. */
export async function planRolePage(db: Db, clock: Clock, event: RoleEngaged): Promise<void> {
  if (!event.page) return;
  await planPages(db, clock, {
    incidentId: event.incidentId,
    userIds: [event.holderId],
    urgency: 'high',
    stepKey: `${event.incidentId}:role:${event.engagementId}`,
    reason: { reason: 'role', roleName: event.roleName, roleSlug: event.roleSlug },
  });
}

/** A hand-off asked: the person asked hears it quietly (low urgency), with the note and where to accept. */
export async function planHandoffRequest(db: Db, clock: Clock, event: HandoffRequested): Promise<void> {
  await planPages(db, clock, {
    incidentId: event.incidentId,
    userIds: [event.toUserId],
    urgency: 'low',
    stepKey: `${event.incidentId}:handoff:${event.handoffId}`,
    reason: { reason: 'handoff_request', roleName: event.roleName, fromName: event.fromName, note: event.note },
  });
}

/** The owner reminded to call for backup: quietly, saying how long and which role is next. */
export async function planOwnerReminder(db: Db, clock: Clock, event: OwnerReminded): Promise<void> {
  await planPages(db, clock, {
    incidentId: event.incidentId,
    userIds: [event.ownerId],
    urgency: 'low',
    stepKey: `${event.incidentId}:reminder`,
    reason: { reason: 'owner_reminder', minutes: event.minutes, nextRoleName: event.nextRoleName },
  });
}

/** Every resolution objective met: the owner hears it quietly, to resolve when satisfied (once per time all are met). */
export async function planObjectivesMetNotice(db: Db, clock: Clock, event: ObjectivesMet): Promise<void> {
  await planPages(db, clock, {
    incidentId: event.incidentId,
    userIds: [event.ownerId],
    urgency: 'low',
    stepKey: `${event.incidentId}:objectives-met:${event.at}`,
    reason: { reason: 'objectives_met', count: event.count },
  });
}

/** Posts what changed to the channel the incident was announced in, if any; `key` is unique per change. */
async function announceChange(db: Db, clock: Clock, event: Announced, key: string, change: IncidentChange) {
  if (!event.announceChannelId) return;
  await planChannelNotices(db, clock, {
    incidentId: event.incidentId,
    channelIds: [event.announceChannelId],
    keyPrefix: key,
    change,
  });
}

export const announceDeclared = (db: Db, clock: Clock, event: Declared): Promise<void> =>
  announceChange(db, clock, event, `declared:${event.incidentId}`, {
    change: 'declared',
    severity: event.severity,
    by: event.declaredBy,
    origin: event.origin,
    nearMiss: event.nearMiss,
  });

export const announceSeverityChange = (db: Db, clock: Clock, event: SeverityChanged): Promise<void> =>
  announceChange(db, clock, event, `severity:${event.incidentId}:${event.at}`, {
    change: 'severity',
    from: event.from,
    to: event.to,
    by: event.by,
    reason: event.reason,
  });

export const announceStageChange = (db: Db, clock: Clock, event: StageChanged): Promise<void> =>
  announceChange(db, clock, event, `stage:${event.incidentId}:${event.at}`, {
    change: 'stage',
    from: event.from,
    to: event.to,
    by: event.by,
  });

/** A status update: each stakeholder and follower hears it quietly (low urgency: never a page); the channel gets a post. */
export async function planStatusUpdateNotices(db: Db, clock: Clock, event: StatusUpdated): Promise<void> {
  const { message, stage, by } = event;
  if (event.recipientIds.length > 0)
    await planPages(db, clock, {
      incidentId: event.incidentId,
      userIds: event.recipientIds,
      urgency: 'low',
      stepKey: `${event.incidentId}:update:${event.updateId}`,
      reason: { reason: 'status_update', message, stage, by },
    });
  await announceChange(db, clock, event, `update:${event.updateId}`, { change: 'update', message, stage, by });
}

/** An update is late: the CMOC (or owner) is reminded quietly, once per reminder. */
export async function planUpdateReminder(db: Db, clock: Clock, event: UpdateDue): Promise<void> {
  await planPages(db, clock, {
    incidentId: event.incidentId,
    userIds: [event.userId],
    urgency: 'low',
    stepKey: `${event.incidentId}:update-due:${event.at}`,
    reason: { reason: 'update_due', minutes: event.minutes },
  });
}

/** The detailed status has gone unsaved for the severity's interval: the owner is reminded quietly, once per due time. */
export async function planReviewReminder(db: Db, clock: Clock, event: ReviewDue): Promise<void> {
  await planPages(db, clock, {
    incidentId: event.incidentId,
    userIds: [event.ownerId],
    urgency: 'low',
    stepKey: `${event.incidentId}:review-due:${event.dueAt}`,
    reason: {
      reason: 'review_due',
      minutes: event.minutes,
      unsavedMinutes: event.unsavedMinutes,
      neverSaved: event.lastSavedAt === null,
    },
  });
}
