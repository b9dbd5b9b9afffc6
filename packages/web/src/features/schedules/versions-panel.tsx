/** The history of a schedule: each version's readable summary, author and start, with Restore (confirmed first). */
import { useState } from 'react';
import { ErrorMessage } from '../../ui/feedback';
import { Instant } from '../../ui/instant';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import type { VersionItem } from './schedules.types';
import { restoreScheduleVersion } from './schedules.api';

interface VersionsPanelProps {
  scheduleId: string;
  currentVersion: number | null;
  versions: readonly VersionItem[];
  onRestored: () => void;
  /** Offer Restore (default true); the server still decides. */
  canRestore?: boolean;
}

export function VersionsPanel({
  scheduleId,
  currentVersion,
  versions,
  onRestored,
  canRestore = true,
}: VersionsPanelProps) {
  const { client } = useSession();
  const [confirming, setConfirming] = useState<number>();
  const { error, isSubmitting: isBusy, run } = useSubmit();

  const restore = (number: number) =>
    run(async () => {
      try {
        await restoreScheduleVersion(client, scheduleId, number);
        onRestored();
      } finally {
        setConfirming(undefined);
      }
    });

  const newestFirst = [...versions].sort((a, b) => b.number - a.number);
  return (
    <section className="panel" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Version history</h2>
      <ErrorMessage error={error} />
      <ol className="version-list">
        {newestFirst.map((version) => (
          <li key={version.number} data-testid="version-item">
            <div className="version-head">
              <strong>Version {version.number}</strong>
              {version.number === currentVersion && <span className="badge">in effect</span>}
              <span className="muted">
                by {version.author.label}, from <Instant iso={version.effectiveFrom} />
              </span>
            </div>
            <p className="version-summary">{version.summary}</p>
            {version.restoredFromVersion !== null && (
              <p className="hint">Restored from version {version.restoredFromVersion}.</p>
            )}
            {canRestore &&
              version.number !== currentVersion &&
              (confirming === version.number ? (
                <span className="confirm">
                  <button
                    type="button"
                    className="button danger small"
                    disabled={isBusy}
                    onClick={() => void restore(version.number)}
                  >
                    Yes, restore version {version.number} from now
                  </button>
                  <button type="button" className="button small" onClick={() => setConfirming(undefined)}>
                    Cancel
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className="button small"
                  aria-label={`Restore version ${version.number}`}
                  onClick={() => setConfirming(version.number)}
                >
                  Restore
                </button>
              ))}
          </li>
        ))}
      </ol>
    </section>
  );
}
