/** The teams API's shapes, from the SDK's OpenAPI types. */
import type { paths } from '@tocsin/sdk';
import type { ItemOf, Json } from '../../api/openapi-shapes';

export type Team = ItemOf<Json<paths['/api/v1/teams']['get']['responses'][200]>>;
export type Membership = Team['members'][number];
