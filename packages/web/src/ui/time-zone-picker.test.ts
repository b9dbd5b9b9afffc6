import { describe, expect, it } from 'vitest';
import { otherZoneNames } from '../features/users/zone-aliases';
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

  // Chromium's Intl list carries the older names of renamed zones.
  const chromium = ['UTC', 'Asia/Calcutta', 'Europe/Kiev', 'Asia/Saigon', 'Asia/Rangoon', 'Europe/London'];
  // A browser with the current names.
  const newer = ['UTC', 'Asia/Kolkata', 'Europe/Kyiv', 'Asia/Ho_Chi_Minh', 'Asia/Yangon', 'Europe/London'];

  it.each([
    ['kolkata', chromium, ['Asia/Calcutta']],
    ['calcutta', chromium, ['Asia/Calcutta']],
    ['kyiv', chromium, ['Europe/Kiev']],
    ['ho chi minh', chromium, ['Asia/Saigon']],
    ['yangon', chromium, ['Asia/Rangoon']],
    ['calcutta', newer, ['Asia/Kolkata']],
    ['kiev', newer, ['Europe/Kyiv']],
    ['saigon', newer, ['Asia/Ho_Chi_Minh']],
    ['rangoon', newer, ['Asia/Yangon']],
  ])('"%s" finds a renamed zone by its other name', (query, list, expected) => {
    expect(filterZones(list, query)).toEqual(expected);
  });
});

describe('otherZoneNames', () => {
  it('pairs old and new names both ways and leaves unrenamed zones alone', () => {
    expect(otherZoneNames('Asia/Calcutta')).toEqual(['Asia/Kolkata']);
    expect(otherZoneNames('Asia/Kolkata')).toEqual(['Asia/Calcutta']);
    expect(otherZoneNames('Europe/London')).toEqual([]);
  });

  it('names only zones this runtime knows, so either name can be stored', () => {
    for (const zone of ['Asia/Calcutta', 'Asia/Kolkata', 'Europe/Kiev', 'Europe/Kyiv', 'Asia/Saigon', 'Asia/Yangon']) {
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: zone })).not.toThrow();
      expect(otherZoneNames(zone).length).toBeGreaterThan(0);
    }
  });
});
