/** The live state document's shapes, from the SDK's OpenAPI types. */
import type { paths } from '@tocsin/sdk';
import type { BodyOf, Json } from '../../api/openapi-shapes';

export type IncidentDocument = Json<paths['/api/v1/incidents/{id}/document']['get']['responses'][200]>;
export type DocumentSection = IncidentDocument['sections'][number];
export type SectionKey = DocumentSection['key'];
export type Objective = IncidentDocument['objectives'][number];
export type FollowupAction = IncidentDocument['actions'][number];
export type DocumentLink = IncidentDocument['links'][number];
export type NewAction = BodyOf<paths['/api/v1/incidents/{id}/document/actions']['post']>;
export type NewLink = BodyOf<paths['/api/v1/incidents/{id}/document/links']['post']>;

/** What a stale save is refused with: the section as someone else saved it. */
export interface SectionConflict {
  current: DocumentSection;
}
