/** Incident response's shapes (ADR 17), from the SDK's OpenAPI types. */
import type { paths } from '@tocsin/sdk';
import type { BodyOf, ItemOf, Json } from '../../api/openapi-shapes';

export type Severity = ItemOf<Json<paths['/api/v1/severities']['get']['responses'][200]>>;
export type SeverityKey = Severity['key'];
export type SeverityChanges = BodyOf<paths['/api/v1/severities/{key}']['patch']>;
export type Category = ItemOf<Json<paths['/api/v1/incident-categories']['get']['responses'][200]>>;
export type NewCategory = BodyOf<paths['/api/v1/incident-categories']['post']>;
export type ResponseRole = ItemOf<Json<paths['/api/v1/incident-roles']['get']['responses'][200]>>;
export type RoleChanges = BodyOf<paths['/api/v1/incident-roles/{slug}']['patch']>;
export type IncidentResponse = Json<paths['/api/v1/incidents/{id}/response']['get']['responses'][200]>;
export type RoleHolder = IncidentResponse['roles'][number];
export type Handoff = IncidentResponse['handoffs'][number];
export type ChecklistItem = IncidentResponse['checklist'][number];
export type Declaration = BodyOf<paths['/api/v1/incidents']['post']> & { severity: SeverityKey };
export type PageChoice = NonNullable<Declaration['page']>;
export type DeclareSteps = NonNullable<Declaration['steps']>;
export type Report = BodyOf<paths['/api/v1/incidents/report']['post']>;
export type Promotion = BodyOf<paths['/api/v1/incidents/{id}/declare']['post']>;
export type EngageRole = BodyOf<paths['/api/v1/incidents/{id}/roles/engage']['post']>;
export type HandoffRequest = BodyOf<paths['/api/v1/incidents/{id}/handoffs']['post']>;
export type HandoffAnswer = 'accept' | 'decline' | 'cancel';
