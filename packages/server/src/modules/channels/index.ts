/**
 * Channels: the chat channels incidents are announced in (a Slack channel, a
 * Teams or generic webhook). Owns chat_channels. Services post notices to
 * them and escalation levels may target them; this module only knows where a
 * channel is. It does not post: notify does. Its kind in config as code is
 * channels.config.ts.
 */
export {
  listChannels,
  getChannel,
  createChannel,
  updateChannel,
  deleteChannel,
  findMissingChannelIds,
} from './channels.service.js';
export {
  ChannelSchema,
  CreateChannelSchema,
  UpdateChannelSchema,
  ChannelTypeSchema,
  ChannelNameSchema,
  ChannelTargetSchema,
} from './channels.schema.js';
export { targetProblem } from './channel-target.js';
export type { Channel, CreateChannelInput, UpdateChannelInput } from './channels.schema.js';
export type { ChannelType } from './channel-target.js';
export { channelsConfig, type ConfigChannel } from './channels.config.js';
