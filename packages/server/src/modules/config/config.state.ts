/** Loading every resource kind's current state, and the view handlers read it through. */
import type { Ctx } from '../context.js';
import type { ConfigResource, StateView } from '../config-kit/index.js';
import { CONFIG_RESOURCES } from './config.kinds.js';

export const resources = CONFIG_RESOURCES as readonly ConfigResource[];

export async function loadStates(ctx: Ctx): Promise<StateView> {
  // By key: a kind composed with parts of other modules (usersConfigWith) is read through its plain self too.
  const states = new Map<string, unknown>();
  for (const resource of resources) states.set(resource.key, await resource.load(ctx));
  return {
    current: <State>(resource: ConfigResource<unknown, State>) => {
      if (!states.has(resource.key))
        throw new Error(`Config resource "${resource.key}" is not listed in config.kinds.ts`);
      return states.get(resource.key) as State;
    },
  };
}
