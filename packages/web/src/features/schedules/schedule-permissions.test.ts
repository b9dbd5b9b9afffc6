import { describe, expect, it } from 'vitest';
import { mayCreateSchedules } from './schedule-permissions';

const teams = [
  { members: [{ userId: 'u-manager', role: 'manager' }] },
  { members: [{ userId: 'u-member', role: 'member' }] },
];

describe('mayCreateSchedules', () => {
  it.each([
    ['owner', 'u-x', true],
    ['admin', 'u-x', true],
    ['responder', 'u-manager', true],
    ['responder', 'u-member', false],
    ['responder', 'u-nobody', false],
    ['viewer', 'u-manager', false],
    ['stakeholder', 'u-x', false],
  ])('%s %s → %s', (role, userId, expected) => {
    expect(mayCreateSchedules(role, userId, teams)).toBe(expected);
  });
});
