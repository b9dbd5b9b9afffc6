/**
 * Queries built with Kysely once and run many times with new values.
 *
 * The paging path runs a dozen queries per engine batch, and Kysely builds
 * each from scratch every time (a tree of frozen nodes, then visited into
 * SQL): about a sixth of the server's CPU per page went there (ADR 37).
 * `compiledOnce(build)` calls `build` the first time with a slot in place
 * of each value, keeps the SQL and where each value goes, and from then on
 * only puts the values in their places: the same statement, the same
 * parameters, as `build` would have made with the values themselves.
 *
 * A list (an array value) gets one slot per element, so `in (...)` lists
 * keep their shape: the SQL is kept per list length (and passed whole when
 * `build` gives the array to one parameter, as in `= ANY(${ids})`).
 *
 * The rule for `build`: values go into the query and nowhere else. It may
 * look at a list's length, never at a value (a slot is not the value), and
 * must give Kysely every value it is passed as a value, not as a column or
 * table name.
 */
import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './client.js';

/** Where a value goes: `name`, or element `index` of the list `name`. */
class Slot {
  constructor(
    readonly name: string,
    readonly index?: number,
  ) {}
}

/** Shapes (list lengths) kept per query at most; past this, a new shape is built and run as it is. */
const SHAPES_KEPT = 64;

interface Kept<R> {
  compiled: CompiledQuery<R>;
  /** Per parameter: the slot it takes its value from, a list passed whole (the list's name), or undefined (a constant). */
  sources: Array<Slot | string | undefined>;
}

/**
 * A query function that builds with Kysely once per shape of its values.
 * `values` is an object of the query's values by name; the result is the
 * rows, as `build(db, values).execute()` would give them.
 */
export function compiledOnce<V extends Record<string, unknown>, R>(
  build: (db: Db, values: V) => Compilable<R>,
): (db: Db, values: V) => Promise<R[]> {
  const kept = new Map<string, Kept<R>>();
  return async (db, values) => {
    const shape = shapeOf(values);
    let entry = kept.get(shape);
    if (!entry) {
      if (kept.size >= SHAPES_KEPT) return (await db.executeQuery(build(db, values))).rows;
      entry = keep(build(db, slotsFor(values)).compile());
      kept.set(shape, entry);
    }
    const { compiled, sources } = entry;
    const parameters = compiled.parameters.map((constant, i) => {
      const source = sources[i];
      if (source === undefined) return constant;
      if (typeof source === 'string') return values[source];
      return source.index === undefined ? values[source.name] : (values[source.name] as unknown[])[source.index];
    });
    return (await db.executeQuery<R>({ ...compiled, parameters })).rows;
  };
}

function shapeOf(values: Record<string, unknown>): string {
  let shape = '';
  for (const name in values) {
    const value = values[name];
    shape += Array.isArray(value) ? `${name}:${value.length};` : `${name};`;
  }
  return shape;
}

function slotsFor<V extends Record<string, unknown>>(values: V): V {
  const slots: Record<string, unknown> = {};
  for (const name in values) {
    const value = values[name];
    slots[name] = Array.isArray(value) ? value.map((_, index) => new Slot(name, index)) : new Slot(name);
  }
  return slots as V;
}

function keep<R>(compiled: CompiledQuery<R>): Kept<R> {
  const sources = compiled.parameters.map((parameter): Slot | string | undefined => {
    if (parameter instanceof Slot) return parameter;
    // A list given whole to one parameter (= ANY(${ids})).
    if (Array.isArray(parameter) && parameter.length > 0 && parameter.every((p) => p instanceof Slot))
      return (parameter[0] as Slot).name;
    return undefined;
  });
  return { compiled, sources };
}
