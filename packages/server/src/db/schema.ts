/**
 * Row types of every table, as Kysely sees them. Each module's repo is the only
 * code that reads or writes its own tables; this file only describes them.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface SettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: 'owner' | 'admin' | 'responder' | 'viewer' | 'stakeholder';
  password_hash: string | null;
  time_zone: Generated<string>;
  is_disabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TeamsTable {
  id: string;
  slug: string;
  name: string;
  description: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TeamMembershipsTable {
  team_id: string;
  user_id: string;
  role: 'member' | 'manager';
  created_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  user_agent: Generated<string>;
  ip: Generated<string>;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  scopes: string[];
  created_at: Timestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface OidcIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: Timestamp;
}

export interface OidcLoginStatesTable {
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
}

export interface EngineJobsTable {
  id: Generated<string>;
  kind: string;
  key: string | null;
  payload: Json;
  status: Generated<'pending' | 'done' | 'failed'>;
  run_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface Database {
  settings: SettingsTable;
  users: UsersTable;
  teams: TeamsTable;
  team_memberships: TeamMembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  oidc_identities: OidcIdentitiesTable;
  oidc_login_states: OidcLoginStatesTable;
  audit_log: AuditLogTable;
  engine_jobs: EngineJobsTable;
}
