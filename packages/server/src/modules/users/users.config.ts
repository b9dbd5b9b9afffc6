/**
 * Users in config as code: `users: [{ email, name, role, timeZone?, contactEmail? }]`,
 * matched by email, case-insensitively. A user in the file is active (a
 * disabled one is enabled again). Users are never deleted: with prune, the
 * active users the file leaves out are disabled, except the caller, and a
 * plan that would leave no active owner is refused.
 */
import { z } from 'zod';
import type { Role } from '../../lib/actor.js';
import { AppError } from '../../lib/errors.js';
import type { Ctx } from '../context.js';
import { isSelf, requireRole } from '../access/index.js';
import { byText, configObject, type ConfigResource, type PlanEnv, type PlannedChange } from '../config-kit/index.js';
import { RoleSchema, TimeZoneSchema, type UpdateUserInput, type User } from './users.schema.js';
import { createUser, listUsers, updateUser } from './users.service.js';

export const ConfigUserSchema = configObject({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  role: RoleSchema,
  timeZone: TimeZoneSchema.optional().describe('IANA name; left as it is when omitted (UTC for new users)'),
  contactEmail: z
    .email()
    .max(320)
    .optional()
    .describe(
      'an address to page them at: added to their contact methods as a provisioned email (verified without a code, a test message sent) unless they have it; never removed',
    ),
});
export type ConfigUser = z.infer<typeof ConfigUserSchema>;

/** Every user, disabled ones too, by lowercased email. */
export interface UsersState {
  byEmail: Map<string, User>;
  /** `<user id> <lowercased address>` of each email contact method, when contact emails are managed. */
  contactEmails: Set<string>;
}

/**
 * The contact methods part of a user's item, which the notify module owns
 * (it depends on users, so it is handed in: config.kinds.ts composes them).
 */
export interface UserContactEmails {
  /** `<user id> <lowercased address>` of every email contact method. */
  load(ctx: Ctx): Promise<Set<string>>;
  /** Adds the address to the person's contact methods as a provisioned email, unless they have it. */
  provision(ctx: Ctx, userEmail: string, address: string): Promise<void>;
}

const contactKey = (userId: string, address: string) => `${userId} ${address.toLowerCase()}`;

export const emailKey = (email: string): string => email.toLowerCase();

/** Who is an active user once a plan is applied, and who the plan disables. */
export interface UsersAfterApply {
  /** Lowercased email → role, for every user active after the apply. */
  active: Map<string, Role>;
  toDisable: User[];
  /** The caller, when prune would have disabled them. */
  keptCaller: User | undefined;
}

export function projectUsers(env: PlanEnv): UsersAfterApply {
  const desired = env.desired(usersConfig);
  const { byEmail } = env.current(usersConfig);
  const active = new Map<string, Role>();
  const toDisable: User[] = [];
  let keptCaller: User | undefined;
  for (const item of desired ?? []) active.set(emailKey(item.email), item.role);
  for (const [key, user] of byEmail) {
    if (user.isDisabled || active.has(key)) continue;
    if (!desired || !env.prune) active.set(key, user.role);
    else if (isSelf(env.actor, user.id)) {
      keptCaller = user;
      active.set(key, user.role);
    } else toDisable.push(user);
  }
  return { active, toDisable, keptCaller };
}

function requireOwnerFor(env: PlanEnv, what: string): void {
  requireRole(env.actor, 'owner', what);
}

function createChange(env: PlanEnv, item: ConfigUser): PlannedChange {
  if (item.role === 'owner') requireOwnerFor(env, `create owner ${item.email}`);
  return {
    kind: 'user',
    action: 'create',
    key: emailKey(item.email),
    line: `+ user ${item.email} "${item.name}" (${item.role})`,
    run: async (ctx) => {
      await createUser(ctx, {
        email: item.email,
        name: item.name,
        role: item.role,
        ...(item.timeZone && { timeZone: item.timeZone }),
      });
    },
  };
}

function updateChange(env: PlanEnv, existing: User, item: ConfigUser): PlannedChange | undefined {
  const patch: UpdateUserInput = {};
  const diffs: string[] = [];
  if (existing.name !== item.name) {
    patch.name = item.name;
    diffs.push(`name "${existing.name}" → "${item.name}"`);
  }
  if (existing.role !== item.role) {
    patch.role = item.role;
    diffs.push(`role ${existing.role} → ${item.role}`);
  }
  if (item.timeZone !== undefined && existing.timeZone !== item.timeZone) {
    patch.timeZone = item.timeZone;
    diffs.push(`time zone ${existing.timeZone} → ${item.timeZone}`);
  }
  if (existing.isDisabled) {
    patch.isDisabled = false;
    diffs.push('disabled → enabled');
  }
  if (diffs.length === 0) return undefined;
  if (existing.role === 'owner' || item.role === 'owner') requireOwnerFor(env, `change owner ${existing.email}`);
  return {
    kind: 'user',
    action: 'update',
    key: emailKey(existing.email),
    line: `~ user ${existing.email}: ${diffs.join(', ')}`,
    run: async (ctx) => {
      await updateUser(ctx, existing.id, patch);
    },
  };
}

function disableChange(env: PlanEnv, user: User): PlannedChange {
  if (user.role === 'owner') requireOwnerFor(env, `disable owner ${user.email}`);
  return {
    kind: 'user',
    action: 'disable',
    key: emailKey(user.email),
    line: `- user ${user.email}: disable (not in the file)`,
    run: async (ctx) => {
      await updateUser(ctx, user.id, { isDisabled: true });
    },
  };
}

/** Refuses a plan that takes away the last active owner (a fresh install may have none yet). */
function requireOwnerRemains(state: UsersState, after: UsersAfterApply): void {
  const ownersNow = [...state.byEmail.values()].filter((u) => u.role === 'owner' && !u.isDisabled);
  const ownersAfter = [...after.active.values()].filter((role) => role === 'owner');
  if (ownersNow.length > 0 && ownersAfter.length === 0) {
    throw new AppError(
      'conflict',
      `This plan would leave Tocsin without an active owner (today: ${ownersNow.map((u) => u.email).join(', ')}): ` +
        'keep at least one user with role "owner" in the file.',
      { details: { owners: ownersNow.map((u) => u.email) } },
    );
  }
}

function contactEmailChange(item: ConfigUser, contacts: UserContactEmails): PlannedChange {
  return {
    kind: 'contact method',
    action: 'create',
    key: `${emailKey(item.email)}/${item.contactEmail!.toLowerCase()}`,
    line: `+ contact method email ${item.contactEmail} for ${item.email} (provisioned, a test message is sent)`,
    run: (ctx) => contacts.provision(ctx, item.email, item.contactEmail!),
  };
}

/** Users in config as code, with `contactEmail` handled by `contacts` (without it, the field is refused). */
export function usersConfigWith(contacts?: UserContactEmails): ConfigResource<ConfigUser, UsersState, 'users'> {
  const resource: ConfigResource<ConfigUser, UsersState, 'users'> = {
    key: 'users',
    itemSchema: ConfigUserSchema,

    identify: (item) => ({ field: 'email', value: emailKey(item.email) }),

    async load(ctx) {
      const users = await listUsers(ctx, { includeDisabled: true });
      return {
        byEmail: new Map(users.map((u) => [emailKey(u.email), u])),
        contactEmails: contacts ? await contacts.load(ctx) : new Set(),
      };
    },

    plan(env) {
      const desired = env.desired(resource);
      if (!desired) return [];
      const state = env.current(resource);
      const after = projectUsers(env);
      requireOwnerRemains(state, after);
      // New owners first: handing ownership over in one file must not pass through a moment with none.
      const ordered = [...desired].sort(byText((u) => `${u.role === 'owner' ? 0 : 1}${emailKey(u.email)}`));
      const changes: PlannedChange[] = [];
      for (const item of ordered) {
        const existing = state.byEmail.get(emailKey(item.email));
        const change = existing ? updateChange(env, existing, item) : createChange(env, item);
        if (change) changes.push(change);
        if (item.contactEmail && !(existing && state.contactEmails.has(contactKey(existing.id, item.contactEmail)))) {
          if (!contacts) throw new AppError('validation_failed', 'users[].contactEmail is not supported here');
          changes.push(contactEmailChange(item, contacts));
        }
      }
      for (const user of after.toDisable.sort(byText((u) => emailKey(u.email)))) changes.push(disableChange(env, user));
      if (after.keptCaller) env.warn(`user ${after.keptCaller.email} is not in the file but is you: not disabled`);
      return changes;
    },

    export(view) {
      return [...view.current(resource).byEmail.values()]
        .filter((u) => !u.isDisabled)
        .sort(byText((u) => emailKey(u.email)))
        .map((u) => ({ email: u.email, name: u.name, role: u.role, timeZone: u.timeZone }));
    },
  };
  return resource;
}

/** Users without contact emails: what other kinds read the users' state through (states are found by key). */
export const usersConfig = usersConfigWith();
