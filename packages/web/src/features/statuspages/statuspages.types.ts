/** Status pages' shapes, from the SDK's OpenAPI types. */
import type { paths } from '@tocsin/sdk';
import type { BodyOf, ItemOf, Json } from '../../api/openapi-shapes';

export type StatusPage = ItemOf<Json<paths['/api/v1/status-pages']['get']['responses'][200]>>;
export type Component = ItemOf<Json<paths['/api/v1/status-pages/{id}/components']['get']['responses'][200]>>;
export type ComponentGroup = ItemOf<Json<paths['/api/v1/status-pages/{id}/groups']['get']['responses'][200]>>;
export type PageIncident = ItemOf<Json<paths['/api/v1/status-pages/{id}/incidents']['get']['responses'][200]>>;
export type Definitions = Json<paths['/api/v1/status-pages/definitions']['get']['responses'][200]>;
export type ComponentStatus = Component['status'];
export type PageIncidentState = PageIncident['state'];
export type NewStatusPage = BodyOf<paths['/api/v1/status-pages']['post']>;
export type NewComponent = BodyOf<paths['/api/v1/status-pages/{id}/components']['post']>;
export type NewPageIncident = BodyOf<paths['/api/v1/status-pages/{id}/incidents']['post']>;
export type NewPageUpdate = BodyOf<paths['/api/v1/status-pages/{id}/incidents/{pageIncidentId}/updates']['post']>;
export type NewMaintenance = BodyOf<paths['/api/v1/status-pages/{id}/maintenances']['post']>;
export type PageTemplate = ItemOf<Json<paths['/api/v1/status-pages/{id}/templates']['get']['responses'][200]>>;
export type NewPageTemplate = BodyOf<paths['/api/v1/status-pages/{id}/templates']['post']>;
