/** An admin adds an incident category beside the built-in ones (outage, data loss, …). */
import type { Category } from './response.types';
import { ErrorMessage } from '../../ui/feedback';
import { NameAndSlugFields, useNameAndSlug } from '../../ui/name-slug-fields';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { createCategory } from './response.api';

export function CreateCategoryForm({ onCreated }: { onCreated: (category: Category) => void }) {
  const { client } = useSession();
  const naming = useNameAndSlug();
  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    const category = await createCategory(client, { name: naming.name.trim(), slug: naming.slug });
    naming.reset();
    onCreated(category);
  });
  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-labelledby="create-category-heading">
      <h2 id="create-category-heading">Add a category</h2>
      <ErrorMessage error={error} />
      <NameAndSlugFields idPrefix="category" state={naming} slugHint="Lowercase letters, digits, - or _." />
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Adding…' : 'Add category'}
        </button>
      </div>
    </form>
  );
}
