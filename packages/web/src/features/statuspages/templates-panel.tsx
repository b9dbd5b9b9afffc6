/**
 * Admins manage a page's templates: canned titles and messages that
 * responders start from when they publish a page incident, post an update
 * or announce a maintenance. Listed with their message, added, changed in
 * place and removed.
 */
import { useState } from 'react';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { createTemplate, deleteTemplate, updateTemplate, useTemplates } from './statuspages.api';
import type { PageTemplate } from './statuspages.types';

export function TemplatesPanel({ pageId }: { pageId: string }) {
  const templates = useTemplates(pageId);
  const [editing, setEditing] = useState<string | null>(null);
  const items = templates.data ?? [];
  return (
    <section className="panel stack" aria-labelledby="templates-heading">
      <h2 id="templates-heading">Templates</h2>
      <p className="muted">
        Responders start from these when they publish a page incident, post an update or announce a maintenance.
      </p>
      <ErrorMessage error={templates.error} />
      {templates.data && items.length === 0 && <p className="muted">No templates yet.</p>}
      <ul className="plain-list stack">
        {items.map((t) =>
          editing === t.id ? (
            <li key={t.id}>
              <TemplateForm
                pageId={pageId}
                template={t}
                onDone={() => setEditing(null)}
                onCancel={() => setEditing(null)}
              />
            </li>
          ) : (
            <TemplateRow key={t.id} pageId={pageId} template={t} onEdit={() => setEditing(t.id)} />
          ),
        )}
      </ul>
      <details>
        <summary>Add a template</summary>
        <TemplateForm pageId={pageId} />
      </details>
    </section>
  );
}

function TemplateRow({ pageId, template, onEdit }: { pageId: string; template: PageTemplate; onEdit: () => void }) {
  const { client } = useSession();
  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    // The list reloads itself: useTemplates hears of every change.
    await deleteTemplate(client, pageId, template.id);
  });
  return (
    <li className="template-row" aria-label={`Template ${template.name}`}>
      <strong>{template.name}</strong>
      {template.title && <span className="muted"> · {template.title}</span>}
      <p className="template-body">{template.body}</p>
      <ErrorMessage error={error} />
      <form className="form-actions" onSubmit={onSubmit}>
        <button type="button" className="button small" onClick={onEdit}>
          Edit {template.name}
        </button>
        <button type="submit" className="button small danger" disabled={isSubmitting}>
          {isSubmitting ? 'Removing…' : `Remove ${template.name}`}
        </button>
      </form>
    </li>
  );
}

function TemplateForm({
  pageId,
  template,
  onDone,
  onCancel,
}: {
  pageId: string;
  template?: PageTemplate;
  onDone?: () => void;
  onCancel?: () => void;
}) {
  const { client } = useSession();
  const [name, setName] = useState(template?.name ?? '');
  const [title, setTitle] = useState(template?.title ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    const fields = { name: name.trim(), title: title.trim(), body: body.trim() };
    if (template) await updateTemplate(client, pageId, template.id, fields);
    else {
      await createTemplate(client, pageId, fields);
      setName('');
      setTitle('');
      setBody('');
    }
    onDone?.();
  });
  const idPrefix = `template-${template?.id ?? 'new'}`;
  return (
    <form
      className="form-grid"
      onSubmit={onSubmit}
      aria-label={template ? `Edit template ${template.name}` : 'Add a template'}
    >
      <ErrorMessage error={error} />
      <div className="field">
        <label htmlFor={`${idPrefix}-name`}>Template name</label>
        <input
          id={`${idPrefix}-name`}
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-title`}>Title it fills (optional)</label>
        <input id={`${idPrefix}-title`} maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field span-2">
        <label htmlFor={`${idPrefix}-body`}>Message it fills (Markdown)</label>
        <textarea id={`${idPrefix}-body`} required rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : template ? 'Save template' : 'Add template'}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
