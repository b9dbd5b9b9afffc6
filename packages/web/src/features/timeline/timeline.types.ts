/** The timeline API's shapes, from the SDK's OpenAPI types. */
import type { paths } from '@tocsin/sdk';
import type { ItemOf, Json } from '../../api/openapi-shapes';

export type TimelineEntry = ItemOf<Json<paths['/api/v1/incidents/{id}/timeline']['get']['responses'][200]>>;
export type TimelineKind = TimelineEntry['kind'];
export type TimelineSource = TimelineEntry['source'];
/** One version of a note: the first is the note as written; a deleted note's texts are withheld (null). */
export type NoteVersion = ItemOf<
  Json<paths['/api/v1/incidents/{id}/timeline/{entryId}/history']['get']['responses'][200]>
>;
