/**
 * Names for the schedule API's shapes, taken from the SDK's OpenAPI types so
 * the schedule screens can never drift from what the server sends.
 */
import type { paths } from '@tocsin/sdk';
import type { ItemOf, Json } from '../../api/openapi-shapes';

export type Schedule = ItemOf<Json<paths['/api/v1/schedules']['get']['responses'][200]>>;
export type Layer = Schedule['definition']['layers'][number];
export type ShiftUnit = Layer['shift']['unit'];
export type SaveResult = Json<paths['/api/v1/schedules']['post']['responses'][201]>;
export type Checks = SaveResult['checks'];
export type Preview = Json<paths['/api/v1/schedules/preview']['post']['responses'][200]>;
export type Timeline = Json<paths['/api/v1/schedules/{id}/timeline']['get']['responses'][200]>;
export type Shift = Timeline['shifts'][number];
export type VersionItem = ItemOf<Json<paths['/api/v1/schedules/{id}/versions']['get']['responses'][200]>>;
export type Override = ItemOf<Json<paths['/api/v1/schedules/{id}/overrides']['get']['responses'][200]>>;
export type OnCallAnswer = Json<paths['/api/v1/oncall']['get']['responses'][200]>;
export type Swap = ItemOf<Json<paths['/api/v1/schedules/{id}/swaps']['get']['responses'][200]>>;
export type CalendarFeed = ItemOf<Json<paths['/api/v1/calendars']['get']['responses'][200]>>;
export type CreatedFeed = Json<paths['/api/v1/calendars']['post']['responses'][201]>;
