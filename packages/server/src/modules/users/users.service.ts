/** Use cases on users: create, update, read, passwords. */
import { hash, verify } from '@node-rs/argon2';
import { inTransaction } from '../../db/client.js';
import { newId } from '../../lib/ids.js';
import { AppError, notFound } from '../../lib/errors.js';
import { recordAudit } from '../audit/index.js';
import { isSelf, requireRole, requireScope } from '../access/index.js';
import { withDb, type Ctx } from '../context.js';
import {
  countOwners,
  findUserRecordByEmail,
  getUserRecord,
  insertUser,
  selectUsers,
  updateUserRow,
  type UserRow,
} from './users.repo.js';
import { CreateUserSchema, type CreateUserInput, type UpdateUserInput, type User } from './users.schema.js';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    timeZone: row.time_zone,
    isDisabled: row.is_disabled,
    hasPassword: row.password_hash !== null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** What the audit log keeps of a user: never the password hash. */
const auditView = (user: User) => ({ ...user });

const hashPassword = (password: string): Promise<string> => hash(password);

export async function createUser(ctx: Ctx, input: CreateUserInput): Promise<User> {
  requireRole(ctx.actor, 'admin', 'create users');
  const data = CreateUserSchema.parse(input);
  if (data.role === 'owner') requireRole(ctx.actor, 'owner', 'create another owner');
  const passwordHash = data.password ? await hashPassword(data.password) : null;
  return inTransaction(ctx.db, async (tx) => {
    if (await findUserRecordByEmail(tx, data.email)) {
      throw new AppError('conflict', `A user with email ${data.email} already exists`, {
        details: { email: data.email },
      });
    }
    const now = ctx.clock.now();
    const row = await insertUser(tx, {
      id: newId(now),
      email: data.email,
      name: data.name,
      role: data.role,
      time_zone: data.timeZone,
      password_hash: passwordHash,
      created_at: now,
      updated_at: now,
    });
    const user = toUser(row);
    await recordAudit(withDb(ctx, tx), {
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      after: auditView(user),
    });
    return user;
  });
}

export async function updateUser(ctx: Ctx, id: string, input: UpdateUserInput): Promise<User> {
  const self = isSelf(ctx.actor, id);
  const changesAccess = input.role !== undefined || input.isDisabled !== undefined;
  // Your own name, time zone and password need no role, but a read-only token must not change them.
  requireScope(ctx.actor, 'write', 'change users');
  if (!self || changesAccess) requireRole(ctx.actor, 'admin', 'change other users, roles or access');
  if (input.role === 'owner') requireRole(ctx.actor, 'owner', 'make someone an owner');
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return inTransaction(ctx.db, async (tx) => {
    const before = await getUserRecord(tx, id);
    if (!before) throw notFound('User', id);
    if (input.password && self && before.password_hash) {
      // Someone holding a stolen session must not be able to lock the owner out.
      const ok = input.currentPassword !== undefined && (await verify(before.password_hash, input.currentPassword));
      if (!ok)
        throw new AppError('forbidden', 'To change your password, send your current password as currentPassword.');
    }
    if (before.role === 'owner') requireRole(ctx.actor, 'owner', 'change an owner');
    const row = await updateUserRow(tx, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.role !== undefined && { role: input.role }),
      ...(input.timeZone !== undefined && { time_zone: input.timeZone }),
      ...(input.isDisabled !== undefined && { is_disabled: input.isDisabled }),
      ...(passwordHash !== undefined && { password_hash: passwordHash }),
      updated_at: ctx.clock.now(),
    });
    if (before.role === 'owner' && (row!.role !== 'owner' || row!.is_disabled) && (await countOwners(tx)) === 0) {
      throw new AppError('conflict', 'Tocsin needs at least one active owner: promote someone else first.');
    }
    const after = toUser(row!);
    await recordAudit(withDb(ctx, tx), {
      action:
        passwordHash && Object.keys(input).every((k) => k === 'password' || k === 'currentPassword')
          ? 'user.password_changed'
          : 'user.updated',
      entityType: 'user',
      entityId: id,
      before: auditView(toUser(before)),
      after: auditView(after),
    });
    return after;
  });
}

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  const row = await getUserRecord(ctx.db, id);
  if (!row) throw notFound('User', id);
  return toUser(row);
}

export async function findUserByEmail(ctx: Ctx, email: string): Promise<User | undefined> {
  const row = await findUserRecordByEmail(ctx.db, email);
  return row && toUser(row);
}

export async function listUsers(ctx: Ctx, options: { includeDisabled?: boolean } = {}): Promise<User[]> {
  const rows = await selectUsers(ctx.db, { includeDisabled: options.includeDisabled ?? false });
  return rows.map(toUser);
}

export async function setPassword(ctx: Ctx, id: string, password: string): Promise<User> {
  return updateUser(ctx, id, { password });
}

/** Checks a password; returns the user row when it matches and the user may log in. */
export async function verifyPassword(
  ctx: Pick<Ctx, 'db'>,
  email: string,
  password: string,
): Promise<UserRow | undefined> {
  const row = await findUserRecordByEmail(ctx.db, email);
  if (!row?.password_hash || row.is_disabled) {
    // Spend comparable time when the user is unknown, so timing does not reveal who exists.
    await verify(DUMMY_HASH, password).catch(() => false);
    return undefined;
  }
  return (await verify(row.password_hash, password)) ? row : undefined;
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Kx0TRoxhJ2yYy1rTrcXU0dWJ3e7c4b0w5Qp4pO1Tq0M';
