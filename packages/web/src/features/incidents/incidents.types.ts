/** The incidents API's shapes, from the SDK's OpenAPI types. */
import type { paths } from '@tocsin/sdk';
import type { ItemOf, Json } from '../../api/openapi-shapes';

export type Incident = ItemOf<Json<paths['/api/v1/incidents']['get']['responses'][200]>>;
export type IncidentStatus = Incident['status'];
export type Urgency = Incident['urgency'];
export type Priority = NonNullable<Incident['priority']>;
export type IncidentWithAlerts = Json<paths['/api/v1/incidents/{id}']['get']['responses'][200]>;
export type { TimelineEntry } from '../timeline/timeline.types';
/** A declared incident's response in short (ADR 17); null while it is only paged. */
export type ResponseSummary = NonNullable<Incident['response']>;
export type SeverityKey = ResponseSummary['severity'];
export type Stage = ResponseSummary['stage'];
