/** The audit log's shapes, from the SDK's OpenAPI types. */
import type { paths } from '@tocsin/sdk';
import type { ItemOf, Json } from '../../api/openapi-shapes';

export type AuditEntry = ItemOf<Json<paths['/api/v1/audit']['get']['responses'][200]>>;
