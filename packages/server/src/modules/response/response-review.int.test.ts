/**
 * The detailed status's periodic review against PostgreSQL (issue #12; seed
 * 001: "review periodically to keep current"): the interval per severity
 * (seeded, edited by admins, refused when bad), when the review falls due
 * (from the declaration, then from the last save; none once resolved or for
 * a near miss), two reconcilers racing remind the owner once per due time
 * (on the timeline, and planned by notify as a quiet notice), and a changed
 * interval applies to running incidents at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/logger.js';
import {
  startResponseWorld,
  type IncidentView,
  type Person,
  type ResponseWorld,
} from '../../test-support/response-fixtures.js';
import { createReviewReminderReconciler } from './index.js';

let w: ResponseWorld;
let alice: Person; // declares with nobody paged: EOC and owner
let admin: Person;
let service: { id: string; slug: string };

beforeAll(async () => {
  w = await startResponseWorld();
  alice = await w.person();
  admin = await w.person('admin');
  service = await w.service(alice);
});
afterAll(async () => w?.close());

const declare = (severity: string, extra: Record<string, unknown> = {}) =>
  w.ok(
    alice,
    'POST',
    '/api/v1/incidents',
    { serviceId: service.slug, title: `Review ${severity}`, severity, page: 'none', ...extra },
    201,
  );

const dueAt = async (incident: IncidentView) =>
  (
    await w.ok<{ detailedStatusReviewDueAt: string | null }>(
      w.viewer,
      'GET',
      `/api/v1/incidents/${incident.number}/response`,
    )
  ).detailedStatusReviewDueAt;

const minutesFromNow = (minutes: number) => new Date(w.t.clock.now().getTime() + minutes * 60_000).toISOString();

/** Saves the detailed status from its current version. */
async function saveDetailedStatus(incident: IncidentView, text: string): Promise<void> {
  const path = `/api/v1/incidents/${incident.number}/document`;
  const doc = await w.ok<{ sections: Array<{ key: string; version: number }> }>(alice, 'GET', path);
  const version = doc.sections.find((s) => s.key === 'detailed_status')!.version;
  await w.ok(alice, 'PUT', `${path}/sections/detailed_status`, { text, baseVersion: version });
}

const reminders = async (incident: IncidentView) =>
  (await w.timeline(incident.number)).filter((e) => e.kind === 'review_reminded');

/** The quiet notices notify planned for a review reminder (the owner has no contact method: skipped, with its key). */
const noticesPlanned = async (incident: IncidentView) =>
  (
    await w.t.app.db
      .selectFrom('incident_timeline')
      .select('data')
      .where('incident_id', '=', incident.id)
      .where('kind', '=', 'notification_skipped')
      .execute()
  )
    .map((row) => (row.data as { stepKey: string }).stepKey)
    .filter((key) => key.includes(':review-due:'));

describe('the review interval per severity', () => {
  it('is seeded shorter for worse severities, edited by admins only, and refused when it is no number of minutes', async () => {
    const severities = await w.ok<{ items: Array<{ key: string; detailedStatusReviewMinutes: number | null }> }>(
      w.viewer,
      'GET',
      '/api/v1/severities',
    );
    expect(severities.items.map((s) => [s.key, s.detailedStatusReviewMinutes])).toEqual([
      ['S1', 15],
      ['S2', 30],
      ['S3', 60],
      ['S4', 240],
    ]);
    expect((await w.fails(alice, 'PATCH', '/api/v1/severities/S4', { detailedStatusReviewMinutes: 30 })).status).toBe(
      403,
    );
    for (const bad of [0, -5, 10_081, 2.5, '30'])
      expect(
        await w.fails(admin, 'PATCH', '/api/v1/severities/S4', { detailedStatusReviewMinutes: bad }),
      ).toMatchObject({ status: 400, message: expect.stringContaining('detailedStatusReviewMinutes') });
    const off = await w.ok<{ detailedStatusReviewMinutes: number | null }>(admin, 'PATCH', '/api/v1/severities/S4', {
      detailedStatusReviewMinutes: null,
    });
    expect(off.detailedStatusReviewMinutes).toBeNull();
  });
});

describe('when the review falls due', () => {
  it('counts from the declaration, then from the last save; none once resolved, none for a near miss or when off', async () => {
    const incident = await declare('S2');
    expect(await dueAt(incident)).toBe(minutesFromNow(30));
    w.t.clock.advanceMinutes(10);
    await saveDetailedStatus(incident, 'db-1 is failing over; writes queue');
    expect(await dueAt(incident)).toBe(minutesFromNow(30));
    const stored = await w.t.app.db
      .selectFrom('incident_responses')
      .select('next_review_reminder_at')
      .where('incident_id', '=', incident.id)
      .executeTakeFirstOrThrow();
    // The save moved the reconciler's due time too, not only what is shown.
    expect(stored.next_review_reminder_at?.toISOString()).toBe(minutesFromNow(30));
    // Another section's save is no review of the detailed status.
    w.t.clock.advanceMinutes(5);
    const doc = `/api/v1/incidents/${incident.number}/document`;
    await w.ok(alice, 'PUT', `${doc}/sections/summary`, { text: 'Checkout is down', baseVersion: 0 });
    expect(await dueAt(incident)).toBe(minutesFromNow(25));
    // Saved as it was ("still current"): no new version, but reviewed all the same, and on the timeline.
    w.t.clock.advanceMinutes(20);
    await saveDetailedStatus(incident, 'db-1 is failing over; writes queue');
    expect(await dueAt(incident)).toBe(minutesFromNow(30));
    const sections = await w.ok<{ sections: Array<{ key: string; version: number }> }>(alice, 'GET', doc);
    expect(sections.sections.find((s) => s.key === 'detailed_status')!.version).toBe(1);
    expect((await w.timeline(incident.number)).map((e) => e.message)).toContainEqual(
      expect.stringMatching(/ reviewed the detailed status: still current \(version 1\)$/),
    );

    await w.ok(alice, 'POST', `/api/v1/incidents/${incident.number}/stage`, { stage: 'resolved' });
    expect(await dueAt(incident)).toBeNull();
    expect((await declare('S2', { nearMiss: true })).number).toBeGreaterThan(incident.number);
    const nearMiss = (await w.ok<{ items: IncidentView[] }>(alice, 'GET', '/api/v1/incidents?nearMiss=true')).items[0]!;
    expect(await dueAt(nearMiss)).toBeNull();
    expect(await dueAt(await declare('S4'))).toBeNull(); // switched off above
  });
});

describe('the review reminder reconciler', () => {
  it('two instances racing remind the owner once per due time, on the timeline and as a quiet notice; a save re-arms it', async () => {
    const incident = await declare('S1'); // 15 minutes
    const nodes = [1, 2].map(() =>
      createReviewReminderReconciler({ db: w.t.app.db, clock: w.t.clock, logger: silentLogger }),
    );
    const race = async () => {
      await Promise.all(
        nodes.map(async (node) => {
          while (await node.runOnce(w.t.clock.now()));
        }),
      );
    };
    w.t.clock.advanceMinutes(14);
    await race();
    expect(await reminders(incident)).toEqual([]);
    w.t.clock.advanceMinutes(1);
    await race();
    await race();
    expect((await reminders(incident)).map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^The detailed status has not been written since the incident was declared, 15 minutes ago \(reviewed every 15 minutes at S1\): reminded the owner, Test responder \d+, to review it$/,
      ),
    ]);
    expect(await noticesPlanned(incident)).toHaveLength(1);
    expect(await dueAt(incident)).toBe(minutesFromNow(-0)); // overdue since now: the reminder keeps coming

    // Fifteen minutes on, again; a save then re-arms it fifteen minutes after the save.
    w.t.clock.advanceMinutes(15);
    await race();
    expect(await reminders(incident)).toHaveLength(2);
    w.t.clock.advanceMinutes(5);
    await saveDetailedStatus(incident, 'Rolled back; error rate falling');
    w.t.clock.advanceMinutes(14);
    await race();
    expect(await reminders(incident)).toHaveLength(2);
    w.t.clock.advanceMinutes(1);
    await race();
    const all = await reminders(incident);
    expect(all).toHaveLength(3);
    expect(all[2]!.message).toMatch(/^The detailed status has not been saved for 15 minutes \(reviewed every 15/);
    expect(await noticesPlanned(incident)).toHaveLength(3);

    // The app's own engine finds nothing more to do at this instant.
    await w.t.app.engine.runDue();
    expect(await reminders(incident)).toHaveLength(3);
  });

  it('a changed interval applies to running incidents at once', async () => {
    const incident = await declare('S3'); // 60 minutes
    w.t.clock.advanceMinutes(25);
    await w.t.app.engine.runDue();
    expect(await reminders(incident)).toEqual([]);
    await w.ok(admin, 'PATCH', '/api/v1/severities/S3', { detailedStatusReviewMinutes: 20 });
    expect(await dueAt(incident)).toBe(minutesFromNow(-5));
    await w.t.app.engine.runDue();
    expect(await reminders(incident)).toHaveLength(1);
    // Switched off: the reminders stop.
    await w.ok(admin, 'PATCH', '/api/v1/severities/S3', { detailedStatusReviewMinutes: null });
    w.t.clock.advanceMinutes(120);
    await w.t.app.engine.runDue();
    expect(await reminders(incident)).toHaveLength(1);
    expect(await dueAt(incident)).toBeNull();
  });
});
