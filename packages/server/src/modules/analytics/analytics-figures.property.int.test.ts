/**
 * Property: for random incident histories (snapshots with random clocks,
 * targets, near misses, merges, teams, services and policies), the SQL
 * aggregates equal a naive computation in memory of docs/analytics.md's
 * definitions, for every grouping and a random combination of filters.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../lib/actor.js';
import { FakeClock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/db.js';
import { insertPolicy, insertService } from '../../test-support/paging-fixtures.js';
import { aggregateFigures } from './analytics.figures.js';
import { RANK_READ_PARTS } from './analytics.ranks.js';
import type { AnalyticsFilter } from './analytics.filters.js';
import { compactRollup, rollupAnswers } from './analytics.rollup.js';
import type { Audience } from './analytics.filters.js';
import { GROUP_BYS, PERIODS, type Distribution, type GroupBy, type Period } from './analytics.schema.js';

let database: TestDatabase;
const clock = new FakeClock('2026-10-01T00:00:00Z');
const teams = ['00000000-0000-7000-8000-0000000000a1', '00000000-0000-7000-8000-0000000000a2'];
let services: string[] = [];
let policies: string[] = [];
const NOW = new Date('2026-12-01T00:00:00Z');
/** A responder who declared some of the private incidents, so sees those and not the others. */
const READER_ID = '00000000-0000-7000-8000-0000000000b1';
const reader: Audience = {
  type: 'user',
  userId: READER_ID,
  label: 'Reader',
  role: 'responder',
  scopes: ['read'],
  via: 'token',
};
const START = Date.parse('2026-10-20T00:00:00Z');
const MINUTE = 60_000;

interface History {
  openedMin: number;
  team: number | null;
  service: number;
  policy: number;
  urgency: 'high' | 'low';
  priority: 'P1' | 'P3' | null;
  severity: 'S1' | 'S3' | null;
  nearMiss: boolean;
  merged: boolean;
  ackDueMin: number | null;
  resolveDueMin: number | null;
  /** The clocks, in seconds from the opening (null: not yet). */
  ackSec: number | null;
  integration: boolean;
  mitigateSec: number | null;
  resolveSec: number | null;
  escalations: number;
}

const history: fc.Arbitrary<History> = fc
  .record({
    openedMin: fc.integer({ min: 0, max: 60 * 24 * 45 }), // Oct 20 to early December: month, DST and week boundaries
    team: fc.constantFrom(0, 1, null),
    service: fc.constantFrom(0, 1),
    policy: fc.constantFrom(0, 1),
    urgency: fc.constantFrom('high' as const, 'low' as const),
    priority: fc.constantFrom('P1' as const, 'P3' as const, null),
    severity: fc.constantFrom('S1' as const, 'S3' as const, null),
    nearMiss: fc.constantFrom(false, false, false, false, true),
    merged: fc.constantFrom(false, false, false, false, false, false, true),
    // Small sets beside the ranges, so clocks stopping exactly at a due instant come up often.
    ackDueMin: fc.option(fc.oneof(fc.constantFrom(5, 15, 60), fc.integer({ min: 1, max: 600 }))),
    resolveDueMin: fc.option(fc.oneof(fc.constantFrom(60, 240), fc.integer({ min: 1, max: 6000 }))),
    ackMin: fc.option(fc.oneof(fc.constantFrom(0, 5, 15, 60), fc.integer({ min: 0, max: 900 }))),
    integration: fc.boolean(),
    mitigateExtra: fc.option(fc.integer({ min: 0, max: 900 })),
    resolveExtra: fc.option(fc.oneof(fc.constantFrom(0, 45, 60, 240), fc.integer({ min: 0, max: 9000 }))),
    escalations: fc.constantFrom(0, 0, 1, 3),
  })
  .map(({ ackMin, mitigateExtra, resolveExtra, ...h }) => ({
    ...h,
    ackSec: ackMin === null ? null : ackMin * 60,
    mitigateSec: mitigateExtra === null ? null : ((ackMin ?? 0) + mitigateExtra) * 60,
    resolveSec: resolveExtra === null ? null : ((ackMin ?? 0) + resolveExtra) * 60,
  }));

/**
 * Clocks that stop on the rollup's histogram bounds (powers of two seconds,
 * migration 0025) and beside them, with many ties, so that the median's and
 * the p90's ranks often fall on a bucket's first or last value, or straddle
 * two buckets; from below a second to past the last bound (2^23 s).
 */
const boundarySeconds = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 24 }).map((k) => 2 ** k), weight: 6 },
  { arbitrary: fc.integer({ min: 1, max: 24 }).map((k) => 2 ** k - 1), weight: 2 },
  { arbitrary: fc.constantFrom(0, 0.5, 3, 5, 6), weight: 1 },
);
const boundaryHistory: fc.Arbitrary<History> = fc
  .tuple(history, fc.option(boundarySeconds), fc.option(boundarySeconds), fc.option(boundarySeconds))
  .map(([h, ack, mitigate, resolve]) => ({
    ...h,
    ackSec: ack,
    mitigateSec: mitigate,
    resolveSec: resolve === null ? null : Math.max(ack ?? 0, resolve),
  }));

/** Mostly absent, so that a combination of filters still keeps some incidents. */
const sometimes = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: arb, weight: 1 });

const filterArb = fc.record({
  teamId: sometimes(fc.constantFrom(...teams)),
  serviceIdx: sometimes(fc.constantFrom(0, 1)),
  policyIdx: sometimes(fc.constantFrom(0, 1)),
  priority: sometimes(fc.constantFrom('P1' as const, 'P3' as const)),
  urgency: sometimes(fc.constantFrom('high' as const, 'low' as const)),
  severity: sometimes(fc.constantFrom('S1' as const, 'S3' as const, 'none' as const)),
  fromMin: fc.integer({ min: 0, max: 60 * 24 * 20 }),
  lengthMin: fc.integer({ min: 60, max: 60 * 24 * 40 }),
  tz: fc.constantFrom('UTC', 'America/New_York', 'Europe/Paris', 'Australia/Sydney'),
});

const at = (min: number | null, base = 0): Date | null =>
  min === null ? null : new Date(START + (base + min) * MINUTE);
/** The instant a clock stopped, `seconds` after the incident opened. */
const clockAt = (h: History, seconds: number | null): Date | null =>
  seconds === null ? null : new Date(START + h.openedMin * MINUTE + seconds * 1000);

beforeAll(async () => {
  // The rollup path's rank reads shared out over helper connections even for these few groups (ADR 32).
  RANK_READ_PARTS.minPerPart = 2;
  database = await createTestDatabase();
  for (const _ of [0, 1]) policies.push(await insertPolicy(database.db, clock, []));
  for (const [i, policyId] of policies.entries())
    services.push(await insertService(database.db, clock, { policyId, slug: `prop-${i}` }));
  await database.db
    .insertInto('users')
    .values({
      id: READER_ID,
      email: 'reader@example.com',
      name: 'Reader',
      role: 'responder',
      created_at: clock.now(),
      updated_at: clock.now(),
    })
    .execute();
  for (const [i, id] of teams.entries()) {
    await database.db
      .insertInto('teams')
      .values({ id, slug: `team-${i}`, name: `Team ${i}`, created_at: clock.now(), updated_at: clock.now() })
      .execute();
  }
});
afterAll(async () => {
  await database?.drop();
});

/**
 * Writes the histories. With `viaUpdates`, each snapshot is first inserted as
 * just opened (no clock, no severity) and then updated to its history, some
 * of the rollup's delta rows folded in between, so the rollup's triggers see
 * inserts, updates that move an incident to another cell, and compactions;
 * `privateOnes` marks those incidents private, `declaredByReader` those of
 * them the reader declared (and so sees).
 */
async function store(
  histories: History[],
  options: { viaUpdates?: boolean; compactAt?: number; privateOnes?: boolean[]; declaredByReader?: boolean[] } = {},
): Promise<void> {
  await database.db.deleteFrom('incidents').execute();
  await database.db.deleteFrom('incident_sla_rollup').execute();
  await compactRollup(database.db);
  for (const [index, h] of histories.entries()) {
    const id = newId(clock.now());
    const opened = at(h.openedMin)!;
    await database.db
      .insertInto('incidents')
      .values({
        id,
        service_id: services[h.service]!,
        title: 'p',
        status: 'resolved',
        urgency: h.urgency,
        priority: h.priority,
        group_key: null,
        triggered_at: opened,
        created_by: 'test',
        created_at: opened,
        updated_at: opened,
      })
      .execute();
    await database.db
      .insertInto('incident_sla')
      .values({
        incident_id: id,
        opened_at: opened,
        service_id: services[h.service]!,
        team_id: h.team === null ? null : teams[h.team]!,
        escalation_policy_id: policies[h.policy]!,
        urgency: h.urgency,
        priority: h.priority,
        severity: h.severity,
        near_miss: h.nearMiss,
        time_zone: 'UTC',
        business_hours: 'null',
        ack_target_minutes: h.ackDueMin,
        ack_due_at: at(h.ackDueMin, h.openedMin),
        resolve_target_minutes: h.resolveDueMin,
        resolve_due_at: at(h.resolveDueMin, h.openedMin),
        first_ack_at: clockAt(h, h.ackSec),
        first_ack_kind: h.ackSec === null ? null : h.integration ? 'integration' : 'person',
        mitigated_at: clockAt(h, h.mitigateSec),
        resolved_at: clockAt(h, h.resolveSec),
        escalation_count: h.escalations,
        paged_user_ids: [],
        merged_into: h.merged ? id : null,
        updated_at: opened,
        ...(options.viaUpdates && {
          severity: null,
          near_miss: false,
          first_ack_at: null,
          first_ack_kind: null,
          mitigated_at: null,
          resolved_at: null,
          escalation_count: 0,
          merged_into: null,
        }),
      })
      .execute();
    if (options.privateOnes?.[index]) {
      await database.db
        .insertInto('incident_responses')
        .values({
          incident_id: id,
          severity: 'S1',
          stage: 'investigating',
          private: true,
          declared_by: options.declaredByReader?.[index] ? READER_ID : null,
          declared_by_label: 'test',
          declared_at: opened,
          origin: 'declared',
          stage_changed_at: opened,
          updated_at: opened,
        })
        .execute();
    }
    if (options.viaUpdates) {
      if (options.compactAt === index) await compactRollup(database.db, 7);
      await database.db
        .updateTable('incident_sla')
        .set({
          severity: h.severity,
          near_miss: h.nearMiss,
          first_ack_at: clockAt(h, h.ackSec),
          first_ack_kind: h.ackSec === null ? null : h.integration ? 'integration' : 'person',
          mitigated_at: clockAt(h, h.mitigateSec),
          resolved_at: clockAt(h, h.resolveSec),
          escalation_count: h.escalations,
          merged_into: h.merged ? id : null,
        })
        .where('incident_id', '=', id)
        .execute();
    }
  }
}

// ---- the naive computation, straight from docs/analytics.md ----

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const position = p * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (position - low) * (sorted[high]! - sorted[low]!);
}

function distribution(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const r = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
  return {
    count: values.length,
    mean: r(values.length ? values.reduce((a, b) => a + b, 0) / values.length : null),
    median: r(percentile(sorted, 0.5)),
    p90: r(percentile(sorted, 0.9)),
  };
}

function judge(h: History) {
  const now = NOW.getTime();
  const t = (min: number | null) => (min === null ? null : at(min, h.openedMin)!.getTime());
  const c = (seconds: number | null) => clockAt(h, seconds)?.getTime() ?? null;
  const [ackDue, resolveDue, ack, resolved] = [t(h.ackDueMin), t(h.resolveDueMin), c(h.ackSec), c(h.resolveSec)];
  const neverAcked = ackDue !== null && ack === null && ackDue < (resolved ?? now);
  const ackedLate = ackDue !== null && ack !== null && ack > ackDue;
  const resolvedLate = resolveDue !== null && resolveDue < (resolved ?? now);
  const pending =
    (ackDue !== null && ack === null && resolved === null && ackDue >= now) ||
    (resolveDue !== null && resolved === null && resolveDue >= now);
  const breached = neverAcked || ackedLate || resolvedLate;
  return { breached, pending: !breached && pending, within: !breached && !pending };
}

function keyOf(h: History, groupBy: GroupBy, period: Period, tz: string): string | null {
  switch (groupBy) {
    case 'none':
      return null;
    case 'severity':
      return h.severity ?? 'none';
    case 'priority':
      return h.priority ?? 'none';
    case 'urgency':
      return h.urgency;
    case 'team':
      return h.team === null ? null : teams[h.team]!;
    case 'service':
      return services[h.service]!;
    case 'policy':
      return policies[h.policy]!;
    case 'period':
      return DateTime.fromJSDate(at(h.openedMin)!, { zone: tz }).startOf(period).toFormat('yyyy-MM-dd');
  }
}

function naive(
  histories: History[],
  filter: AnalyticsFilter,
  groupBy: GroupBy,
  thenBy: GroupBy,
  period: Period,
  hidden: boolean[] = [],
) {
  const kept = histories.filter((h, index) => {
    if (hidden[index]) return false;
    const opened = at(h.openedMin)!.getTime();
    return (
      opened >= filter.from.getTime() &&
      opened < filter.to.getTime() &&
      (!filter.teamId || (h.team !== null && teams[h.team] === filter.teamId)) &&
      (!filter.serviceId || services[h.service] === filter.serviceId) &&
      (!filter.policyId || policies[h.policy] === filter.policyId) &&
      (!filter.priority || h.priority === filter.priority) &&
      (!filter.urgency || h.urgency === filter.urgency) &&
      (!filter.severity || (h.severity ?? 'none') === filter.severity)
    );
  });
  const groups = new Map<string, History[]>();
  for (const h of kept) {
    const key = JSON.stringify([keyOf(h, groupBy, period, filter.tz), keyOf(h, thenBy, period, filter.tz)]);
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  return new Map(
    [...groups].map(([key, all]) => {
      const counted = all.filter((h) => !h.nearMiss && !h.merged);
      const judged = counted.map(judge);
      const within = judged.filter((j) => j.within).length;
      const breached = judged.filter((j) => j.breached).length;
      const acked = counted.filter((h) => h.ackSec !== null);
      const seconds = (pick: (h: History) => number | null) => counted.map(pick).filter((m): m is number => m !== null);
      return [
        key,
        {
          count: counted.length,
          nearMisses: all.filter((h) => h.nearMiss && !h.merged).length,
          tta: distribution(seconds((h) => h.ackSec)),
          ttm: distribution(seconds((h) => h.mitigateSec)),
          ttr: distribution(seconds((h) => h.resolveSec)),
          escalationRate: counted.length ? counted.filter((h) => h.escalations > 0).length / counted.length : null,
          ackedByIntegrationShare: acked.length ? acked.filter((h) => h.integration).length / acked.length : null,
          within,
          breached,
          pending: judged.filter((j) => j.pending).length,
          compliance: within + breached === 0 ? null : within / (within + breached),
        },
      ];
    }),
  );
}

/** The SQL aggregates for `audience` against the naive computation; the incidents compared. */
async function compareWithNaive(
  histories: History[],
  filter: AnalyticsFilter,
  groupBy: GroupBy,
  thenBy: GroupBy,
  period: Period,
  audience: Audience = systemActor(),
  hidden: boolean[] = [],
): Promise<number> {
  const sqlGroups = await aggregateFigures(database.db, audience, NOW, filter, groupBy, period, thenBy);
  const expected = naive(histories, filter, groupBy, thenBy, period, hidden);
  const keyOfGroup = (g: { key: string | null; subKey: string | null }) => JSON.stringify([g.key, g.subKey]);
  expect(new Set(sqlGroups.map(keyOfGroup))).toEqual(new Set(expected.keys()));
  for (const group of sqlGroups) {
    const want = expected.get(keyOfGroup(group))!;
    const { key: _key, subKey: _subKey, escalationRate, ackedByIntegrationShare, compliance, ...exact } = group;
    const { escalationRate: er, ackedByIntegrationShare: share, compliance: c, ...wantExact } = want;
    expect(exact).toEqual(wantExact);
    for (const [got, wanted] of [
      [escalationRate, er],
      [ackedByIntegrationShare, share],
      [compliance, c],
    ] as const) {
      if (wanted === null) expect(got).toBeNull();
      else expect(got).toBeCloseTo(wanted, 9);
    }
  }
  return sqlGroups.reduce((sum, g) => sum + g.count, 0);
}

/** The bucket of a clock in the rollup's histograms (migration 0025): below 1 s, octaves, 2^23 s and more. */
const bucketOf = (seconds: number) => (seconds < 1 ? 0 : Math.min(24, Math.floor(Math.log2(seconds)) + 1));

/**
 * Counts, per service and severity group the filter keeps and each clock,
 * the median's and p90's ranks whose value is a bucket's floor, whose two
 * values lie in two buckets, or in the first or last bucket: how often the
 * property met the cases the histograms make delicate.
 */
function countRanks(
  histories: History[],
  filter: AnalyticsFilter,
  hidden: boolean[],
  seen: { onBoundary: number; straddling: number; inLastBucket: number; belowOneSecond: number },
): void {
  const groups = new Map<string, History[]>();
  for (const [index, h] of histories.entries()) {
    const opened = at(h.openedMin)!.getTime();
    const kept =
      !hidden[index] &&
      !h.nearMiss &&
      !h.merged &&
      opened >= filter.from.getTime() &&
      opened < filter.to.getTime() &&
      (!filter.teamId || (h.team !== null && teams[h.team] === filter.teamId)) &&
      (!filter.serviceId || services[h.service] === filter.serviceId) &&
      (!filter.policyId || policies[h.policy] === filter.policyId) &&
      (!filter.severity || (h.severity ?? 'none') === filter.severity);
    if (!kept) continue;
    const key = `${h.service}/${h.severity ?? 'none'}`;
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  for (const group of groups.values()) {
    for (const pick of [(h: History) => h.ackSec, (h: History) => h.mitigateSec, (h: History) => h.resolveSec]) {
      const values = group
        .map(pick)
        .filter((v): v is number => v !== null)
        .sort((a, b) => a - b);
      for (const p of [0.5, 0.9]) {
        if (values.length === 0) continue;
        const position = p * (values.length - 1);
        const [low, high] = [values[Math.floor(position)]!, values[Math.ceil(position)]!];
        if (low >= 1 && Number.isInteger(Math.log2(low)) && low <= 2 ** 23) seen.onBoundary++;
        if (bucketOf(low) !== bucketOf(high)) seen.straddling++;
        if (bucketOf(high) === 24) seen.inLastBucket++;
        if (bucketOf(low) === 0) seen.belowOneSecond++;
      }
    }
  }
}

describe('SQL aggregates against a naive computation', () => {
  it('agree for random histories, groupings and filters', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(history, { minLength: 10, maxLength: 60, size: 'max' }),
        filterArb,
        fc.constantFrom(...GROUP_BYS),
        fc.constantFrom(...GROUP_BYS),
        fc.constantFrom(...PERIODS),
        async (histories, f, groupBy, thenBy, period) => {
          await store(histories);
          const filter: AnalyticsFilter = {
            from: at(f.fromMin)!,
            to: at(f.fromMin + f.lengthMin)!,
            tz: f.tz,
            ...(f.teamId && { teamId: f.teamId }),
            ...(f.serviceIdx !== null && { serviceId: services[f.serviceIdx]! }),
            ...(f.policyIdx !== null && { policyId: policies[f.policyIdx]! }),
            ...(f.priority && { priority: f.priority }),
            ...(f.urgency && { urgency: f.urgency }),
            ...(f.severity && { severity: f.severity }),
          };
          compared += await compareWithNaive(histories, filter, groupBy, thenBy, period);
        },
      ),
      { numRuns: 100 },
    );
    // The filters must leave something to compare, or the property proves nothing.
    expect(compared).toBeGreaterThan(100);
  }, 300_000);

  it('agree through the monthly rollup, its histograms and the clock indexes (service × severity over whole months), after updates and compactions, for readers who may not see some private incidents, with ranks on bucket boundaries', async () => {
    let compared = 0;
    const ranksSeen = { onBoundary: 0, straddling: 0, inLastBucket: 0, belowOneSecond: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.array(history, { minLength: 10, maxLength: 60, size: 'max' }),
          fc.array(boundaryHistory, { minLength: 10, maxLength: 60, size: 'max' }),
        ),
        filterArb,
        fc.constantFrom<[GroupBy, GroupBy]>(['service', 'severity'], ['severity', 'service']),
        fc.integer({ min: 0, max: 60 * 24 * 12 }), // from Oct 20 to Nov 1: an edge in October
        fc.integer({ min: 0, max: 60 * 24 * 3 }), // to Dec 1 to Dec 4: an edge in December
        fc.integer({ min: 0, max: 60 }),
        fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
        fc.constantFrom('system' as const, 'public' as const, 'reader' as const),
        async (histories, f, [groupBy, thenBy], fromMin, toExtra, compactAt, privacy, who) => {
          const privateOnes = privacy.map((p, i) => p && i % 4 === 0);
          const declaredByReader = privateOnes.map((p, i) => p && i % 8 === 0);
          await store(histories, { viaUpdates: true, compactAt, privateOnes, declaredByReader });
          if (compactAt % 2 === 0) await compactRollup(database.db);
          const filter: AnalyticsFilter = {
            from: at(fromMin)!,
            to: new Date(Date.parse('2026-12-01T00:00:00Z') + toExtra * MINUTE),
            tz: f.tz,
            ...(f.teamId && { teamId: f.teamId }),
            ...(f.serviceIdx !== null && { serviceId: services[f.serviceIdx]! }),
            ...(f.policyIdx !== null && { policyId: policies[f.policyIdx]! }),
            ...(f.severity && { severity: f.severity }),
          };
          expect(rollupAnswers(filter, groupBy, thenBy)).toBe(true);
          const hidden =
            who === 'public'
              ? privateOnes
              : who === 'reader'
                ? privateOnes.map((p, i) => p && !declaredByReader[i])
                : [];
          const audience = who === 'public' ? 'public' : who === 'reader' ? reader : systemActor();
          compared += await compareWithNaive(histories, filter, groupBy, thenBy, 'month', audience, hidden);
          countRanks(histories, filter, hidden, ranksSeen);
        },
      ),
      { numRuns: 80 },
    );
    expect(compared).toBeGreaterThan(100);
    // The cases the histograms make delicate did come up: a rank's value on a bucket's floor, the two
    // ranks of an interpolation in two buckets, values in the last bucket (2^23 s and more) and in the first.
    expect(ranksSeen.onBoundary).toBeGreaterThan(20);
    expect(ranksSeen.straddling).toBeGreaterThan(20);
    expect(ranksSeen.inLastBucket).toBeGreaterThan(0);
    expect(ranksSeen.belowOneSecond).toBeGreaterThan(0);
  }, 300_000);
});
