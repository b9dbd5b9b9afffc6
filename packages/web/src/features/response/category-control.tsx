/** The category of a declared incident (outage, data loss, …), saved when chosen. */
import type { Category, IncidentResponse } from './response.types';
import { ErrorMessage } from '../../ui/feedback';
import { changeCategory } from './response.api';
import { useResponseAction } from './use-response-action';

interface CategoryControlProps {
  incidentId: string;
  response: IncidentResponse;
  categories: readonly Category[];
  canAct: boolean;
  onChanged: () => void;
}

export function CategoryControl({ incidentId, response, categories, canAct, onChanged }: CategoryControlProps) {
  const action = useResponseAction(onChanged);
  return (
    <div className="field">
      <label htmlFor="response-category">Category</label>
      <select
        id="response-category"
        value={response.category ?? ''}
        disabled={!canAct || action.isBusy}
        onChange={(event) =>
          void action.act((client) => changeCategory(client, incidentId, event.target.value || null))
        }
      >
        <option value="">Not known yet</option>
        {categories.map((category) => (
          <option key={category.slug} value={category.slug}>
            {category.name}
          </option>
        ))}
      </select>
      <ErrorMessage error={action.error} title="The category did not change:" />
    </div>
  );
}
