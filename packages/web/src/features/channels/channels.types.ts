/** The chat channels' shapes, from the SDK's OpenAPI types. */
import type { paths } from '@tocsin/sdk';
import type { ItemOf, Json } from '../../api/openapi-shapes';

export type ChatChannel = ItemOf<Json<paths['/api/v1/channels']['get']['responses'][200]>>;
