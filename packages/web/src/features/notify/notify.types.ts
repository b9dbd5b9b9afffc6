/** The notify API's shapes (contact methods, rules, sent notifications), from the SDK's OpenAPI types. */
import type { paths } from '@tocsin/sdk';
import type { ItemOf, Json } from '../../api/openapi-shapes';

export type Notification = ItemOf<Json<paths['/api/v1/notifications']['get']['responses'][200]>>;
export type ContactMethod = ItemOf<Json<paths['/api/v1/users/{id}/contact-methods']['get']['responses'][200]>>;
export type ContactMethodType = ContactMethod['type'];
export type NotificationRule = ItemOf<Json<paths['/api/v1/users/{id}/notification-rules']['get']['responses'][200]>>;
