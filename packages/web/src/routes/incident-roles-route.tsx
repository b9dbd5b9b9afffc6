/** /app/settings/incident-roles (admins): the roles of a response, who holds each (a schedule), and the incident categories. */
import { CreateCategoryForm } from '../features/response/create-category-form';
import { useCategories, useIncidentRoles } from '../features/response/response.api';
import { RoleSettingsForm } from '../features/response/role-settings-form';
import { useSchedules } from '../features/schedules/schedules.api';
import { ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

export function IncidentRolesRoute() {
  const roles = useIncidentRoles();
  const schedules = useSchedules();
  const categories = useCategories();
  return (
    <>
      <PageHeader
        title="Incident roles and categories"
        summary="Ownership passes up the owning roles as they engage (EOC, then IMOC, then CMOC). A role's schedule says who is engaged when nobody is named."
      />
      <ErrorMessage error={roles.error ?? schedules.error} title="Could not load:" />
      {!roles.data && !roles.error && <Loading what="roles" />}
      <div className="stack">
        {roles.data?.map((role) => (
          <RoleSettingsForm key={role.slug} role={role} schedules={schedules.data ?? []} onSaved={roles.reload} />
        ))}
        <section className="panel" aria-labelledby="categories-heading">
          <h2 id="categories-heading">Categories</h2>
          <ErrorMessage error={categories.error} title="The categories could not be loaded:" />
          <ul className="plain-list" data-testid="categories">
            {categories.data?.map((category) => (
              <li key={category.slug}>
                <strong>{category.name}</strong> <span className="muted">{category.slug}</span>
                {category.builtin && <span className="tag">built in</span>}
              </li>
            ))}
          </ul>
        </section>
        <CreateCategoryForm onCreated={categories.reload} />
      </div>
    </>
  );
}
