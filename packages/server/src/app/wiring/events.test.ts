/**
 * Every domain event is followed by name from its declaration (a module's
 * *.events.ts) to its publishers (publishEvent call sites) to its subscribers
 * (app/wiring): none is published unheard, none is heard but never published.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eventCoverageProblems, findPublishSites, productionSources } from '../../test-support/event-coverage.js';
import { DECLARED_EVENTS, moduleWirings, subscribedEvents, type WiringDeps } from './index.js';

const serverSrc = fileURLToPath(new URL('../..', import.meta.url));
// The subscriptions are read, never run: they need no real dependencies.
const subscribed = () => subscribedEvents(moduleWirings, {} as WiringDeps);

describe('domain events', () => {
  it('every declared event is published and heard, and every subscription has a publisher', () => {
    const { sites, problems } = findPublishSites(productionSources(serverSrc));
    expect(problems).toEqual([]);
    expect(sites.length).toBeGreaterThan(5);
    expect(eventCoverageProblems({ declared: DECLARED_EVENTS, published: sites, subscribed: subscribed() })).toEqual(
      [],
    );
  });

  it('fails on an event published that nothing hears, or heard that nothing publishes', () => {
    const fake = [
      { path: 'modules/x/x.service.ts', text: "await publishEvent(tx, now, 'SomethingUnheard', { id }, id);" },
    ];
    const { sites } = findPublishSites([...productionSources(serverSrc), ...fake]);
    expect(
      eventCoverageProblems({
        declared: [...DECLARED_EVENTS, 'SomethingUnheard'],
        published: sites,
        subscribed: subscribed(),
      }),
    ).toEqual([
      'SomethingUnheard is published at modules/x/x.service.ts:1 but nothing subscribes to it: subscribe in app/wiring, or stop publishing it.',
    ]);
    expect(
      eventCoverageProblems({
        declared: DECLARED_EVENTS,
        published: sites.filter((s) => s.name !== 'SwapOffered' && s.name !== 'SomethingUnheard'),
        subscribed: subscribed(),
      }),
    ).toEqual([
      'SwapOffered is subscribed to in app/wiring but nothing publishes it: remove the subscription, or publish the event.',
      'SwapOffered is declared but nothing publishes it: remove it from its *.events.ts.',
    ]);
  });

  it('fails on a published name no module declares, and on a name that is not a literal', () => {
    const sites = [{ name: 'Undeclared', at: 'modules/x/x.ts:3' }];
    expect(eventCoverageProblems({ declared: [], published: sites, subscribed: ['Undeclared'] })).toEqual([
      'Undeclared is published at modules/x/x.ts:3 but no module declares it in its *.events.ts (listed in app/wiring/events.ts).',
    ]);
    const { problems } = findPublishSites([
      { path: 'modules/x/y.ts', text: 'await publishEvent(db, now, NAME, payload);' },
    ]);
    expect(problems).toEqual([
      'publishEvent at modules/x/y.ts:1 names its event with an expression: write the name as a string literal, so it can be found and checked.',
    ]);
  });
});
