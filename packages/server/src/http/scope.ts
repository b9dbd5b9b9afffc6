/**
 * Token scope at the edge: every write (any method but GET, HEAD and OPTIONS)
 * needs the write scope, whatever the route, so a new route cannot forget it.
 * A route that changes nothing although it is a POST (a preview, signing out)
 * says so with `config: { scope: 'read' }`. Use cases still check roles and
 * the admin scope themselves; this is the floor, not the whole rule.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { scopeAllows, type Scope } from '../lib/actor.js';
import { AppError } from '../lib/errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The scope a request needs: the route's own, else read for safe methods and write for the rest. */
export function scopeNeeded(request: FastifyRequest): Scope {
  return request.routeOptions.config?.scope ?? (SAFE_METHODS.has(request.method) ? 'read' : 'write');
}

/** Registers the check; it runs after authentication has set `request.actor`. */
export function registerScopeCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const actor = request.actor;
    // Public routes judge their own credentials (a routing key, a signed link).
    if (actor?.type !== 'user' || request.routeOptions.config?.public === true) return;
    const needed = scopeNeeded(request);
    if (scopeAllows(actor.scopes, needed)) return;
    throw new AppError(
      'forbidden',
      `This API token has the ${actor.scopes.map((s) => `"${s}"`).join(', ')} scope: ${request.method} ${request.routeOptions.url ?? request.url} needs "${needed}". Create a token with the "${needed}" scope for this.`,
      { details: { scopes: actor.scopes, required: needed } },
    );
  });
}
