/** How notify names people and methods on the timeline: "Alice", "SMS (+44…1234)". */
import type { Db } from '../../../db/client.js';
import { getUserRecord } from '../../users/index.js';
import { maskAddress, TYPE_LABEL } from '../contact-address.js';
import type { ContactMethodRow } from '../contact-methods.repo.js';

export const describeMethod = (method: Pick<ContactMethodRow, 'type' | 'address'>): string =>
  `${TYPE_LABEL[method.type]} (${maskAddress(method.type, method.address)})`;

export async function userName(db: Db, userId: string | null): Promise<string> {
  if (!userId) return 'someone';
  return (await getUserRecord(db, userId))?.name ?? 'a deleted user';
}
