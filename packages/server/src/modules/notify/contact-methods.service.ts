/**
 * Use cases on a person's contact methods: add (which sends a verification
 * code through the method itself), verify, resend, rename, disable, delete.
 * A method is paged only once verified; verifying the first time gives it a
 * default immediate high-urgency rule.
 */
import { inTransaction, type Db } from '../../db/client.js';
import { AppError, conflict, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { getUserRecord } from '../users/index.js';
import { checkAddress, TYPE_LABEL } from './contact-address.js';
import {
  countRulesForMethod,
  deleteContactMethodRow,
  findContactMethod,
  findContactMethodByAddress,
  insertContactMethod,
  insertRule,
  selectContactMethods,
  updateContactMethodRow,
  type ContactMethodRow,
} from './contact-methods.repo.js';
import {
  CreateContactMethodSchema,
  UpdateContactMethodSchema,
  type ContactMethod,
  type CreateContactMethodInput,
  type UpdateContactMethodInput,
} from './contact-methods.schema.js';
import { notConfiguredMessage } from './delivery/compose.js';
import { queueNotification } from './delivery/jobs.js';
import { requireSelfOrAdmin } from './notify.access.js';
import { keyFor, webhookKeyScope, type NotifyDeps } from './notify.deps.js';
import {
  hashVerificationCode,
  isVerificationCode,
  verificationCode,
  verificationExpiry,
  VERIFICATION_MAX_ATTEMPTS,
  VERIFICATION_RESEND_SECONDS,
  VERIFICATION_TTL_MINUTES,
} from './verification-code.js';

export async function toContactMethod(deps: NotifyDeps, row: ContactMethodRow): Promise<ContactMethod> {
  const pending = !row.verified_at && row.verification_code_hash && row.verification_expires_at;
  return {
    id: row.id,
    userId: row.user_id,
    type: row.type,
    label: row.label,
    address: row.address,
    isVerified: row.verified_at !== null,
    verifiedAt: row.verified_at?.toISOString() ?? null,
    isDisabled: row.disabled_at !== null,
    provisioned: row.provisioned_at
      ? { at: row.provisioned_at.toISOString(), byUserId: row.provisioned_by ?? null }
      : null,
    expiredAt: row.expired_at?.toISOString() ?? null,
    verification: pending
      ? {
          expiresAt: row.verification_expires_at!.toISOString(),
          attemptsLeft: Math.max(0, VERIFICATION_MAX_ATTEMPTS - row.verification_attempts),
        }
      : null,
    ...(row.type === 'webhook' && { signingSecret: await keyFor(deps, webhookKeyScope('contact-method', row.id)) }),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const auditView = (row: ContactMethodRow) => ({
  id: row.id,
  userId: row.user_id,
  type: row.type,
  label: row.label,
  address: row.address,
  verified: row.verified_at !== null,
  disabled: row.disabled_at !== null,
  provisioned: row.provisioned_at !== null,
  expired: row.expired_at !== null,
});

async function requireUser(db: Db, userId: string): Promise<void> {
  if (!(await getUserRecord(db, userId))) throw notFound('User', userId);
}

export async function requireMethodOf(
  db: Db,
  userId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ContactMethodRow> {
  const row = await findContactMethod(db, id, options);
  if (!row || row.user_id !== userId) throw notFound('Contact method', id);
  return row;
}

/** Issues a fresh code on the method and queues the message that carries it (inside the caller's transaction). */
async function issueCode(ctx: Ctx, deps: NotifyDeps, row: ContactMethodRow): Promise<ContactMethodRow> {
  const issuedAt = ctx.clock.now();
  const code = verificationCode(await keyFor(deps, 'verification-codes'), row.id, issuedAt);
  const updated = await updateContactMethodRow(ctx.db, row.id, {
    verification_code_hash: hashVerificationCode(await keyFor(deps, 'verification-codes'), row.id, code),
    verification_expires_at: verificationExpiry(issuedAt),
    verification_attempts: 0,
    updated_at: issuedAt,
  });
  // The job renders the code again from the key, the method and this instant: it is never stored in plain text.
  await queueNotification(ctx.db, ctx.clock, {
    idempotency_key: `verify:${row.id}:${issuedAt.toISOString()}`,
    kind: 'verification',
    incident_id: null,
    user_id: row.user_id,
    contact_method_id: row.id,
    channel_id: null,
    send_at: issuedAt,
    created_at: issuedAt,
  });
  return updated;
}

/**
 * Verifies a new method on an admin's word (no code), marks who provisioned it,
 * gives it the default immediate high-urgency rule as verifying would, and
 * queues a test message so its owner learns it exists and that it works.
 */
async function provision(ctx: Ctx, row: ContactMethodRow): Promise<ContactMethodRow> {
  const now = ctx.clock.now();
  const provisioned = await updateContactMethodRow(ctx.db, row.id, {
    verified_at: now,
    provisioned_at: now,
    provisioned_by: ctx.actor.type === 'user' ? ctx.actor.userId : null,
    updated_at: now,
  });
  await insertRule(ctx.db, {
    id: newId(now),
    user_id: row.user_id,
    contact_method_id: row.id,
    urgency: 'high',
    delay_minutes: 0,
    created_at: now,
  });
  await queueNotification(ctx.db, ctx.clock, {
    idempotency_key: `provisioned:${row.id}`,
    kind: 'test',
    incident_id: null,
    user_id: row.user_id,
    contact_method_id: row.id,
    channel_id: null,
    send_at: now,
    created_at: now,
  });
  return provisioned;
}

/**
 * Config as code (`users[].contactEmail`): the person's email contact method at
 * `address`, provisioned, unless they have one there already. Admins only.
 */
export async function provisionEmailContact(ctx: Ctx, userId: string, address: string): Promise<void> {
  requireRole(ctx.actor, 'admin', 'provision contact methods without a code');
  const checked = checkAddress('email', address);
  if (!checked.ok)
    throw new AppError('validation_failed', `contactEmail: ${checked.message}`, {
      details: { issues: [{ path: 'contactEmail', message: checked.message }] },
    });
  await inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    await requireUser(tx, userId);
    if (await findContactMethodByAddress(tx, userId, 'email', checked.address)) return;
    const now = ctx.clock.now();
    const inserted = await insertContactMethod(tx, {
      id: newId(now),
      user_id: userId,
      type: 'email',
      label: 'Email',
      address: checked.address,
      verified_at: null,
      verification_code_hash: null,
      verification_expires_at: null,
      disabled_at: null,
      created_at: now,
      updated_at: now,
      push_keys: null,
    });
    const row = await provision(txCtx, inserted);
    await recordAudit(txCtx, {
      action: 'contact_method.provisioned',
      entityType: 'contact_method',
      entityId: row.id,
      after: auditView(row),
    });
  });
}

export async function listContactMethods(ctx: Ctx, deps: NotifyDeps, userId: string): Promise<ContactMethod[]> {
  requireSelfOrAdmin(ctx.actor, userId, 'see the contact methods', 'read');
  await requireUser(ctx.db, userId);
  return Promise.all((await selectContactMethods(ctx.db, userId)).map((row) => toContactMethod(deps, row)));
}

export async function getContactMethod(ctx: Ctx, deps: NotifyDeps, userId: string, id: string): Promise<ContactMethod> {
  requireSelfOrAdmin(ctx.actor, userId, 'see the contact methods', 'read');
  return toContactMethod(deps, await requireMethodOf(ctx.db, userId, id));
}

export async function createContactMethod(
  ctx: Ctx,
  deps: NotifyDeps,
  userId: string,
  input: CreateContactMethodInput,
): Promise<ContactMethod> {
  requireSelfOrAdmin(ctx.actor, userId, 'add contact methods', 'write');
  const data = CreateContactMethodSchema.parse(input);
  if (data.provision) {
    requireRole(ctx.actor, 'admin', 'provision contact methods without a code');
    if (data.type !== 'email') {
      const message = 'only an email contact method can be provisioned without a code';
      throw new AppError('validation_failed', `provision: ${message}`, {
        details: { issues: [{ path: 'body.provision', message }] },
      });
    }
  }
  if (!deps.providers[data.type])
    throw conflict(`${notConfiguredMessage(data.type)}, then add the contact method again.`, { type: data.type });
  if ((data.type === 'push') !== (data.keys !== undefined)) {
    const message =
      data.type === 'push'
        ? "a push contact method needs the subscription's keys (p256dh and auth, from PushSubscription.toJSON())"
        : 'only a push contact method takes keys';
    throw new AppError('validation_failed', `keys: ${message}`, {
      details: { issues: [{ path: 'body.keys', message }] },
    });
  }
  const checked = checkAddress(data.type, data.address);
  if (!checked.ok)
    throw new AppError('validation_failed', `address: ${checked.message}`, {
      details: { issues: [{ path: 'body.address', message: checked.message }] },
    });
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    await requireUser(tx, userId);
    if (await findContactMethodByAddress(tx, userId, data.type, checked.address)) {
      throw conflict(`This person already has a ${TYPE_LABEL[data.type]} contact method for ${checked.address}`, {
        type: data.type,
        address: checked.address,
      });
    }
    const now = ctx.clock.now();
    const inserted = await insertContactMethod(tx, {
      id: newId(now),
      user_id: userId,
      type: data.type,
      label: data.label ?? TYPE_LABEL[data.type].replace(/^\w/, (c) => c.toUpperCase()),
      address: checked.address,
      verified_at: null,
      verification_code_hash: null,
      verification_expires_at: null,
      disabled_at: null,
      created_at: now,
      updated_at: now,
      push_keys: data.keys ? JSON.stringify(data.keys) : null,
    });
    const row = data.provision ? await provision(txCtx, inserted) : await issueCode(txCtx, deps, inserted);
    await recordAudit(txCtx, {
      action: data.provision ? 'contact_method.provisioned' : 'contact_method.created',
      entityType: 'contact_method',
      entityId: row.id,
      after: auditView(row),
    });
    return toContactMethod(deps, row);
  });
}

export async function updateContactMethod(
  ctx: Ctx,
  deps: NotifyDeps,
  userId: string,
  id: string,
  input: UpdateContactMethodInput,
): Promise<ContactMethod> {
  requireSelfOrAdmin(ctx.actor, userId, 'change contact methods', 'write');
  const data = UpdateContactMethodSchema.parse(input);
  return inTransaction(ctx.db, async (tx) => {
    const before = await requireMethodOf(tx, userId, id, { forUpdate: true });
    const now = ctx.clock.now();
    const row = await updateContactMethodRow(tx, id, {
      ...(data.label !== undefined && { label: data.label }),
      ...(data.isDisabled !== undefined && { disabled_at: data.isDisabled ? (before.disabled_at ?? now) : null }),
      updated_at: now,
    });
    await recordAudit(withDb(ctx, tx), {
      action: 'contact_method.updated',
      entityType: 'contact_method',
      entityId: id,
      before: auditView(before),
      after: auditView(row),
    });
    return toContactMethod(deps, row);
  });
}

export async function deleteContactMethod(
  ctx: Ctx,
  deps: NotifyDeps,
  userId: string,
  id: string,
): Promise<ContactMethod> {
  requireSelfOrAdmin(ctx.actor, userId, 'delete contact methods', 'write');
  return inTransaction(ctx.db, async (tx) => {
    const row = await requireMethodOf(tx, userId, id, { forUpdate: true });
    const shown = await toContactMethod(deps, row);
    await deleteContactMethodRow(tx, id);
    await recordAudit(withDb(ctx, tx), {
      action: 'contact_method.deleted',
      entityType: 'contact_method',
      entityId: id,
      before: auditView(row),
    });
    return shown;
  });
}

export async function resendVerification(
  ctx: Ctx,
  deps: NotifyDeps,
  userId: string,
  id: string,
): Promise<ContactMethod> {
  requireSelfOrAdmin(ctx.actor, userId, 'verify contact methods', 'write');
  return inTransaction(ctx.db, async (tx) => {
    const row = await requireMethodOf(tx, userId, id, { forUpdate: true });
    if (row.verified_at) throw conflict(`Contact method ${id} is already verified`, { id });
    if (row.verification_expires_at) {
      const issuedAt = row.verification_expires_at.getTime() - VERIFICATION_TTL_MINUTES * 60_000;
      const waitSeconds = Math.ceil((issuedAt + VERIFICATION_RESEND_SECONDS * 1000 - ctx.clock.now().getTime()) / 1000);
      if (waitSeconds > 0)
        throw new AppError(
          'rate_limited',
          `A code was sent less than a minute ago: wait ${waitSeconds} s before asking for another`,
          { details: { retryAfterSeconds: waitSeconds } },
        );
    }
    const updated = await issueCode(withDb(ctx, tx), deps, row);
    await recordAudit(withDb(ctx, tx), {
      action: 'contact_method.code_sent',
      entityType: 'contact_method',
      entityId: id,
    });
    return toContactMethod(deps, updated);
  });
}

type VerifyOutcome = { ok: true; row: ContactMethodRow } | { ok: false; error: AppError };

export async function verifyContactMethod(
  ctx: Ctx,
  deps: NotifyDeps,
  userId: string,
  id: string,
  code: string,
): Promise<ContactMethod> {
  requireSelfOrAdmin(ctx.actor, userId, 'verify contact methods', 'write');
  const key = await keyFor(deps, 'verification-codes');
  // A wrong code must still count against the attempts, so the outcome is committed before any error is thrown.
  const outcome = await inTransaction(ctx.db, async (tx): Promise<VerifyOutcome> => {
    const txCtx = withDb(ctx, tx);
    const row = await requireMethodOf(tx, userId, id, { forUpdate: true });
    if (row.verified_at) return { ok: true, row };
    const now = ctx.clock.now();
    if (!row.verification_code_hash || !row.verification_expires_at || row.verification_expires_at <= now) {
      return {
        ok: false,
        error: new AppError(
          'bad_request',
          'The verification code has expired: ask for a new one (resend) and enter it within 10 minutes',
          { details: { id } },
        ),
      };
    }
    if (row.verification_attempts >= VERIFICATION_MAX_ATTEMPTS) {
      return {
        ok: false,
        error: new AppError(
          'rate_limited',
          `Too many wrong codes for contact method ${id}: ask for a new code (resend)`,
          { details: { id } },
        ),
      };
    }
    if (!isVerificationCode(key, row.id, code, row.verification_code_hash)) {
      const attempts = row.verification_attempts + 1;
      await updateContactMethodRow(tx, id, { verification_attempts: attempts, updated_at: now });
      const left = VERIFICATION_MAX_ATTEMPTS - attempts;
      return {
        ok: false,
        error: new AppError(
          'bad_request',
          left > 0
            ? `That code is wrong: ${left} attempt${left === 1 ? '' : 's'} left`
            : 'That code is wrong and no attempts are left: ask for a new code (resend)',
          { details: { id, attemptsLeft: left } },
        ),
      };
    }
    const verified = await updateContactMethodRow(tx, id, {
      verified_at: now,
      verification_code_hash: null,
      verification_expires_at: null,
      verification_attempts: 0,
      updated_at: now,
    });
    if ((await countRulesForMethod(tx, id)) === 0) {
      await insertRule(tx, {
        id: newId(now),
        user_id: userId,
        contact_method_id: id,
        urgency: 'high',
        delay_minutes: 0,
        created_at: now,
      });
    }
    await recordAudit(txCtx, {
      action: 'contact_method.verified',
      entityType: 'contact_method',
      entityId: id,
      before: auditView(row),
      after: auditView(verified),
    });
    return { ok: true, row: verified };
  });
  if (!outcome.ok) throw outcome.error;
  return toContactMethod(deps, outcome.row);
}
