/**
 * The only SQL on contact_methods and notification_rules. It also reads the
 * owner's name and state beside a method (users), as incidents.repo reads the
 * names it shows, so a delivery decides in one query and not three.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import { isFailFast } from '../../db/batch.js';
import type { Db } from '../../db/client.js';
import { rememberedByIds } from '../../db/remembered.js';
import { compiledOnce } from '../../db/compiled.js';
import { expectedPagedUsers, transactionValue } from '../../db/context.js';
import type { ContactMethodsTable, NotificationRulesTable } from '../../db/schema.js';
import type { NotificationRow } from './notifications.repo.js';
import { isUuid } from '../../lib/ids.js';
import type { ContactMethodType } from './notify.types.js';

export type ContactMethodRow = Selectable<ContactMethodsTable>;
export type RuleRow = Selectable<NotificationRulesTable>;

export async function insertContactMethod(db: Db, row: Insertable<ContactMethodsTable>): Promise<ContactMethodRow> {
  return db.insertInto('contact_methods').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateContactMethodRow(
  db: Db,
  id: string,
  patch: Updateable<ContactMethodsTable>,
): Promise<ContactMethodRow> {
  return db.updateTable('contact_methods').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Marks a method expired and disabled (once, keeping an earlier disabling's time), so nothing goes to it again. */
export async function expireContactMethodRow(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable('contact_methods')
    .set((eb) => ({ expired_at: now, disabled_at: eb.fn.coalesce('disabled_at', eb.val(now)), updated_at: now }))
    .where('id', '=', id)
    .where('expired_at', 'is', null)
    .execute();
}

export async function deleteContactMethodRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('contact_methods').where('id', '=', id).execute();
}

export async function findContactMethod(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ContactMethodRow | undefined> {
  if (!isUuid(id)) return undefined;
  let q = db.selectFrom('contact_methods').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

type Owner = { name: string; isDisabled: boolean } | undefined;
const ownerOf = (name: string | null, isDisabled: boolean | null): Owner =>
  name === null || isDisabled === null ? undefined : { name, isDisabled };

export interface NotificationWithMethod {
  row: NotificationRow;
  /** Undefined when the method was deleted. */
  method: ContactMethodRow | undefined;
  owner: Owner;
}

const notificationsWithMethods = compiledOnce((db: Db, v: { ids: string[] }) =>
  db
    .selectFrom('notifications as n')
    .leftJoin('contact_methods as m', 'm.id', 'n.contact_method_id')
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .selectAll('n')
    .select([
      'm.id as m_id',
      'm.user_id as m_user_id',
      'm.type as m_type',
      'm.label as m_label',
      'm.address as m_address',
      'm.verified_at as m_verified_at',
      'm.verification_code_hash as m_verification_code_hash',
      'm.verification_expires_at as m_verification_expires_at',
      'm.verification_attempts as m_verification_attempts',
      'm.disabled_at as m_disabled_at',
      'm.provisioned_at as m_provisioned_at',
      'm.provisioned_by as m_provisioned_by',
      'm.expired_at as m_expired_at',
      'm.created_at as m_created_at',
      'm.updated_at as m_updated_at',
      'm.push_keys as m_push_keys',
      'u.name as owner_name',
      'u.is_disabled as owner_is_disabled',
    ])
    .where('n.id', 'in', v.ids)
    .orderBy('n.id')
    .forUpdate('n'),
);

/**
 * Notifications, locked until the transaction ends (in id order, so two
 * transactions cannot deadlock on them), each with its contact method and the
 * method's owner: what deliveries decide on, in one query. By id; ids that
 * are gone are missing.
 */
export async function lockNotificationsWithMethods(
  db: Db,
  ids: string[],
): Promise<Map<string, NotificationWithMethod>> {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (wanted.length === 0) return new Map();
  const rows = await notificationsWithMethods(db, { ids: wanted });
  const found = new Map<string, NotificationWithMethod>();
  for (const {
    m_id,
    m_user_id,
    m_type,
    m_label,
    m_address,
    m_verified_at,
    m_verification_code_hash,
    m_verification_expires_at,
    m_verification_attempts,
    m_disabled_at,
    m_provisioned_at,
    m_provisioned_by,
    m_expired_at,
    m_created_at,
    m_updated_at,
    m_push_keys,
    owner_name,
    owner_is_disabled,
    ...row
  } of rows) {
    const method: ContactMethodRow | undefined =
      m_id === null
        ? undefined
        : {
            id: m_id,
            user_id: m_user_id!,
            type: m_type!,
            label: m_label!,
            address: m_address!,
            verified_at: m_verified_at,
            verification_code_hash: m_verification_code_hash,
            verification_expires_at: m_verification_expires_at,
            verification_attempts: m_verification_attempts!,
            disabled_at: m_disabled_at,
            provisioned_at: m_provisioned_at,
            provisioned_by: m_provisioned_by,
            expired_at: m_expired_at,
            created_at: m_created_at!,
            updated_at: m_updated_at!,
            push_keys: m_push_keys,
          };
    found.set(row.id, { row, method, owner: ownerOf(owner_name, owner_is_disabled) });
  }
  return found;
}

export async function findContactMethodByAddress(
  db: Db,
  userId: string,
  type: ContactMethodType,
  address: string,
): Promise<ContactMethodRow | undefined> {
  return db
    .selectFrom('contact_methods')
    .selectAll()
    .where('user_id', '=', userId)
    .where('type', '=', type)
    .where('address', '=', address)
    .executeTakeFirst();
}

/** Every email contact method's owner and address (config as code's users[].contactEmail). */
export async function selectEmailMethods(db: Db): Promise<Array<{ user_id: string; address: string }>> {
  return db.selectFrom('contact_methods').select(['user_id', 'address']).where('type', '=', 'email').execute();
}

export async function selectContactMethods(db: Db, userId: string): Promise<ContactMethodRow[]> {
  return db
    .selectFrom('contact_methods')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Methods that may be paged: verified and not disabled, oldest first (the user's order of preference). */
export async function selectUsableMethods(db: Db, userIds: string[]): Promise<ContactMethodRow[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('contact_methods')
    .selectAll()
    .where('user_id', 'in', userIds)
    .where('verified_at', 'is not', null)
    .where('disabled_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

const methodsByIds = compiledOnce((db: Db, v: { ids: string[] }) =>
  db.selectFrom('contact_methods').selectAll().where('id', 'in', v.ids),
);

/** Contact methods by id (gone ones missing); in an alerts batch, as remembered until a method changes (ADR 38). */
export const selectMethodsByIds = rememberedByIds(
  ['contact_methods'],
  async (db, ids): Promise<Map<string, ContactMethodRow>> => {
    const wanted = ids.filter(isUuid);
    if (wanted.length === 0) return new Map();
    return new Map((await methodsByIds(db, { ids: wanted })).map((method) => [method.id, method]));
  },
);

/** Verified, enabled methods of a type at an address (an SMS number, a Slack member id), any user. */
export async function selectUsableMethodsAt(
  db: Db,
  types: ContactMethodType[],
  address: string,
): Promise<ContactMethodRow[]> {
  return db
    .selectFrom('contact_methods')
    .selectAll()
    .where('type', 'in', types)
    .where('address', '=', address)
    .where('verified_at', 'is not', null)
    .where('disabled_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

export async function insertRule(db: Db, row: Insertable<NotificationRulesTable>): Promise<RuleRow> {
  return db.insertInto('notification_rules').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateRuleRow(db: Db, id: string, patch: Updateable<NotificationRulesTable>): Promise<RuleRow> {
  return db.updateTable('notification_rules').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteRuleRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('notification_rules').where('id', '=', id).execute();
}

export async function findRule(db: Db, id: string): Promise<RuleRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('notification_rules').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function selectRules(db: Db, userId: string): Promise<RuleRow[]> {
  return db
    .selectFrom('notification_rules')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('urgency')
    .orderBy('delay_minutes')
    .orderBy('created_at')
    .execute();
}

export async function countRulesForMethod(db: Db, contactMethodId: string): Promise<number> {
  const row = await db
    .selectFrom('notification_rules')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('contact_method_id', '=', contactMethodId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Rules of these users for an urgency whose method can be paged. */
export async function selectUsableRules(db: Db, userIds: string[], urgency: 'high' | 'low'): Promise<RuleRow[]> {
  if (userIds.length === 0) return [];
  const expected = isFailFast(db) ? expectedPagedUsers.get(db) : undefined;
  if (expected) return rulesOfBatch(db, userIds, expected, urgency);
  return usableRulesOfUrgency(db, { userIds, urgency });
}

const usableRulesQuery = (db: Db, userIds: readonly string[]) =>
  db
    .selectFrom('notification_rules as r')
    .innerJoin('contact_methods as m', 'm.id', 'r.contact_method_id')
    .selectAll('r')
    .where('r.user_id', 'in', userIds)
    .where('m.verified_at', 'is not', null)
    .where('m.disabled_at', 'is', null)
    .orderBy('r.delay_minutes')
    .orderBy('r.created_at');
const usableRules = compiledOnce((db: Db, v: { userIds: string[] }) => usableRulesQuery(db, v.userIds));
const usableRulesOfUrgency = compiledOnce((db: Db, v: { userIds: string[]; urgency: 'high' | 'low' }) =>
  usableRulesQuery(db, v.userIds).where('r.urgency', '=', v.urgency),
);

/** Usable rules (any urgency) by person, in an alerts batch as remembered until a rule or method changes (ADR 38). */
const rememberedUsableRules = rememberedByIds(['notification_rules', 'contact_methods'], async (db, userIds) => {
  const byUser = new Map<string, RuleRow[]>();
  for (const rule of await usableRules(db, { userIds })) {
    const theirs = byUser.get(rule.user_id);
    if (theirs) theirs.push(rule);
    else byUser.set(rule.user_id, [rule]);
  }
  return byUser;
});

const BATCH_RULES = 'notify.batch-rules';

/**
 * In a batch transaction that said whom it expects to page (an alerts batch:
 * nothing in it changes rules or contact methods), the usable rules of all
 * those people are read once, both urgencies, and kept for the rest of it;
 * someone not expected is read when first asked for (ADR 34). The order is
 * the query's: by delay, then age.
 */
async function rulesOfBatch(
  db: Db,
  userIds: string[],
  expected: readonly string[],
  urgency: 'high' | 'low',
): Promise<RuleRow[]> {
  let known = transactionValue.get<Map<string, RuleRow[]>>(db, BATCH_RULES);
  if (!known) {
    known = new Map();
    transactionValue.set(db, BATCH_RULES, known);
  }
  if (userIds.some((id) => !known.has(id))) {
    const toRead = [...new Set([...userIds, ...expected])].filter((id) => !known.has(id));
    const rules = await rememberedUsableRules(db, toRead);
    for (const id of toRead) known.set(id, rules.get(id) ?? []);
  }
  return [...new Set(userIds)]
    .flatMap((id) => known.get(id)!.filter((rule) => rule.urgency === urgency))
    .sort((a, b) => a.delay_minutes - b.delay_minutes || a.created_at.getTime() - b.created_at.getTime());
}
