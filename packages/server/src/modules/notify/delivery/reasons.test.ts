import { describe, expect, it } from 'vitest';
import {
  changeHeadline,
  incidentChangeOf,
  isPageDue,
  offersIncidentActions,
  pageReasonOf,
  reasonHeadline,
  reasonNextStep,
  roleLabel,
  type PageReason,
} from './reasons.js';

describe('roleLabel', () => {
  it.each([
    ['Incident manager on call', 'imoc', 'Incident manager on call (IMOC)'],
    ['Engineer on call', 'eoc', 'Engineer on call (EOC)'],
    ['Communications manager on call', 'cmoc', 'Communications manager on call (CMOC)'],
    ['Engineer / SME', 'engineer', 'Engineer / SME'],
    ['Scribe', 'scribe', 'Scribe'],
    ['Incident manager on call', undefined, 'Incident manager on call'],
  ])('%s (%s) → %s', (name, slug, label) => expect(roleLabel(name, slug)).toBe(label));
});

const update = { reason: 'status_update', message: 'Fixed', stage: 'resolved', by: 'Ada' } as const;

describe('isPageDue', () => {
  const role = { reason: 'role', roleName: 'Incident manager on call', roleSlug: 'imoc' } as const;
  it.each([
    [undefined, 'triggered', true],
    [undefined, 'acknowledged', false],
    [undefined, 'resolved', false],
    [role, 'triggered', true],
    [role, 'acknowledged', true],
    [role, 'resolved', false],
    [update, 'acknowledged', true],
    [update, 'resolved', true],
    [{ reason: 'update_due', minutes: 30 }, 'resolved', false],
  ] as const)('reason %o, incident %s → %s', (reason, status, due) => expect(isPageDue(reason, status)).toBe(due));
});

describe('details', () => {
  it('tells a page reason, a change and a schedule notice apart', () => {
    const schedule = { change: 'swap_taken', scheduleName: 'Primary', direction: 'on' };
    expect(pageReasonOf({ reason: 'owner_reminder', minutes: 30, nextRoleName: null })?.reason).toBe('owner_reminder');
    expect(pageReasonOf(null)).toBeUndefined();
    expect(pageReasonOf(schedule)).toBeUndefined();
    expect(incidentChangeOf({ change: 'stage', from: 'a', to: 'b', by: 'Ada' })?.change).toBe('stage');
    expect(incidentChangeOf(schedule)).toBeUndefined();
    expect(incidentChangeOf(undefined)).toBeUndefined();
  });
});

describe('changeHeadline', () => {
  const incident = { number: 12, title: 'Checkout is slow' };
  it.each([
    [
      { change: 'severity', from: 'S3', to: 'S2', by: 'Ada', reason: 'customers affected' },
      '#12 S3 → S2 by Ada: customers affected',
    ],
    [{ change: 'severity', from: 'S2', to: 'S3', by: 'Ada', reason: '' }, '#12 S2 → S3 by Ada'],
    [{ change: 'stage', from: 'investigating', to: 'identified', by: 'Bob' }, '#12 investigating → identified by Bob'],
    [{ change: 'declared', severity: 'S2', by: 'Dan', origin: 'declared', nearMiss: false }, '#12 declared S2 by Dan'],
    [{ change: 'declared', severity: 'S3', by: 'Eve', origin: 'reported', nearMiss: false }, '#12 reported S3 by Eve'],
    [
      { change: 'declared', severity: 'S3', by: 'Dan', origin: 'declared', nearMiss: true },
      '#12 recorded as a near miss (S3) by Dan',
    ],
    [
      { change: 'update', message: 'Rolling back', stage: 'identified', by: 'Ada' },
      '#12 update (identified) from Ada: Rolling back',
    ],
  ] as const)('%o → %s', (change, headline) => expect(changeHeadline(change, incident)).toBe(headline));
});

describe('objectives met', () => {
  it('tells the owner all are met and where to resolve, without the page actions', () => {
    const reason: PageReason = { reason: 'objectives_met', count: 3 };
    expect(reasonHeadline(reason, { number: 7, title: 'Slow' })).toBe(
      'All 3 resolution objectives of #7 Slow are met: resolve it when you are satisfied',
    );
    expect(reasonHeadline({ reason: 'objectives_met', count: 1 }, { number: 7, title: 'Slow' })).toBe(
      'The resolution objective of #7 Slow is met: resolve it when you are satisfied',
    );
    expect(reasonNextStep(reason, 'https://x/i/7')).toBe('Check them and resolve from the incident: https://x/i/7');
    expect(offersIncidentActions(reason)).toBe(false);
  });
});

describe('status updates', () => {
  it('tells a follower the update, and reminds the CMOC that one is due, without the page actions', () => {
    const incident = { number: 7, title: 'Slow' };
    expect(reasonHeadline(update, incident)).toBe('Update on #7 Slow (resolved) from Ada: Fixed');
    const due: PageReason = { reason: 'update_due', minutes: 30 };
    expect(reasonHeadline(due, incident)).toBe(
      'A status update on #7 Slow is due (every 30 minutes): post one for its stakeholders',
    );
    expect(reasonNextStep(due, 'https://x/i/7')).toBe('Post an update from the incident: https://x/i/7');
    expect(offersIncidentActions(update)).toBe(false);
    expect(offersIncidentActions(due)).toBe(false);
  });
});

describe('detailed status review', () => {
  it('says why first (a short message clips the end), and where to review it, without the page actions', () => {
    const incident = { number: 7, title: 'Slow' };
    const saved: PageReason = { reason: 'review_due', minutes: 30, unsavedMinutes: 45, neverSaved: false };
    const empty: PageReason = { reason: 'review_due', minutes: 15, unsavedMinutes: 15, neverSaved: true };
    expect(reasonHeadline(saved, incident)).toBe(
      'Review the detailed status, not saved for 45 minutes (every 30): #7 Slow',
    );
    expect(reasonHeadline(empty, incident)).toBe(
      'Write the detailed status, still empty 15 minutes after declaring (every 15): #7 Slow',
    );
    expect(reasonNextStep(saved, 'https://x/i/7')).toBe(
      "Review and save it in the incident's live document: https://x/i/7",
    );
    expect(offersIncidentActions(saved)).toBe(false);
    expect(isPageDue(saved, 'acknowledged')).toBe(true);
    expect(isPageDue(saved, 'resolved')).toBe(false);
  });
});
