/** Stars a timeline entry for the postmortem, or removes its star; says who starred it. */
import { useSubmit } from '../../ui/use-submit';
import { ErrorMessage } from '../../ui/feedback';
import { useSession } from '../auth/session-context';
import { setTimelineStar } from './timeline.api';
import type { TimelineEntry } from './timeline.types';

interface StarToggleProps {
  incidentId: string;
  entry: TimelineEntry;
  /** Responders star; others see the star only. */
  canStar: boolean;
  onChanged: () => void;
}

export function StarToggle({ incidentId, entry, canStar, onChanged }: StarToggleProps) {
  const { client } = useSession();
  const { error, isSubmitting, run } = useSubmit();
  const isStarred = entry.starred !== null;
  const title = isStarred ? `Starred by ${entry.starred?.by.label}` : 'Not starred';
  if (!canStar)
    return isStarred ? (
      <span className="star on" title={title} aria-label={title}>
        ★
      </span>
    ) : null;
  return (
    <>
      <button
        type="button"
        className={`star${isStarred ? ' on' : ''}`}
        aria-pressed={isStarred}
        aria-label={isStarred ? 'Unstar this entry' : 'Star this entry for the postmortem'}
        title={title}
        disabled={isSubmitting}
        onClick={() =>
          void run(async () => {
            await setTimelineStar(client, incidentId, entry.id, !isStarred);
            onChanged();
          })
        }
      >
        {isStarred ? '★' : '☆'}
      </button>
      <ErrorMessage error={error} />
    </>
  );
}
