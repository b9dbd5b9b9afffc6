/** The API tokens' shapes, from the SDK's OpenAPI types. */
import type { paths } from '@tocsin/sdk';
import type { ItemOf, Json } from '../../api/openapi-shapes';

export type ApiToken = ItemOf<Json<paths['/api/v1/tokens']['get']['responses'][200]>>;
export type CreatedApiToken = Json<paths['/api/v1/tokens']['post']['responses'][201]>;
export type Scope = ApiToken['scopes'][number];
