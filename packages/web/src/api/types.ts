/**
 * Names for the API's shapes, taken from the SDK's OpenAPI types so the UI
 * can never drift from what the server sends.
 */
import type { paths } from '@tocsin/sdk';

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
type ItemOf<T> = T extends { items: Array<infer Item> } ? Item : never;

export type User = ItemOf<Json<paths['/api/v1/users']['get']['responses'][200]>>;
export type Role = User['role'];
export type Team = ItemOf<Json<paths['/api/v1/teams']['get']['responses'][200]>>;
export type Membership = Team['members'][number];
export type ApiToken = ItemOf<Json<paths['/api/v1/tokens']['get']['responses'][200]>>;
export type CreatedApiToken = Json<paths['/api/v1/tokens']['post']['responses'][201]>;
export type Scope = ApiToken['scopes'][number];
export type AuditEntry = ItemOf<Json<paths['/api/v1/audit']['get']['responses'][200]>>;
export type AuthMethods = Json<paths['/api/v1/auth/methods']['get']['responses'][200]>;
