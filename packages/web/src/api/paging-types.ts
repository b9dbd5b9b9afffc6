/**
 * Names for the paging API's shapes (incidents, alerts, services), taken
 * from the SDK's OpenAPI types so the paging screens cannot drift from what
 * the server sends.
 */
import type { paths } from '@tocsin/sdk';

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
type ItemOf<T> = T extends { items: Array<infer Item> } ? Item : never;

export type Incident = ItemOf<Json<paths['/api/v1/incidents']['get']['responses'][200]>>;
export type IncidentStatus = Incident['status'];
export type Urgency = Incident['urgency'];
export type Priority = NonNullable<Incident['priority']>;
export type IncidentWithAlerts = Json<paths['/api/v1/incidents/{id}']['get']['responses'][200]>;
export type Alert = ItemOf<Json<paths['/api/v1/alerts']['get']['responses'][200]>>;
export type AlertStatus = Alert['status'];
export type AlertSeverity = Alert['severity'];
export type AlertDetail = Json<paths['/api/v1/alerts/{id}']['get']['responses'][200]>;
export type AlertEvent = ItemOf<Json<paths['/api/v1/alerts/{id}/events']['get']['responses'][200]>>;
export type TimelineEntry = ItemOf<Json<paths['/api/v1/incidents/{id}/timeline']['get']['responses'][200]>>;
export type Notification = ItemOf<Json<paths['/api/v1/notifications']['get']['responses'][200]>>;
export type Service = ItemOf<Json<paths['/api/v1/services']['get']['responses'][200]>>;
export type UrgencyRule = Service['urgencyRules'][number];
export type BusinessHours = NonNullable<Service['businessHours']>;
export type IntegrationKey = ItemOf<Json<paths['/api/v1/services/{id}/integration-keys']['get']['responses'][200]>>;
export type IntegrationType = IntegrationKey['type'];
export type MaintenanceWindow = ItemOf<
  Json<paths['/api/v1/services/{id}/maintenance-windows']['get']['responses'][200]>
>;
export type EscalationPolicy = ItemOf<Json<paths['/api/v1/escalation-policies']['get']['responses'][200]>>;
export type ContactMethod = ItemOf<Json<paths['/api/v1/users/{id}/contact-methods']['get']['responses'][200]>>;
export type ContactMethodType = ContactMethod['type'];
export type NotificationRule = ItemOf<Json<paths['/api/v1/users/{id}/notification-rules']['get']['responses'][200]>>;
export type Grouping = Service['grouping'];
export type SlaTargets = Service['slaTargets'];
export type ChatChannel = ItemOf<Json<paths['/api/v1/channels']['get']['responses'][200]>>;
