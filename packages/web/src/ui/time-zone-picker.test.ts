import { describe, expect, it } from 'vitest';
import { filterZones } from './time-zone-picker';

const zones = ['UTC', 'America/New_York', 'Europe/London', 'Europe/Paris', 'Asia/Kolkata'];

describe('filterZones', () => {
  it.each([
    ['', zones],
    ['london', ['Europe/London']],
    ['new york', ['America/New_York']],
    ['  EUROPE/ ', ['Europe/London', 'Europe/Paris']],
    ['atlantis', []],
  ])('"%s" keeps %j', (query, expected) => {
    expect(filterZones(zones, query)).toEqual(expected);
  });
});
