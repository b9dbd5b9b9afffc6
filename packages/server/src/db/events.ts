/**
 * The map of domain events: event name → payload type. db/ knows no domain,
 * so the map starts empty here and every module fills in its own part from
 * its `*.events.ts`, by module augmentation:
 *
 *   export interface SchedulesEvents { SwapTaken: SwapTakenEvent; ... }
 *   declare module '../../db/events.js' { interface DomainEvents extends SchedulesEvents {} }
 *
 * publishEvent (outbox.ts) and the subscriptions in app/wiring are typed by
 * it: a name nobody declared, or a payload of the wrong shape, does not
 * compile, and no subscriber casts its payload.
 */

// Filled in by the modules' *.events.ts (see above); empty on purpose.
export interface DomainEvents {}

/** The name of an event some module declares. */
export type EventName = keyof DomainEvents & string;

/** What an event of that name carries. */
export type EventPayload<K extends EventName> = DomainEvents[K];

/**
 * A module's declared event names as a value (for the check that every event
 * is published and heard): the compiler holds `names` to exactly the keys of
 * the module's event interface `E`.
 */
export const eventNames = <E>(names: { [K in keyof E]-?: true }): Array<keyof E & string> =>
  Object.keys(names) as Array<keyof E & string>;
