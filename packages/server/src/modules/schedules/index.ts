/**
 * Schedules: who is on call, when. A schedule is layers of rotations
 * (participants, shift length, hand-off time, restrictions) in a time zone,
 * plus overrides and swaps; every change is a version, so the past stays as
 * it was and any version can be restored. Owns schedules, schedule_versions,
 * schedule_overrides, schedule_swaps and calendar_feeds, and the one on-call
 * calculator that paging, the API, the UI and the calendar feeds all use.
 * It pages nobody and sends nothing: it publishes events (schedules.events.ts:
 * ShiftStarted, ScheduleOverrideCreated, SwapOffered, SwapTaken...) that
 * notify reacts to by telling the people concerned, and it learns
 * a service's schedule targets through a lookup the app provides. Its kind in
 * config as code is schedules.config.ts.
 */
// Who is on call: the contracts paging and other modules use.
export {
  computeOnCall,
  computeOnCallIds,
  computeShifts,
  requireSchedule,
  whoIsOnCall,
  onCallUntil,
  loadTimeline,
  loadTimelines,
} from './oncall.service.js';
export { getMyOnCall } from './my-oncall.service.js';
export { resolveLevels } from './levels-oncall.js';
export { formatOnCallAnswer } from './answer.js';
export { findMissingScheduleIds, scheduleNames } from './schedules.references.js';
export type {
  OnCallQuery,
  OnCallAnswer,
  MyOnCall,
  LevelTargets,
  PolicyTargets,
  ServicePolicyTargets,
  ServiceTargetsLookup,
  PolicyTargetsLookup,
  PersonPolicy,
  PersonPoliciesLookup,
  OnCallLookups,
} from './schedules.types.js';

// The pure calculator.
export {
  onCallAt,
  finalPieces,
  finalShifts,
  shiftsOf,
  layerTimelines,
  versionAt,
  versionSegments,
} from './oncall/timeline.js';
export type {
  ScheduleTimeline,
  TimelineVersion,
  TimelineOverride,
  OverrideKind,
  FinalShift,
  Piece,
} from './oncall/timeline.js';
export { compileDefinition, normalizeDefinition, sameDefinition } from './oncall/definition.js';
export type { ScheduleDefinition, LayerDefinition, RestrictionWindow, ShiftUnit } from './oncall/definition.js';
export { checkSchedule, defaultHorizonWeeks } from './oncall/checks.js';
export type { ScheduleChecks } from './oncall/checks.js';
export { describeChange } from './oncall/describe-change.js';
export { followTheSunDefinition, type FollowTheSunInput, type FollowTheSunRegion } from './oncall/follow-the-sun.js';
export { carryRotations } from './oncall/carry-rotation.js';
export { ZoneRules } from './oncall/zone-rules.js';
export { renderIcs, eventUid, type FeedContent, type FeedEvent } from './calendar-ics.js';

// Use cases.
export {
  listSchedules,
  getSchedule,
  createSchedule,
  createFollowTheSunSchedule,
  updateSchedule,
  deleteSchedule,
} from './schedules.service.js';
export { listVersions, getVersion, restoreVersion } from './versions.service.js';
export { previewSchedule, getChecks, getTimeline, getShifts } from './preview.service.js';
export { listOverrides, createOverride, removeOverride, takePager } from './overrides.service.js';
export { listSwaps, offerSwap, takeSwap, cancelSwap } from './swaps.service.js';
export { createFeed, listFeeds, revokeFeed, renderFeedIcs, renderFeedJson } from './feeds.service.js';
export { createHandoffReconciler, HandoffReconciler } from './handoff.reconciler.js';

// Shapes.
export {
  DefinitionSchema,
  LayerSchema,
  RestrictionSchema,
  ShiftLengthSchema,
  ZoneSchema,
  TimeOfDaySchema,
  LocalDateSchema,
} from './definition.schema.js';
export {
  ScheduleSchema,
  CreateScheduleSchema,
  UpdateScheduleSchema,
  FollowTheSunSchema,
  PreviewSchema,
  PreviewResultSchema,
  SaveResultSchema,
  VersionSchema,
  VersionListItemSchema,
  ChecksSchema,
  ChecksQuerySchema,
  ShiftSchema,
  LayerTimelineSchema,
  RangeQuerySchema,
  OnCallUserSchema,
  OnCallQuerySchema,
  OnCallAnswerSchema,
  LevelOnCallSchema,
  MyOnCallSchema,
  MyOnCallQuerySchema,
  ScheduleNameSchema,
  InstantSchema,
} from './schedules.schema.js';
export type {
  Schedule,
  CreateScheduleInput,
  UpdateScheduleInput,
  FollowTheSunRequest,
  PreviewInput,
  PreviewResult,
  SaveResult,
  Version,
  VersionListItem,
  Checks,
  Shift,
  OnCallUser,
  RangeQuery,
} from './schedules.schema.js';
export { CreateOverrideSchema, TakePagerSchema, OverrideSchema, OverrideListQuerySchema } from './overrides.schema.js';
export type { CreateOverrideInput, TakePagerInput, Override } from './overrides.schema.js';
export { CreateSwapSchema, TakeSwapSchema, SwapSchema, SwapListQuerySchema } from './swaps.schema.js';
export type { CreateSwapInput, TakeSwapInput, Swap } from './swaps.schema.js';
export { CreateFeedSchema, FeedSchema, FeedJsonSchema } from './feeds.schema.js';
export type { CreateFeedInput, Feed, FeedJson } from './feeds.schema.js';

// Config as code.
export { schedulesConfig, type ConfigSchedule } from './schedules.config.js';

// Events.
export { SCHEDULES_EVENTS } from './schedules.events.js';
export type {
  SchedulesEvents,
  ScheduleOverrideEvent,
  SwapOfferedEvent,
  SwapTakenEvent,
  ShiftStartedEvent,
} from './schedules.events.js';
