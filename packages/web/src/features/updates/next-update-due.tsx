/** When the next status update is owed, prominently: overdue in the danger colour, nothing when no cadence applies. */
import { Instant } from '../../ui/instant';

export function NextUpdateDue({ dueAt, now = Date.now() }: { dueAt: string | null; now?: number }) {
  if (!dueAt) return null;
  const overdue = Date.parse(dueAt) <= now;
  return (
    <p className={overdue ? 'update-due overdue' : 'update-due'} role="status" data-testid="next-update-due">
      {overdue ? 'Status update overdue since ' : 'Next status update due at '}
      <strong>
        <Instant iso={dueAt} />
      </strong>
    </p>
  );
}
