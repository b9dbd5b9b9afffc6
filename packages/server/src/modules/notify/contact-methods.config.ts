/**
 * Config as code's `users[].contactEmail`: the users kind (modules/users)
 * asks this part which email contact methods exist and to provision missing
 * ones, since contact methods are notify's. Composed in config.kinds.ts.
 */
import { AppError } from '../../lib/errors.js';
import { findUserByEmail, type UserContactEmails } from '../users/index.js';
import { selectEmailMethods } from './contact-methods.repo.js';
import { provisionEmailContact } from './contact-methods.service.js';

export const provisionedContactEmails: UserContactEmails = {
  async load(ctx) {
    const rows = await selectEmailMethods(ctx.db);
    return new Set(rows.map((row) => `${row.user_id} ${row.address.toLowerCase()}`));
  },
  async provision(ctx, userEmail, address) {
    // The user may be created earlier in the same apply, so they are looked up when the change runs.
    const user = await findUserByEmail(ctx, userEmail);
    if (!user) throw new AppError('not_found', `User ${userEmail} does not exist, so ${address} cannot be theirs`);
    await provisionEmailContact(ctx, user.id, address);
  },
};
