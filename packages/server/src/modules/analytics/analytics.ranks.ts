/**
 * The exact median and p90 of a long period by service and severity (ADR 25,
 * ADR 30): the rollup's histogram of a clock says which bucket holds the
 * ranks percentile_cont reads, and only that stretch of the clock's covering
 * index is read, from the nearer end of the bucket; the two values are then
 * interpolated as percentile_cont does. The histogram's buckets are
 * migration 0025's (octaves of seconds); "bucket b" in SQL is
 * `clock >= incident_sla_bucket_floor(b) AND clock < incident_sla_bucket_floor(b + 1)`.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/client.js';
import type { SnapshotReaders } from '../../db/snapshot-readers.js';

export const CLOCKS = ['tta', 'ttm', 'ttr'] as const;
export type Clock = (typeof CLOCKS)[number];

/** Buckets per clock (migration 0025: below 1 s, 23 octaves, 2^23 s and more). */
export const HISTOGRAM_BUCKETS = 25;

/** The rollup's histogram columns, clock by clock: tta_h00 .. tta_h24, ttm_h00 .., ttr_h00 .. */
export const histogramColumns = (clock: Clock): string[] =>
  Array.from({ length: HISTOGRAM_BUCKETS }, (_, bucket) => `${clock}_h${String(bucket).padStart(2, '0')}`);
export const HISTOGRAM_COLUMNS = CLOCKS.flatMap(histogramColumns);

/** Where percentile_cont(p) reads over n sorted values: the two ranks (0-based) and the fraction between them. */
export function ranks(n: number, p: number) {
  const position = p * (n - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return { low, high, fraction: position - low };
}

/** One read of a group's index: ranks low..high, counted from a bucket's floor up or from its ceiling down. */
export interface RankRead {
  isAscending: boolean;
  bucket: number;
  /** Entries skipped from the bucket's edge before the first wanted one. */
  offset: number;
  limit: number;
}

/**
 * How to read ranks `low`..`high` (0-based, ascending order) of the values
 * a histogram counts: upwards from the floor of the bucket holding `low`,
 * or downwards from the ceiling of the bucket holding `high`, whichever
 * skips fewer entries. A read may run on into the next bucket (the two
 * ranks can straddle a boundary): the index keeps going. Pure.
 */
export function planRankRead(histogram: readonly number[], low: number, high: number): RankRead {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (low < 0 || high < low || high >= total) {
    throw new Error(`Ranks ${low}..${high} are outside a histogram of ${total} values`);
  }
  let before = 0; // values in the buckets below
  let lowBucket = -1;
  let beforeLow = 0;
  for (const [bucket, count] of histogram.entries()) {
    if (lowBucket < 0 && low < before + count) [lowBucket, beforeLow] = [bucket, before];
    if (high < before + count) {
      const upwards = { isAscending: true, bucket: lowBucket, offset: low - beforeLow, limit: high - low + 1 };
      const downwards = { isAscending: false, bucket, offset: before + count - 1 - high, limit: high - low + 1 };
      return downwards.offset < upwards.offset ? downwards : upwards;
    }
    before += count;
  }
  throw new Error('unreachable: high < total');
}

/** percentile_cont's interpolation (float8_lerp) between the two values read, on the same doubles. */
export function interpolate(values: readonly number[] | null, fraction: number): number | null {
  if (!values || values.length === 0) return null;
  const [low, high] = [...values].sort((a, b) => a - b);
  return high === undefined || fraction === 0 ? low! : low! + (high - low!) * fraction;
}

export interface RankGroup {
  serviceId: string;
  severityKey: string;
  /** The clock's histogram over the group's counted incidents with the clock, for this reader and period. */
  histogram: readonly number[];
}

type Percentiles = Array<{ median: number | null; p90: number | null }>;

/**
 * Shared out over readers: at least `minPerPart` rank reads per statement,
 * at most `partsPerReader` statements per reader. (The property test lowers
 * `minPerPart` so that its few groups are shared out too.)
 */
export const RANK_READ_PARTS = { minPerPart: 50, partsPerReader: 4 };

/**
 * Median and p90 of each clock per group, exactly: each read from its
 * bucket of the clock's covering index. `condition` keeps the index entries
 * the histograms count (period, filters, what the reader may see): the two
 * must agree, or the ranks land on other values. One statement per part
 * (a branch per clock); with `readers`, the parts are read side by side
 * on connections that share the caller's snapshot, else one part.
 */
export async function percentilesByRank(
  db: Db,
  groupsByClock: ReadonlyMap<Clock, readonly RankGroup[]>,
  condition: RawBuilder<boolean>,
  readers?: SnapshotReaders,
): Promise<Map<Clock, Percentiles>> {
  const out = new Map<Clock, Percentiles>();
  const reads: Read[] = [];
  for (const [clock, groups] of groupsByClock) {
    out.set(
      clock,
      groups.map(() => ({ median: null, p90: null })),
    );
    for (const [group, g] of groups.entries()) {
      const n = g.histogram.reduce((a, b) => a + b, 0);
      if (n === 0) continue;
      for (const [which, p] of [
        ['median', 0.5],
        ['p90', 0.9],
      ] as const) {
        const r = ranks(n, p);
        const read = planRankRead(g.histogram, r.low, r.high);
        reads.push({ clock, group: groups[group]!, index: group, which, fraction: r.fraction, read });
      }
    }
  }
  if (reads.length === 0) return out;
  const partCount = readers
    ? Math.min(
        Math.ceil(reads.length / RANK_READ_PARTS.minPerPart),
        RANK_READ_PARTS.partsPerReader * (readers.helpers + 1),
      )
    : 1;
  const size = Math.ceil(reads.length / partCount);
  // Consecutive reads (a clock's groups in order) in one part: they share the index's upper pages.
  const parts = Array.from({ length: partCount }, (_, k) => reads.slice(k * size, (k + 1) * size));
  const statements = parts.map((part) => (reader: Db) => readValues(reader, part, condition));
  const values = readers ? await readers.run(statements) : [await statements[0]!(db)];
  for (const [k, part] of parts.entries()) {
    for (const [i, v] of values[k]!.entries()) {
      const r = part[i]!;
      out.get(r.clock)![r.index]![r.which] = interpolate(v, r.fraction);
    }
  }
  return out;
}

interface Read {
  clock: Clock;
  group: RankGroup;
  /** The group's place in groupsByClock's list. */
  index: number;
  which: 'median' | 'p90';
  fraction: number;
  read: RankRead;
}

/** The values of each read, in the order of `reads`: one statement, a branch per clock. */
async function readValues(
  db: Db,
  reads: readonly Read[],
  condition: RawBuilder<boolean>,
): Promise<Array<number[] | null>> {
  const branches = CLOCKS.flatMap((clock) => {
    const mine = reads.map((r, i) => ({ ...r, i })).filter((r) => r.clock === clock);
    if (mine.length === 0) return [];
    const value = sql.ref(`s.${clock}`);
    const where = sql`s.service_id = g.service_id AND s.severity_key = g.severity_key AND s.counted
      AND ${value} IS NOT NULL AND ${condition}`;
    return [
      sql`SELECT g.i, x.v
      FROM unnest(${mine.map((r) => r.i)}::int[], ${mine.map((r) => r.group.serviceId)}::uuid[],
                  ${mine.map((r) => r.group.severityKey)}::text[],
                  ${mine.map((r) => r.read.isAscending)}::boolean[], ${mine.map((r) => r.read.bucket)}::int[],
                  ${mine.map((r) => r.read.offset)}::int[], ${mine.map((r) => r.read.limit)}::int[])
        AS g(i, service_id, severity_key, is_ascending, bucket, skip, take)
      CROSS JOIN LATERAL (SELECT array_agg(y.v) AS v FROM (
        (SELECT ${value} AS v FROM incident_sla s
         WHERE g.is_ascending AND ${where} AND ${value} >= incident_sla_bucket_floor(g.bucket)
         ORDER BY ${value} OFFSET g.skip LIMIT g.take)
        UNION ALL
        (SELECT ${value} AS v FROM incident_sla s
         WHERE NOT g.is_ascending AND ${where} AND ${value} < incident_sla_bucket_floor(g.bucket + 1)
         ORDER BY ${value} DESC OFFSET g.skip LIMIT g.take)) y) x`,
    ];
  });
  const { rows } = await sql<{ i: number; v: number[] | null }>`${sql.join(branches, sql` UNION ALL `)}`.execute(db);
  const values: Array<number[] | null> = reads.map(() => null);
  for (const row of rows) values[Number(row.i)] = row.v;
  return values;
}
