import { describe, expect, it } from 'vitest';
import { TimeZoneSchema } from '../users/index.js';
import { ZoneSchema } from './definition.schema.js';

// The web's time-zone picker stores whichever name the browser lists (Chromium
// says "Asia/Calcutta", others "Asia/Kolkata"): the API must accept both.
describe('renamed IANA zones', () => {
  it.each([
    ['Asia/Calcutta', 'Asia/Kolkata'],
    ['Europe/Kiev', 'Europe/Kyiv'],
    ['Asia/Saigon', 'Asia/Ho_Chi_Minh'],
    ['Asia/Rangoon', 'Asia/Yangon'],
  ])('%s and %s are both accepted for users and schedules', (older, current) => {
    for (const zone of [older, current]) {
      expect(TimeZoneSchema.safeParse(zone).success).toBe(true);
      expect(ZoneSchema.safeParse(zone).success).toBe(true);
    }
    expect(TimeZoneSchema.safeParse('Asia/Atlantis').success).toBe(false);
    expect(ZoneSchema.safeParse('Asia/Atlantis').success).toBe(false);
  });
});
