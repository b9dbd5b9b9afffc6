/**
 * A select of the page's templates in the forms that publish: choosing one
 * fills the title (when the template has one and the form has a title) and
 * the message, which the responder then edits before posting.
 */
import { useTemplates } from './statuspages.api';
import type { PageTemplate } from './statuspages.types';

export function TemplatePicker({
  pageId,
  idPrefix,
  fillsTitle = true,
  onPick,
}: {
  pageId: string | undefined;
  idPrefix: string;
  /** false where the form has no title (an update): the hint then says so. */
  fillsTitle?: boolean;
  onPick: (template: PageTemplate) => void;
}) {
  const templates = useTemplates(pageId);
  const items = templates.data ?? [];
  if (items.length === 0) return null;
  return (
    <div className="field">
      <label htmlFor={`${idPrefix}-template`}>Start from a template (optional)</label>
      <select
        id={`${idPrefix}-template`}
        value=""
        onChange={(event) => {
          const picked = items.find((t) => t.id === event.target.value);
          if (picked) onPick(picked);
        }}
      >
        <option value="">Choose a template…</option>
        {items.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      <p className="hint">
        {fillsTitle ? 'Fills the title and message' : 'Fills the message'}; you can still edit it before posting.
      </p>
    </div>
  );
}
