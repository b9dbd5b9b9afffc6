/** The alerts API's shapes, from the SDK's OpenAPI types. */
import type { paths } from '@tocsin/sdk';
import type { ItemOf, Json } from '../../api/openapi-shapes';

export type Alert = ItemOf<Json<paths['/api/v1/alerts']['get']['responses'][200]>>;
export type AlertStatus = Alert['status'];
export type AlertSeverity = Alert['severity'];
export type AlertDetail = Json<paths['/api/v1/alerts/{id}']['get']['responses'][200]>;
export type AlertEvent = ItemOf<Json<paths['/api/v1/alerts/{id}/events']['get']['responses'][200]>>;
