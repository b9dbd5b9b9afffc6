/** Status updates' shapes (issue #12), from the SDK's OpenAPI types. */
import type { paths } from '@tocsin/sdk';
import type { BodyOf, ItemOf, Json } from '../../api/openapi-shapes';

export type StatusUpdate = ItemOf<Json<paths['/api/v1/incidents/{id}/updates']['get']['responses'][200]>>;
export type NewStatusUpdate = BodyOf<paths['/api/v1/incidents/{id}/updates']['post']>;
export type UpdateTemplate = ItemOf<Json<paths['/api/v1/update-templates']['get']['responses'][200]>>;
export type TemplateStage = UpdateTemplate['stage'];
