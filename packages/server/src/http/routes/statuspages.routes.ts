/**
 * Status pages' admin API: pages, component groups, components (admins
 * shape them; responders set a component's status) and page incidents with
 * their updates (responders: the CMOC). After a change this node renders the
 * page again before answering, so the caller reads its own write; other
 * nodes render it when the change's NOTIFY reaches them.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ComponentGroupSchema,
  ComponentSchema,
  createComponent,
  CreateComponentSchema,
  createGroup,
  CreateGroupSchema,
  createPage,
  createPageIncident,
  CreatePageIncidentSchema,
  CreateStatusPageSchema,
  DefinitionsSchema,
  deleteComponent,
  deleteGroup,
  deletePage,
  getPage,
  getPageIncident,
  listComponents,
  listGroups,
  listPageIncidents,
  listPageIncidentsOfIncident,
  listPages,
  PageIncidentSchema,
  PAGE_INCIDENT_STATES,
  COMPONENT_STATUSES,
  MAINTENANCE_STATES,
  MAINTENANCE_STATE_DEFINITIONS,
  postPageUpdate,
  PostPageUpdateSchema,
  STATE_DEFINITIONS,
  STATUS_DEFINITIONS,
  StatusPageSchema,
  updateComponent,
  UpdateComponentSchema,
  updateGroup,
  UpdateGroupSchema,
  updatePage,
  UpdateStatusPageSchema,
} from '../../modules/statuspages/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { IdParams, IncidentParams, listOf, privateErrors } from './shared.js';

const tags = ['status pages'];
const Sub = (name: string) =>
  z.strictObject({ id: z.string().min(1).max(200).describe('page uuid or slug'), [name]: z.string().min(1).max(200) });
const GroupParams = Sub('groupId') as z.ZodObject<{ id: z.ZodString; groupId: z.ZodString }>;
const ComponentParams = Sub('componentId') as z.ZodObject<{ id: z.ZodString; componentId: z.ZodString }>;
const PageIncidentParams = Sub('pageIncidentId') as z.ZodObject<{ id: z.ZodString; pageIncidentId: z.ZodString }>;

/** Renders a page again on this node (after a change it made); the page's id or slug as the caller named it. */
export type RefreshPage = (pageIdOrSlug: string) => Promise<void>;

export function registerStatusPageRoutes(app: FastifyInstance, deps: HttpDeps, refresh: RefreshPage): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/status-pages/definitions', {
    schema: {
      tags,
      summary: "Seed 004's component statuses and page incident states, with their definitions",
      response: { 200: DefinitionsSchema, ...privateErrors },
    },
    handler: async () => ({
      statuses: COMPONENT_STATUSES.map((key) => ({ key, ...STATUS_DEFINITIONS[key] })),
      states: PAGE_INCIDENT_STATES.map((key) => ({ key, ...STATE_DEFINITIONS[key] })),
      maintenanceStates: MAINTENANCE_STATES.map((key) => ({ key, ...MAINTENANCE_STATE_DEFINITIONS[key] })),
    }),
  });

  r.get('/api/v1/status-pages', {
    schema: { tags, summary: 'List status pages', response: { 200: listOf(StatusPageSchema), ...privateErrors } },
    handler: async (request) => ({ items: await listPages(ctxOf(deps, request)) }),
  });

  r.post('/api/v1/status-pages', {
    schema: {
      tags,
      summary: 'Create a status page (admin)',
      body: CreateStatusPageSchema,
      response: { 201: StatusPageSchema, ...privateErrors },
    },
    handler: async (request, reply) => {
      const page = await createPage(ctxOf(deps, request), request.body);
      await refresh(page.id);
      return reply.status(201).send(page);
    },
  });

  r.get('/api/v1/status-pages/:id', {
    schema: {
      tags,
      summary: 'Read a status page by id or slug',
      params: IdParams,
      response: { 200: StatusPageSchema, ...privateErrors },
    },
    handler: async (request) => getPage(ctxOf(deps, request), request.params.id),
  });

  r.patch('/api/v1/status-pages/:id', {
    schema: {
      tags,
      summary: 'Change a status page (admin)',
      params: IdParams,
      body: UpdateStatusPageSchema,
      response: { 200: StatusPageSchema, ...privateErrors },
    },
    handler: async (request) => {
      const page = await updatePage(ctxOf(deps, request), request.params.id, request.body);
      await refresh(page.id);
      return page;
    },
  });

  r.delete('/api/v1/status-pages/:id', {
    schema: {
      tags,
      summary: 'Delete a status page with its components and page incidents (admin)',
      params: IdParams,
      response: { 204: z.null(), ...privateErrors },
    },
    handler: async (request, reply) => {
      const page = await getPage(ctxOf(deps, request), request.params.id);
      await deletePage(ctxOf(deps, request), page.id);
      await refresh(page.id);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/status-pages/:id/groups', {
    schema: {
      tags,
      summary: "A status page's component groups",
      params: IdParams,
      response: { 200: listOf(ComponentGroupSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listGroups(ctxOf(deps, request), request.params.id) }),
  });

  r.post('/api/v1/status-pages/:id/groups', {
    schema: {
      tags,
      summary: 'Add a component group (admin)',
      params: IdParams,
      body: CreateGroupSchema,
      response: { 201: ComponentGroupSchema, ...privateErrors },
    },
    handler: async (request, reply) => {
      const group = await createGroup(ctxOf(deps, request), request.params.id, request.body);
      await refresh(request.params.id);
      return reply.status(201).send(group);
    },
  });

  r.patch('/api/v1/status-pages/:id/groups/:groupId', {
    schema: {
      tags,
      summary: 'Rename or move a component group (admin)',
      params: GroupParams,
      body: UpdateGroupSchema,
      response: { 200: ComponentGroupSchema, ...privateErrors },
    },
    handler: async (request) => {
      const group = await updateGroup(ctxOf(deps, request), request.params.id, request.params.groupId, request.body);
      await refresh(request.params.id);
      return group;
    },
  });

  r.delete('/api/v1/status-pages/:id/groups/:groupId', {
    schema: {
      tags,
      summary: 'Remove a component group; its components stay, outside any group (admin)',
      params: GroupParams,
      response: { 204: z.null(), ...privateErrors },
    },
    handler: async (request, reply) => {
      await deleteGroup(ctxOf(deps, request), request.params.id, request.params.groupId);
      await refresh(request.params.id);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/status-pages/:id/components', {
    schema: {
      tags,
      summary: "A status page's components",
      params: IdParams,
      response: { 200: listOf(ComponentSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listComponents(ctxOf(deps, request), request.params.id) }),
  });

  r.post('/api/v1/status-pages/:id/components', {
    schema: {
      tags,
      summary: 'Add a component (admin)',
      params: IdParams,
      body: CreateComponentSchema,
      response: { 201: ComponentSchema, ...privateErrors },
    },
    handler: async (request, reply) => {
      const component = await createComponent(ctxOf(deps, request), request.params.id, request.body);
      await refresh(request.params.id);
      return reply.status(201).send(component);
    },
  });

  r.patch('/api/v1/status-pages/:id/components/:componentId', {
    schema: {
      tags,
      summary: 'Change a component (admin), or only its status (responders); Security Issue needs confirmDisclosure',
      params: ComponentParams,
      body: UpdateComponentSchema,
      response: { 200: ComponentSchema, ...privateErrors },
    },
    handler: async (request) => {
      const component = await updateComponent(
        ctxOf(deps, request),
        request.params.id,
        request.params.componentId,
        request.body,
      );
      await refresh(request.params.id);
      return component;
    },
  });

  r.delete('/api/v1/status-pages/:id/components/:componentId', {
    schema: {
      tags,
      summary: 'Remove a component (admin)',
      params: ComponentParams,
      response: { 204: z.null(), ...privateErrors },
    },
    handler: async (request, reply) => {
      await deleteComponent(ctxOf(deps, request), request.params.id, request.params.componentId);
      await refresh(request.params.id);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/status-pages/:id/incidents', {
    schema: {
      tags,
      summary: "A status page's incidents, newest first",
      params: IdParams,
      response: { 200: listOf(PageIncidentSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listPageIncidents(ctxOf(deps, request), request.params.id) }),
  });

  r.post('/api/v1/status-pages/:id/incidents', {
    schema: {
      tags,
      summary:
        'Publish a page incident (responders, the CMOC); linked to an internal incident, a private or security one needs confirmDisclosure',
      params: IdParams,
      body: CreatePageIncidentSchema,
      response: { 201: PageIncidentSchema, ...privateErrors },
    },
    handler: async (request, reply) => {
      const incident = await createPageIncident(ctxOf(deps, request), request.params.id, request.body);
      await refresh(incident.pageId);
      return reply.status(201).send(incident);
    },
  });

  r.get('/api/v1/status-pages/:id/incidents/:pageIncidentId', {
    schema: {
      tags,
      summary: 'Read a page incident with its updates',
      params: PageIncidentParams,
      response: { 200: PageIncidentSchema, ...privateErrors },
    },
    handler: async (request) => getPageIncident(ctxOf(deps, request), request.params.id, request.params.pageIncidentId),
  });

  r.post('/api/v1/status-pages/:id/incidents/:pageIncidentId/updates', {
    schema: {
      tags,
      summary: 'Post an update on a page incident (responders); resolved puts its components back to operational',
      params: PageIncidentParams,
      body: PostPageUpdateSchema,
      response: { 201: PageIncidentSchema, ...privateErrors },
    },
    handler: async (request, reply) => {
      const incident = await postPageUpdate(
        ctxOf(deps, request),
        request.params.id,
        request.params.pageIncidentId,
        request.body,
      );
      await refresh(incident.pageId);
      return reply.status(201).send(incident);
    },
  });

  r.get('/api/v1/incidents/:id/status-page-incidents', {
    schema: {
      tags,
      summary: 'The page incidents that tell the public about an incident',
      params: IncidentParams,
      response: { 200: listOf(PageIncidentSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listPageIncidentsOfIncident(ctxOf(deps, request), request.params.id) }),
  });
}
