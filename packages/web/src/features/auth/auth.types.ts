/** The auth API's shapes, from the SDK's OpenAPI types. */
import type { paths } from '@tocsin/sdk';
import type { Json } from '../../api/openapi-shapes';

export type AuthMethods = Json<paths['/api/v1/auth/methods']['get']['responses'][200]>;
