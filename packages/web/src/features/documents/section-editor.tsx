/**
 * One text section of the document. An edit remembers the version it started
 * from; when someone saved since, the save is refused and their text is shown
 * beside yours: merge, then save again (from their version). Nothing is
 * overwritten silently. A save by someone else while you edit shows at once
 * (the live stream reloads the document), with a word that it happened.
 */
import { useState } from 'react';
import { ErrorMessage } from '../../ui/feedback';
import { Instant } from '../../ui/instant';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { conflictOf, saveSection } from './documents.api';
import type { DocumentSection } from './documents.types';
import { SectionHistory } from './section-history';

export const SECTION_LABELS: Record<DocumentSection['key'], string> = {
  summary: 'Summary',
  detailed_status: 'Detailed status',
  stakeholders: 'Stakeholders',
};

const SECTION_HINTS: Record<DocumentSection['key'], string> = {
  summary: 'High level, for non-technical readers and executives; the basis for customer communications.',
  detailed_status: 'The full technical state, to onboard new helpers. Review it periodically.',
  stakeholders: 'Internal people and the internal and external customers affected.',
};

interface SectionEditorProps {
  incidentId: string;
  section: DocumentSection;
  canEdit: boolean;
  /** After a save, and after a refused one: the document is loaded again either way. */
  onSaved: () => void;
}

export function SectionEditor({ incidentId, section, canEdit, onSaved }: SectionEditorProps) {
  const { client } = useSession();
  const [draft, setDraft] = useState<{ text: string; baseVersion: number } | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const save = useSubmit(async () => {
    if (!draft) return;
    try {
      await saveSection(client, incidentId, section.key, draft);
    } catch (failure) {
      // Someone saved since: the next save starts from their version, which the person now merges against.
      const theirs = conflictOf(failure)?.current;
      if (theirs) {
        setDraft({ text: draft.text, baseVersion: theirs.version });
        onSaved();
      }
      throw failure;
    }
    setDraft(null);
    onSaved();
  });
  const conflict = conflictOf(save.error)?.current;
  const label = SECTION_LABELS[section.key];
  const fieldId = `section-${section.key}`;

  return (
    <section className="doc-section" aria-labelledby={`${fieldId}-heading`} data-testid={fieldId}>
      <div className="doc-section-head">
        <h3 id={`${fieldId}-heading`}>{label}</h3>
        <span className="muted doc-meta">
          {section.version === 0 ? (
            'Not written yet'
          ) : (
            <>
              Version {section.version} by {section.updatedBy}, <Instant iso={section.updatedAt} />
            </>
          )}
        </span>
      </div>
      {draft === null ? (
        <>
          {section.text ? (
            <p className="doc-text">{section.text}</p>
          ) : (
            <p className="muted">{SECTION_HINTS[section.key]}</p>
          )}
          <div className="doc-buttons">
            {canEdit && (
              <button
                type="button"
                className="button small"
                onClick={() => {
                  save.setError(undefined);
                  setDraft({ text: section.text, baseVersion: section.version });
                }}
              >
                Edit {label.toLowerCase()}
              </button>
            )}
            {section.version > 0 && (
              <button type="button" className="button small" onClick={() => setShowHistory((v) => !v)}>
                {showHistory ? 'Hide history' : 'History'}
              </button>
            )}
          </div>
          {showHistory && <SectionHistory incidentId={incidentId} sectionKey={section.key} version={section.version} />}
        </>
      ) : (
        <form className="doc-edit" aria-label={`Edit ${label.toLowerCase()}`} onSubmit={save.onSubmit}>
          {conflict ? (
            <div className="notice notice-info doc-conflict" role="alert" data-testid="conflict">
              <strong>
                {conflict.updatedBy ?? 'Someone'} saved version {conflict.version} since you started.
              </strong>{' '}
              Their text is below: merge it into yours, then save again.
              <pre className="doc-theirs" aria-label="Their text">
                {conflict.text}
              </pre>
              <button
                type="button"
                className="button small"
                onClick={() => setDraft({ text: conflict.text, baseVersion: conflict.version })}
              >
                Use their text
              </button>
            </div>
          ) : (
            <ErrorMessage error={save.error} title="Not saved:" />
          )}
          {!conflict && section.version > draft.baseVersion && (
            <p className="notice notice-info" role="status" data-testid="saved-meanwhile">
              {section.updatedBy ?? 'Someone'} saved version {section.version} while you were editing. When you save,
              their text is shown beside yours to merge.
            </p>
          )}
          <label htmlFor={fieldId}>{label}</label>
          <textarea
            id={fieldId}
            rows={6}
            value={draft.text}
            onChange={(event) => setDraft({ ...draft, text: event.target.value })}
          />
          <div className="doc-buttons">
            <button type="submit" className="button primary" disabled={save.isSubmitting}>
              {conflict ? 'Save merged text' : 'Save'}
            </button>
            <button type="button" className="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
