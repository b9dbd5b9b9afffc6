/** The analytics API's shapes, from the SDK's OpenAPI types. */
import type { paths } from '@tocsin/sdk';
import type { ItemOf, Json } from '../../api/openapi-shapes';

export type Summary = Json<paths['/api/v1/analytics/summary']['get']['responses'][200]>;
export type GroupFigures = Summary['groups'][number];
export type Distribution = GroupFigures['tta'];
export type IncidentFigures = ItemOf<Json<paths['/api/v1/analytics/incidents']['get']['responses'][200]>>;
export type Report = Json<paths['/api/v1/analytics/report']['get']['responses'][200]>;
export type SummaryQuery = NonNullable<paths['/api/v1/analytics/summary']['get']['parameters']['query']>;
export type GroupBy = NonNullable<SummaryQuery['groupBy']>;
export type Period = NonNullable<SummaryQuery['period']>;

/** The filters of the Analytics area, as kept in the URL (empty = no filter). */
export interface AnalyticsFilters {
  /** First month shown, YYYY-MM. */
  from: string;
  /** Last month shown, YYYY-MM (inclusive). */
  to: string;
  /** The zone months start in (IANA name); the viewer's own by default. */
  tz: string;
  teamId: string;
  serviceId: string;
  policyId: string;
  priority: string;
  urgency: string;
  severity: string;
}
