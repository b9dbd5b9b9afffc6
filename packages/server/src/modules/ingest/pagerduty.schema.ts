/**
 * PagerDuty's Events API v2 and legacy v1 request bodies, as PagerDuty
 * documents them. Unknown fields are accepted, as PagerDuty accepts them:
 * wire compatibility matters more here than strictness. Also used as the
 * OpenAPI description of the two endpoints.
 */
import { z } from 'zod';
import { MAX_DEDUP_KEY_LENGTH, MAX_SUMMARY_LENGTH } from './normalize.js';

export const SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export const EVENT_ACTIONS = ['trigger', 'acknowledge', 'resolve'] as const;

const optionalText = z.string().nullish();

export const PdLinkSchema = z.looseObject({ href: z.string().min(1), text: optionalText });
export const PdImageSchema = z.looseObject({ src: z.string().min(1), href: optionalText, alt: optionalText });

export const PdPayloadSchema = z.looseObject({
  summary: z
    .string()
    .min(1)
    .max(MAX_SUMMARY_LENGTH)
    .describe('A brief text summary of the event (at most 1024 characters)'),
  source: z.string().min(1).describe('The unique location of the affected system, preferably a hostname or FQDN'),
  severity: z.enum(SEVERITIES),
  timestamp: optionalText.describe('When the sender detected the event, ISO 8601'),
  component: optionalText,
  group: optionalText,
  class: optionalText,
  custom_details: z.unknown().optional(),
});

/** The common part of every v2 event; `payload` is checked separately, and only for triggers. */
const EventsV2Base = z.looseObject({
  routing_key: z.string().min(1).describe('The integration key of an Events API v2 integration'),
  event_action: z.enum(EVENT_ACTIONS),
  dedup_key: z
    .string()
    .max(MAX_DEDUP_KEY_LENGTH)
    .nullish()
    .describe('Required for acknowledge and resolve; generated and returned when a trigger has none'),
  client: optionalText,
  client_url: optionalText,
  links: z.array(PdLinkSchema).nullish(),
  images: z.array(PdImageSchema).nullish(),
});

export const EventsV2RequestSchema = EventsV2Base.extend({ payload: z.unknown().optional() });
export const EventsV2BodySchema = EventsV2Base.extend({
  payload: PdPayloadSchema.optional().describe('Required for trigger events'),
}).describe('A PagerDuty Events API v2 alert event');

export const PdContextSchema = z.looseObject({
  type: z.enum(['link', 'image']),
  href: optionalText,
  text: optionalText,
  src: optionalText,
  alt: optionalText,
});

export const EventsV1BodySchema = z
  .looseObject({
    service_key: z.string().min(1).describe('The integration key of an Events API integration'),
    event_type: z.enum(EVENT_ACTIONS),
    incident_key: z
      .string()
      .max(MAX_DEDUP_KEY_LENGTH)
      .nullish()
      .describe('Required for acknowledge and resolve; generated and returned when a trigger has none'),
    description: z.string().max(MAX_SUMMARY_LENGTH).nullish().describe('Required for trigger events'),
    details: z.unknown().optional(),
    client: optionalText,
    client_url: optionalText,
    contexts: z.array(PdContextSchema).nullish(),
  })
  .describe('A PagerDuty Events API v1 event');

export const PdAcceptedSchema = z.object({ status: z.literal('success'), message: z.string(), dedup_key: z.string() });
export const PdV1AcceptedSchema = z.object({
  status: z.literal('success'),
  message: z.string(),
  incident_key: z.string(),
});
export const PdErrorSchema = z.object({
  status: z.string(),
  message: z.string(),
  errors: z.array(z.string()).optional(),
});
