import { describe, expect, it } from 'vitest';
import { suggestTriage, type TriageCriterion } from './triage';

describe('suggestTriage', () => {
  const cases: Array<[TriageCriterion[], { shouldDeclare: boolean; isUrgent: boolean; severity: string | null }]> = [
    [[], { shouldDeclare: false, isUrgent: false, severity: null }],
    [['pastThreshold'], { shouldDeclare: true, isUrgent: false, severity: 'S4' }],
    [['majorChange'], { shouldDeclare: true, isUrgent: false, severity: 'S3' }],
    [['sloBreach'], { shouldDeclare: true, isUrgent: false, severity: 'S3' }],
    [['customerVisible'], { shouldDeclare: true, isUrgent: false, severity: 'S3' }],
    [['customerVisible', 'sloBreach'], { shouldDeclare: true, isUrgent: false, severity: 'S2' }],
    [['customerVisible', 'sloBreach', 'majorChange'], { shouldDeclare: true, isUrgent: false, severity: 'S1' }],
    [['dataIssue'], { shouldDeclare: true, isUrgent: true, severity: 'S2' }],
    [['dataIssue', 'pastThreshold'], { shouldDeclare: true, isUrgent: true, severity: 'S2' }],
    [['dataIssue', 'customerVisible'], { shouldDeclare: true, isUrgent: true, severity: 'S1' }],
  ];

  it.each(cases)('%j suggests %j', (ticked, expected) => {
    expect(suggestTriage(ticked)).toMatchObject(expected);
  });

  it('says to declare at once for a data issue, and not otherwise', () => {
    expect(suggestTriage(['dataIssue']).advice).toMatch(/now/);
    expect(suggestTriage(['sloBreach']).advice).not.toMatch(/now/);
  });

  it('gives the same answer whatever order the criteria are ticked in', () => {
    expect(suggestTriage(['majorChange', 'sloBreach', 'customerVisible'])).toEqual(
      suggestTriage(['customerVisible', 'sloBreach', 'majorChange']),
    );
  });
});
