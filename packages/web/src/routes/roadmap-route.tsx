/** An area of the product that is not built yet: says so, and what will live there. */
import type { Area } from './areas';
import { EmptyState } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

export function RoadmapRoute({ area }: { area: Area }) {
  return (
    <div className="page">
      <PageHeader title={area.label} />
      <EmptyState title="This area is not built yet">
        <p>
          {area.label} is on Tocsin's roadmap and not part of this version. When it arrives, this is where you will
          find:
        </p>
        <p className="planned">{area.planned}</p>
        <p className="muted">
          Teams, Users and Settings work today. The API is documented at <a href="/api/docs">/api/docs</a>.
        </p>
      </EmptyState>
    </div>
  );
}
