/** The organisation's default conference bridge (a permanent room, seed 004), kept in settings. */
import type { Db } from '../../db/client.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import type { Ctx } from '../context.js';
import { getSetting, putSetting } from '../settings/index.js';

const SETTING_KEY = 'organisation.conferenceBridgeUrl';

export const getConferenceBridge = async (db: Db): Promise<string | null> =>
  (await getSetting<string | null>(db, SETTING_KEY)) ?? null;

/** Admins set (or clear, with null) the bridge every incident document links to. */
export async function setConferenceBridge(ctx: Ctx, url: string | null): Promise<{ url: string | null }> {
  requireRole(ctx.actor, 'admin', 'set the conference bridge');
  const before = await getConferenceBridge(ctx.db);
  await putSetting(ctx.db, ctx.clock, SETTING_KEY, url);
  await recordAudit(ctx, {
    action: 'settings.conference_bridge_set',
    entityType: 'settings',
    entityId: SETTING_KEY,
    before: { url: before },
    after: { url },
  });
  return { url };
}

/** Anyone signed in may read it (stakeholder and up). */
export async function readConferenceBridge(ctx: Ctx): Promise<{ url: string | null }> {
  requireRole(ctx.actor, 'stakeholder', 'read settings');
  return { url: await getConferenceBridge(ctx.db) };
}
