/**
 * Users: the people who are paged, respond, and read. Owns the users table and
 * password hashes. It does not decide who is on call (schedules) or how a
 * person is reached (notify); it only knows who exists and their role. Its
 * kind in config as code is users.config.ts.
 */
export {
  createUser,
  updateUser,
  getUser,
  listUsers,
  findUserByEmail,
  setPassword,
  verifyPassword,
} from './users.service.js';
export { getUserRecord, findUserRecordByEmail, selectUserNames, userNamesOnce, type UserName } from './users.repo.js';
export { UserSchema, CreateUserSchema, UpdateUserSchema, RoleSchema, TimeZoneSchema } from './users.schema.js';
export type { User, CreateUserInput, UpdateUserInput } from './users.schema.js';
export {
  usersConfig,
  usersConfigWith,
  emailKey,
  projectUsers,
  type ConfigUser,
  type UsersAfterApply,
  type UserContactEmails,
} from './users.config.js';
