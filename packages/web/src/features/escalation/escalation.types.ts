/** The escalation policies' shapes, from the SDK's OpenAPI types. */
import type { paths } from '@tocsin/sdk';
import type { ItemOf, Json } from '../../api/openapi-shapes';

export type EscalationPolicy = ItemOf<Json<paths['/api/v1/escalation-policies']['get']['responses'][200]>>;
