/**
 * How a service's alerts make incidents: one incident per alert (its dedup
 * key), or alerts sharing a field (group, component, class, source) within a
 * window joining one open incident.
 */
import type { Grouping } from './services.types';

const FIELDS = ['group', 'component', 'class', 'source'] as const;
type GroupingField = (typeof FIELDS)[number];

export interface GroupingDraft {
  mode: 'dedup_key' | 'window';
  field: GroupingField;
  windowMinutes: string;
}

export const toGroupingDraft = (grouping: Grouping): GroupingDraft => ({
  mode: grouping.mode,
  field: FIELDS.find((f) => f === grouping.field) ?? 'group',
  windowMinutes: String(grouping.windowMinutes ?? 10),
});

export function fromGroupingDraft(
  draft: GroupingDraft,
): { mode: 'dedup_key' } | { mode: 'window'; field: GroupingField; windowMinutes: number } {
  if (draft.mode === 'dedup_key') return { mode: 'dedup_key' };
  const minutes = Number(draft.windowMinutes);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440)
    throw new Error('The grouping window must be a whole number of minutes from 1 to 1440.');
  return { mode: 'window', field: draft.field, windowMinutes: minutes };
}

export function describeGrouping(grouping: Grouping): string {
  if (grouping.mode === 'dedup_key') return 'One incident per alert (by its dedup key)';
  return `Alerts with the same ${grouping.field} within ${grouping.windowMinutes} minutes share an incident`;
}

export function GroupingFields({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string;
  value: GroupingDraft;
  onChange: (next: GroupingDraft) => void;
}) {
  return (
    <fieldset className="field span-2">
      <legend>Grouping</legend>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${idPrefix}-grouping-mode`}>Alerts make incidents</label>
          <select
            id={`${idPrefix}-grouping-mode`}
            value={value.mode}
            onChange={(event) => onChange({ ...value, mode: event.target.value as GroupingDraft['mode'] })}
          >
            <option value="dedup_key">One incident per alert</option>
            <option value="window">Alerts sharing a field join one incident</option>
          </select>
        </div>
        {value.mode === 'window' && (
          <>
            <div className="field">
              <label htmlFor={`${idPrefix}-grouping-field`}>Shared field</label>
              <select
                id={`${idPrefix}-grouping-field`}
                value={value.field}
                onChange={(event) => onChange({ ...value, field: event.target.value as GroupingField })}
              >
                {FIELDS.map((field) => (
                  <option key={field} value={field}>
                    {field}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${idPrefix}-grouping-window`}>Window (minutes)</label>
              <input
                id={`${idPrefix}-grouping-window`}
                type="number"
                min={1}
                max={1440}
                required
                value={value.windowMinutes}
                onChange={(event) => onChange({ ...value, windowMinutes: event.target.value })}
              />
            </div>
          </>
        )}
      </div>
    </fieldset>
  );
}
