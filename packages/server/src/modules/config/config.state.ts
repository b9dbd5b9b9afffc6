/** Loading every resource kind's current state, and the view handlers read it through. */
import type { Ctx } from '../context.js';
import type { ConfigResource, StateView } from '../config-kit/index.js';
import { CONFIG_RESOURCES } from './config.kinds.js';

export const resources = CONFIG_RESOURCES as readonly ConfigResource[];

export async function loadStates(ctx: Ctx): Promise<StateView> {
  const states = new Map<ConfigResource, unknown>();
  for (const resource of resources) states.set(resource, await resource.load(ctx));
  return {
    current: <State>(resource: ConfigResource<unknown, State>) => {
      if (!states.has(resource)) throw new Error(`Config resource "${resource.key}" is not listed in config.kinds.ts`);
      return states.get(resource) as State;
    },
  };
}
