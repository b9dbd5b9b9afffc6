/** Every saved version of a section, newest first, with who saved it and when. */
import { ErrorMessage, Loading } from '../../ui/feedback';
import { Instant } from '../../ui/instant';
import { useSectionHistory } from './documents.api';
import type { SectionKey } from './documents.types';

interface SectionHistoryProps {
  incidentId: string;
  sectionKey: SectionKey;
  /** The current version: the history loads again when it changes. */
  version: number;
}

export function SectionHistory({ incidentId, sectionKey, version }: SectionHistoryProps) {
  const history = useSectionHistory(incidentId, sectionKey, version);
  return (
    <div className="doc-history">
      <ErrorMessage error={history.error} title="The history could not be loaded:" />
      {history.isLoading && !history.data && <Loading what="the history" />}
      <ol className="plain-list">
        {(history.data ?? []).map((r) => (
          <li key={r.version}>
            <span className="muted doc-meta">
              Version {r.version} by {r.savedBy}, <Instant iso={r.savedAt} />
            </span>
            <p className="doc-text">{r.text || '(empty)'}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
