/** The users API's shapes, from the SDK's OpenAPI types. */
import type { paths } from '@tocsin/sdk';
import type { ItemOf, Json } from '../../api/openapi-shapes';

export type User = ItemOf<Json<paths['/api/v1/users']['get']['responses'][200]>>;
export type Role = User['role'];
