/**
 * Private calendar feeds of on-call shifts: create, list and revoke them
 * (signed in), and the feeds themselves at a secret URL that calendar apps
 * subscribe to without credentials: `/api/v1/calendars/{token}.ics` (iCal)
 * or `.json`. Unknown and revoked tokens answer 404.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createFeed,
  CreateFeedSchema,
  FeedJsonSchema,
  FeedSchema,
  listFeeds,
  renderFeedIcs,
  renderFeedJson,
  revokeFeed,
} from '../../modules/schedules/index.js';
import { AppError } from '../../lib/errors.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { ErrorSchema, IdParams, listOf, privateErrors } from './shared.js';

const tags = ['schedules'];
const FeedFileParams = z.strictObject({
  file: z.string().regex(/^tcal_[A-Za-z0-9_-]{16,64}\.(ics|json)$/, 'must be the feed token followed by .ics or .json'),
});
const CreatedFeedSchema = z.object({
  feed: FeedSchema,
  token: z.string().describe('shown once; the feed URLs carry it'),
  url: z.string().describe('the iCal feed over https (or http)'),
  webcalUrl: z.string().describe('the same feed for calendar apps to subscribe to'),
  jsonUrl: z.string().describe('the same shifts as JSON'),
});

export function registerScheduleCalendarRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = deps.config.publicUrl.replace(/\/+$/, '');

  r.get('/api/v1/calendars', {
    schema: {
      tags,
      summary: "Your calendar feeds (admins: everyone's)",
      response: { 200: listOf(FeedSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listFeeds(ctxOf(deps, request)) }),
  });

  r.post('/api/v1/calendars', {
    schema: {
      tags,
      summary: "Create a private calendar feed of a person's or a schedule's shifts; the secret URL is shown once",
      body: CreateFeedSchema,
      response: { 201: CreatedFeedSchema, ...privateErrors },
    },
    handler: async (request, reply) => {
      const { feed, token } = await createFeed(ctxOf(deps, request), request.body);
      const url = `${base}/api/v1/calendars/${token}.ics`;
      return reply.status(201).send({
        feed,
        token,
        url,
        webcalUrl: url.replace(/^https?:\/\//, 'webcal://'),
        jsonUrl: `${base}/api/v1/calendars/${token}.json`,
      });
    },
  });

  r.delete('/api/v1/calendars/:id', {
    schema: {
      tags,
      summary: 'Revoke a calendar feed: its URL answers 404 from now on',
      params: IdParams,
      response: { 200: FeedSchema, ...privateErrors },
    },
    handler: async (request) => revokeFeed(ctxOf(deps, request), request.params.id),
  });

  r.get('/api/v1/calendars/:file', {
    config: { public: true },
    schema: {
      tags,
      summary: 'A calendar feed by its secret token: {token}.ics (iCal, RFC 5545) or {token}.json',
      params: FeedFileParams,
      produces: ['text/calendar', 'application/json'],
      response: {
        200: z.union([z.string(), FeedJsonSchema]).describe('text/calendar for .ics, JSON for .json'),
        400: ErrorSchema,
        404: ErrorSchema,
      },
    },
    handler: async (request, reply) => {
      const file = request.params.file;
      const token = file.slice(0, file.lastIndexOf('.'));
      const notFound = () =>
        new AppError(
          'not_found',
          'No calendar feed at this address: it was revoked, or the link is wrong. Create a new feed in Tocsin.',
        );
      reply.header('cache-control', 'private, max-age=300');
      if (file.endsWith('.json')) {
        const json = await renderFeedJson(deps.db, deps.clock, token);
        if (!json) throw notFound();
        return json;
      }
      const ics = await renderFeedIcs(deps.db, deps.clock, token);
      if (!ics) throw notFound();
      reply.serializer((payload: unknown) => payload as string);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="oncall.ics"')
        .send(ics);
    },
  });
}
