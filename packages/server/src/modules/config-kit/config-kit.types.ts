/**
 * The parts config as code is built from: a planned change, and the resource
 * handler every kind of resource (users, teams, schedules, services...)
 * implements. Plan, apply and export only ever talk to handlers, so a new kind
 * is one `<module>.config.ts` in the module it describes and one line in
 * config's list of kinds (modules/config/config.kinds.ts).
 */
import type { z } from 'zod';
import type { Actor } from '../../lib/actor.js';
import type { Ctx } from '../context.js';

/** Users are disabled, never deleted; everything else is deleted. */
export type ChangeAction = 'create' | 'update' | 'delete' | 'disable';

/** One step of a plan, and the module use case that carries it out. */
export interface PlannedChange {
  /** What changes: "user", "team", "membership". */
  kind: string;
  action: ChangeAction;
  /** Which one: an email, a slug, "slug/email". */
  key: string;
  /** How people read it, e.g. `+ team payments "Payments"`. */
  line: string;
  /** Applies the change; `ctx` is bound to the apply transaction. */
  run(ctx: Ctx): Promise<void>;
}

/** Read access to the database state every handler loaded. */
export interface StateView {
  current<State>(resource: ConfigResource<unknown, State>): State;
}

/** What a handler sees while planning. */
export interface PlanEnv extends StateView {
  /** The file's items for a kind, or undefined when the file leaves the kind out (then it is not managed). */
  desired<Item>(resource: ConfigResource<Item, unknown>): Item[] | undefined;
  actor: Actor;
  /** Whether things missing from the file are removed (disabled, for users). */
  prune: boolean;
  warn(message: string): void;
}

/**
 * A kind of resource in the config document. Handlers run in the order of the list
 * for creates and updates and in reverse order for removals, so a kind may
 * refer to kinds listed before it (teams name users).
 */
export interface ConfigResource<Item = unknown, State = unknown, Key extends string = string> {
  /** The document key the kind lives under, e.g. "teams". */
  readonly key: Key;
  /** One item of the list, strict: unknown keys are errors. */
  readonly itemSchema: z.ZodType<Item>;
  /** The field that identifies an item within the file, for duplicate checks. */
  identify(item: Item): { field: string; value: string };
  /** Reads the current state from the database. */
  load(ctx: Ctx): Promise<State>;
  /** The changes that make the database match the file, in the order they must run. */
  plan(env: PlanEnv): PlannedChange[];
  /** The items describing the current state, such that planning them yields no change. */
  export(view: StateView): Item[];
}
