/**
 * The response rules as pure functions (ADR 17): when each rule falls due,
 * what it needs to fire, that a settled rule never comes back, and that near
 * misses and finished incidents have no rules.
 */
import { describe, expect, it } from 'vitest';
import { dueRules, nextRuleAt, type RuleState } from './response.rules.js';

const T0 = new Date('2026-03-02T10:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** Declared at T0, the EOC engaged and owner since T0, paging still triggered, nobody is IMOC. */
const state = (over: Partial<RuleState> = {}): RuleState => ({
  settings: { investigatingMinutes: 30, unacknowledgedMinutes: 15, troubleshootMinutes: 60 },
  stage: 'investigating',
  nearMiss: false,
  pagingStatus: 'triggered',
  declaredAt: T0,
  eocEngagedAt: T0,
  ownerSince: T0,
  imocEngaged: false,
  settled: [],
  ...over,
});

describe('due times', () => {
  it('the earliest rule whose condition holds: unacknowledged paging after its minutes', () => {
    expect(nextRuleAt(state())).toEqual(at(15));
  });

  it('Investigating counts from when the EOC engaged, not from the declaration', () => {
    const s = state({ pagingStatus: 'acknowledged', eocEngagedAt: at(10), ownerSince: at(100) });
    expect(nextRuleAt(s)).toEqual(at(40));
    // Paging was acknowledged: the unacknowledged rule settled at 15 without firing.
    expect(dueRules(s, at(39))).toEqual({ fire: [], settle: ['imoc_unacknowledged'] });
    expect(dueRules({ ...s, settled: ['imoc_unacknowledged'] }, at(40))).toEqual({
      fire: ['imoc_investigating'],
      settle: ['imoc_investigating'],
    });
  });

  it('nobody holding EOC yet: the Investigating rule has no due time', () => {
    const s = state({ pagingStatus: 'acknowledged', eocEngagedAt: null, ownerSince: null });
    expect(nextRuleAt(s)).toBeNull();
    expect(dueRules(s, at(10_000))).toEqual({ fire: [], settle: ['imoc_unacknowledged'] });
  });

  it('the troubleshoot reminder counts from when the current owner became owner', () => {
    const s = state({
      pagingStatus: 'acknowledged',
      imocEngaged: true,
      ownerSince: at(20),
      settings: { investigatingMinutes: 30, unacknowledgedMinutes: 15, troubleshootMinutes: 45 },
    });
    expect(nextRuleAt(s)).toEqual(at(65));
    expect(dueRules(s, at(65)).fire).toEqual(['troubleshoot_reminder']);
  });

  it('a setting of null turns its rule off', () => {
    const s = state({
      settings: { investigatingMinutes: null, unacknowledgedMinutes: null, troubleshootMinutes: null },
    });
    expect(nextRuleAt(s)).toBeNull();
    expect(dueRules(s, at(100_000))).toEqual({ fire: [], settle: [] });
  });

  it('rules found due together come earliest due first (the reconciler fires them in that order)', () => {
    expect(dueRules(state(), at(61))).toEqual({
      fire: ['imoc_unacknowledged', 'imoc_investigating', 'troubleshoot_reminder'],
      settle: ['imoc_unacknowledged', 'imoc_investigating', 'troubleshoot_reminder'],
    });
  });

  it('several rules due at once fire together', () => {
    const s = state({ settings: { investigatingMinutes: 15, unacknowledgedMinutes: 15, troubleshootMinutes: 15 } });
    const due = dueRules(s, at(15));
    expect(due.fire.sort()).toEqual(['imoc_investigating', 'imoc_unacknowledged', 'troubleshoot_reminder']);
    expect(due.settle.sort()).toEqual(due.fire);
  });
});

describe('conditions', () => {
  it('an engaged IMOC makes both IMOC rules unneeded: due, they settle without firing', () => {
    const s = state({ imocEngaged: true });
    expect(nextRuleAt(s)).toEqual(at(60)); // only the reminder is left to plan
    expect(dueRules(s, at(30))).toEqual({ fire: [], settle: ['imoc_unacknowledged', 'imoc_investigating'] });
  });

  it('acknowledged paging settles the unacknowledged rule without firing', () => {
    const s = state({ pagingStatus: 'acknowledged' });
    expect(nextRuleAt(s)).toEqual(at(30));
    expect(dueRules(s, at(15))).toEqual({ fire: [], settle: ['imoc_unacknowledged'] });
  });

  it('past Investigating, the Investigating rule does not fire; the reminder still does while Identified', () => {
    const identified = state({ stage: 'identified', pagingStatus: 'acknowledged' });
    expect(nextRuleAt(identified)).toEqual(at(60));
    expect(dueRules(identified, at(60))).toEqual({
      fire: ['troubleshoot_reminder'],
      settle: ['imoc_unacknowledged', 'imoc_investigating', 'troubleshoot_reminder'],
    });
  });

  it('Monitoring: no reminder (the fix is in), only the unacknowledged rule can fire', () => {
    const s = state({ stage: 'monitoring' });
    expect(nextRuleAt(s)).toEqual(at(15));
    expect(dueRules(s, at(60))).toEqual({
      fire: ['imoc_unacknowledged'],
      settle: ['imoc_unacknowledged', 'imoc_investigating', 'troubleshoot_reminder'],
    });
  });
});

describe('each rule settles once', () => {
  it('a settled rule is neither planned nor fired again', () => {
    const s = state({ settled: ['imoc_unacknowledged'] });
    expect(nextRuleAt(s)).toEqual(at(30));
    expect(dueRules(s, at(1000)).fire).not.toContain('imoc_unacknowledged');
    const all = state({ settled: ['imoc_unacknowledged', 'imoc_investigating', 'troubleshoot_reminder'] });
    expect(nextRuleAt(all)).toBeNull();
    expect(dueRules(all, at(1000))).toEqual({ fire: [], settle: [] });
  });

  it('firing a rule and settling it plans the next one after it', () => {
    let s = state();
    const fired: string[] = [];
    for (let next = nextRuleAt(s); next; next = nextRuleAt(s)) {
      const { fire, settle } = dueRules(s, next);
      fired.push(...fire);
      s = { ...s, settled: [...s.settled, ...settle] };
    }
    expect(fired).toEqual(['imoc_unacknowledged', 'imoc_investigating', 'troubleshoot_reminder']);
  });
});

describe('no rules', () => {
  it.each(['resolved', 'closed'] as const)('for a %s incident', (stage) => {
    const s = state({ stage });
    expect(nextRuleAt(s)).toBeNull();
    expect(dueRules(s, at(100_000))).toEqual({ fire: [], settle: [] });
  });

  it('for a near miss', () => {
    const s = state({ nearMiss: true });
    expect(nextRuleAt(s)).toBeNull();
    expect(dueRules(s, at(100_000))).toEqual({ fire: [], settle: [] });
  });
});
