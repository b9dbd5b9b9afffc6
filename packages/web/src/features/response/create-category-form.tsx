/** An admin adds an incident category beside the built-in ones (outage, data loss, …). */
import type { Category } from './response.types';
import { FormError, useForm } from '../../ui/form';
import { NameAndSlugFields, useNameAndSlug } from '../../ui/name-slug-fields';
import { useSession } from '../auth/session-context';
import { createCategory } from './response.api';

export function CreateCategoryForm({ onCreated }: { onCreated: (category: Category) => void }) {
  const { client } = useSession();
  const naming = useNameAndSlug();
  const form = useForm(
    async () => {
      const category = await createCategory(client, { name: naming.name.trim(), slug: naming.slug });
      naming.reset();
      onCreated(category);
    },
    { 'category-name': 'body.name', 'category-slug': 'body.slug' },
  );
  const { isSubmitting, onSubmit } = form;
  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-labelledby="create-category-heading">
      <h2 id="create-category-heading">Add a category</h2>
      <FormError form={form} />
      <NameAndSlugFields
        idPrefix="category"
        state={naming}
        slugHint="Lowercase letters, digits, - or _."
        slugPattern="[a-z0-9][a-z0-9_\-]*"
        form={form}
      />
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Adding…' : 'Add category'}
        </button>
      </div>
    </form>
  );
}
