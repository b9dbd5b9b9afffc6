/**
 * The follow-the-sun template: regions (EMEA, APAC, AMER…) each cover their
 * own daytime, one layer per region, in one step. The split is fixed in the
 * schedule's zone (UTC by default) so the day is always covered exactly, with
 * no gap or overlap; a region's local hours move by an hour when its clocks
 * change. Without explicit starts, each region's stretch is centred on its
 * local noon, split halfway between neighbours (to the half hour).
 */
import { DateTime } from 'luxon';
import { AppError } from '../../../lib/errors.js';
import type { LayerDefinition, ScheduleDefinition } from './definition.js';

export interface FollowTheSunRegion {
  name: string;
  timeZone: string;
  participants: string[];
  /** Local time ("HH:MM") at which this region takes over; give it for every region or none. */
  start?: string;
}

export interface FollowTheSunInput {
  /** The zone the split is fixed in. */
  timeZone: string;
  startDate: string;
  shift: LayerDefinition['shift'];
  regions: FollowTheSunRegion[];
}

const DAY_MINUTES = 1440;
const hhmm = (minutes: number): string => {
  const m = ((minutes % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/** A region-local time on the start date, as minutes after midnight in the schedule's zone. */
function inScheduleZone(input: FollowTheSunInput, region: FollowTheSunRegion, local: string): number {
  const at = DateTime.fromISO(`${input.startDate}T${local}`, { zone: region.timeZone }).setZone(input.timeZone);
  return at.hour * 60 + at.minute;
}

function starts(input: FollowTheSunInput): number[] {
  const given = input.regions.filter((r) => r.start !== undefined).length;
  if (given === input.regions.length) return input.regions.map((r) => inScheduleZone(input, r, r.start!));
  if (given > 0)
    throw new AppError(
      'bad_request',
      'Follow-the-sun: give a start time for every region, or for none (then each region is centred on its local noon).',
    );
  const noons = input.regions
    .map((r, index) => ({ index, noon: inScheduleZone(input, r, '12:00') }))
    .sort((a, b) => a.noon - b.noon);
  const result = new Array<number>(input.regions.length);
  noons.forEach((current, k) => {
    const previous = noons[(k + noons.length - 1) % noons.length]!;
    const gap = (current.noon - previous.noon + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES;
    result[current.index] = Math.round((previous.noon + gap / 2) / 30) * 30;
  });
  return result;
}

/** The definition the template makes: one layer per region, each on call from its start until the next region's. */
export function followTheSunDefinition(input: FollowTheSunInput): ScheduleDefinition {
  if (input.regions.length < 2) throw new AppError('bad_request', 'Follow-the-sun needs at least two regions.');
  const begin = starts(input).map((m) => ((m % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES);
  const order = begin.map((minute, index) => ({ minute, index })).sort((a, b) => a.minute - b.minute);
  for (let k = 1; k < order.length; k++) {
    if (order[k]!.minute === order[k - 1]!.minute) {
      throw new AppError(
        'bad_request',
        `Follow-the-sun: regions ${input.regions[order[k - 1]!.index]!.name} and ${input.regions[order[k]!.index]!.name} would start at the same time (${hhmm(order[k]!.minute)} ${input.timeZone}): give them different starts.`,
      );
    }
  }
  const layers: LayerDefinition[] = order.map(({ minute, index }, k) => {
    const region = input.regions[index]!;
    const next = order[(k + 1) % order.length]!.minute;
    return {
      name: region.name,
      participants: region.participants,
      shift: input.shift,
      handoffTime: hhmm(minute),
      startDate: input.startDate,
      restrictions: [{ start: hhmm(minute), end: hhmm(next) }],
    };
  });
  return { timeZone: input.timeZone, layers };
}
