import { describe, expect, it } from 'vitest';
import { mayCreateSchedules, mayEditSchedule, mayTakePartIn } from './schedule-permissions';

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

describe('mayEditSchedule', () => {
  const withIds = [
    {
      id: 't-payments',
      members: [
        { userId: 'u-manager', role: 'manager' },
        { userId: 'u-member', role: 'member' },
      ],
    },
    { id: 't-other', members: [{ userId: 'u-other-manager', role: 'manager' }] },
  ];
  it.each([
    ['admin', 'u-x', null, true],
    ['owner', 'u-x', 't-payments', true],
    ['responder', 'u-manager', 't-payments', true],
    ['responder', 'u-member', 't-payments', false],
    ['responder', 'u-other-manager', 't-payments', false],
    ['responder', 'u-manager', null, false],
    ['viewer', 'u-manager', 't-payments', false],
  ] as const)('%s %s on team %s → %s', (role, userId, teamId, expected) => {
    expect(mayEditSchedule(role, userId, teamId, withIds)).toBe(expected);
  });
});

describe('mayTakePartIn', () => {
  const teams = [{ id: 't-payments', members: [{ userId: 'u-member', role: 'member' }] }];
  const schedule = { teamId: 't-payments', definition: { layers: [{ participants: ['u-layer'] }] } };
  it.each([
    ['admin', 'u-x', true],
    ['responder', 'u-layer', true],
    ['responder', 'u-member', true],
    ['responder', 'u-stranger', false],
    ['viewer', 'u-layer', false],
    ['stakeholder', 'u-member', false],
  ])('%s %s → %s', (role, userId, expected) => {
    expect(mayTakePartIn(role, userId, schedule, teams)).toBe(expected);
  });
});
