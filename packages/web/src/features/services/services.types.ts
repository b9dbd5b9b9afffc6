/** The services API's shapes, from the SDK's OpenAPI types. */
import type { paths } from '@tocsin/sdk';
import type { ItemOf, Json } from '../../api/openapi-shapes';

export type Service = ItemOf<Json<paths['/api/v1/services']['get']['responses'][200]>>;
export type UrgencyRule = Service['urgencyRules'][number];
export type BusinessHours = NonNullable<Service['businessHours']>;
export type Grouping = Service['grouping'];
export type SlaTargets = Service['slaTargets'];
export type IntegrationKey = ItemOf<Json<paths['/api/v1/services/{id}/integration-keys']['get']['responses'][200]>>;
export type IntegrationType = IntegrationKey['type'];
export type MaintenanceWindow = ItemOf<
  Json<paths['/api/v1/services/{id}/maintenance-windows']['get']['responses'][200]>
>;
