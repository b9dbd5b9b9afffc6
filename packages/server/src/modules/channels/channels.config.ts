/**
 * Chat channels in config as code: `channels: [{ name, type, target }]`,
 * matched by name without regard to case. With prune, channels the file
 * leaves out are deleted (refused while a service or policy still uses one).
 */
import { z } from 'zod';
import { byText, configObject, nameKey, type ConfigResource, type PlannedChange } from '../config-kit/index.js';
import { targetProblem } from './channel-target.js';
import {
  ChannelNameSchema,
  ChannelTargetSchema,
  ChannelTypeSchema,
  type Channel,
  type UpdateChannelInput,
} from './channels.schema.js';
import { createChannel, deleteChannel, listChannels, updateChannel } from './channels.service.js';

export const ConfigChannelSchema = configObject({
  name: ChannelNameSchema,
  type: ChannelTypeSchema,
  target: ChannelTargetSchema.describe('Slack: the channel id (C0123ABC); teams and webhook: the https:// URL'),
}).superRefine((item, ctx) => {
  const problem = targetProblem(item.type, item.target);
  if (problem) ctx.addIssue({ code: 'custom', path: ['target'], message: problem });
});
export type ConfigChannel = z.infer<typeof ConfigChannelSchema>;

export interface ChannelsState {
  /** Lowercased name → channel. */
  byName: Map<string, Channel>;
}

function channelChange(existing: Channel | undefined, item: ConfigChannel): PlannedChange | undefined {
  if (!existing) {
    return {
      kind: 'channel',
      action: 'create',
      key: nameKey(item.name),
      line: `+ channel "${item.name}" (${item.type} ${item.target})`,
      run: async (ctx) => {
        await createChannel(ctx, item);
      },
    };
  }
  const patch: UpdateChannelInput = {};
  const diffs: string[] = [];
  if (existing.name !== item.name) {
    patch.name = item.name;
    diffs.push(`name "${existing.name}" → "${item.name}"`);
  }
  if (existing.type !== item.type) {
    patch.type = item.type;
    diffs.push(`type ${existing.type} → ${item.type}`);
  }
  if (existing.target !== item.target) {
    patch.target = item.target;
    diffs.push(item.type === 'slack' ? `target ${existing.target} → ${item.target}` : 'target changed');
  }
  if (diffs.length === 0) return undefined;
  return {
    kind: 'channel',
    action: 'update',
    key: nameKey(item.name),
    line: `~ channel "${existing.name}": ${diffs.join(', ')}`,
    run: async (ctx) => {
      await updateChannel(ctx, existing.id, patch);
    },
  };
}

export const channelsConfig: ConfigResource<ConfigChannel, ChannelsState, 'channels'> = {
  key: 'channels',
  itemSchema: ConfigChannelSchema,

  identify: (item) => ({ field: 'name', value: nameKey(item.name) }),

  async load(ctx) {
    return { byName: new Map((await listChannels(ctx)).map((c) => [nameKey(c.name), c])) };
  },

  plan(env) {
    const desired = env.desired(channelsConfig);
    if (!desired) return [];
    const { byName } = env.current(channelsConfig);
    const changes: PlannedChange[] = [];
    for (const item of [...desired].sort(byText((c) => nameKey(c.name)))) {
      const change = channelChange(byName.get(nameKey(item.name)), item);
      if (change) changes.push(change);
    }
    if (env.prune) {
      const kept = new Set(desired.map((c) => nameKey(c.name)));
      for (const [key, channel] of [...byName].sort(byText(([k]) => k))) {
        if (kept.has(key)) continue;
        changes.push({
          kind: 'channel',
          action: 'delete',
          key,
          line: `- channel "${channel.name}" (not in the file)`,
          run: async (ctx) => {
            await deleteChannel(ctx, channel.id);
          },
        });
      }
    }
    return changes;
  },

  export(view) {
    return [...view.current(channelsConfig).byName]
      .sort(byText(([key]) => key))
      .map(([, c]) => ({ name: c.name, type: c.type, target: c.target }));
  },
};
