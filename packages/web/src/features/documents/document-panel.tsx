/**
 * The live state document of a declared incident (seed 001): the people on
 * the response, the text sections, the resolution objectives, the
 * post-incident actions and the links. Responders edit; everyone reads.
 */
import type { User } from '../users/users.types';
import { DocumentLinks } from './document-links';
import type { IncidentDocument } from './documents.types';
import { FollowupActions } from './followup-actions';
import { ObjectivesChecklist } from './objectives-checklist';
import { SectionEditor } from './section-editor';

interface DocumentPanelProps {
  incidentId: string;
  document: IncidentDocument;
  users: readonly User[];
  canEdit: boolean;
  onChanged: () => void;
}

export function DocumentPanel({ incidentId, document, users, canEdit, onChanged }: DocumentPanelProps) {
  const shared = { incidentId, canEdit };
  const [summary, detailed, stakeholders] = document.sections;
  return (
    <section className="panel doc-panel" aria-labelledby="document-heading">
      <h2 id="document-heading">Document</h2>
      {summary && <SectionEditor {...shared} section={summary} onSaved={onChanged} />}
      {detailed && <SectionEditor {...shared} section={detailed} onSaved={onChanged} />}
      {stakeholders && (
        <>
          <SectionEditor {...shared} section={stakeholders} onSaved={onChanged} />
          {document.people.length > 0 && (
            <ul className="plain-list doc-people" aria-label="People on the response">
              {document.people.map((p) => (
                <li key={`${p.user.id}-${p.as}`}>
                  {p.user.name} <span className="muted doc-meta">{p.as}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <ObjectivesChecklist {...shared} document={document} onChanged={onChanged} />
      <FollowupActions {...shared} document={document} users={users} onChanged={onChanged} />
      <DocumentLinks {...shared} document={document} onChanged={onChanged} />
    </section>
  );
}
