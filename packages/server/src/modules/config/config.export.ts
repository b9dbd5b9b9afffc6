/**
 * Exporting: the config document for the current state, such that applying
 * it is a no-op. Disabled users, and their memberships, are left out.
 */
import { requireRole } from '../access/index.js';
import type { Ctx } from '../context.js';
import { CONFIG_VERSION, type ConfigDocument } from './config.schema.js';
import { loadStates, resources } from './config.state.js';

export async function exportConfig(ctx: Ctx): Promise<ConfigDocument> {
  requireRole(ctx.actor, 'admin', 'export configuration');
  const view = await loadStates(ctx);
  const document: Record<string, unknown> = { version: CONFIG_VERSION };
  for (const resource of resources) document[resource.key] = resource.export(view);
  return document as ConfigDocument;
}
