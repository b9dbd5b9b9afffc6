/** An admin edits one incident role: its name, what seed 001 calls it (alias), what it does, and the schedule that says who holds it now. */
import { useState } from 'react';
import type { ResponseRole } from './response.types';
import { ErrorMessage, SuccessMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { updateIncidentRole } from './response.api';

interface RoleSettingsFormProps {
  role: ResponseRole;
  schedules: ReadonlyArray<{ id: string; name: string }>;
  onSaved: () => void;
}

export function RoleSettingsForm({ role, schedules, onSaved }: RoleSettingsFormProps) {
  const { client } = useSession();
  const id = (field: string) => `role-${role.slug}-${field}`;
  const [name, setName] = useState(role.name);
  const [alias, setAlias] = useState(role.alias);
  const [description, setDescription] = useState(role.description);
  const [scheduleId, setScheduleId] = useState(role.schedule?.id ?? '');
  const [isSaved, setSaved] = useState(false);

  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    setSaved(false);
    await updateIncidentRole(client, role.slug, {
      name: name.trim(),
      alias: alias.trim(),
      description,
      scheduleId: scheduleId || null,
    });
    setSaved(true);
    onSaved();
  });

  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-labelledby={id('heading')}>
      <h2 id={id('heading')}>
        {role.name} <span className="tag">{role.rank === null ? 'does not own' : `owning, rank ${role.rank}`}</span>
      </h2>
      <ErrorMessage error={error} title="Not saved:" />
      {isSaved && <SuccessMessage>Saved.</SuccessMessage>}
      <div className="field">
        <label htmlFor={id('name')}>Name</label>
        <input id={id('name')} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={id('alias')}>Also called</label>
        <input
          id={id('alias')}
          maxLength={100}
          value={alias}
          placeholder="another name people use"
          onChange={(e) => setAlias(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={id('schedule')}>Who holds it: schedule</label>
        <select id={id('schedule')} value={scheduleId} onChange={(e) => setScheduleId(e.target.value)}>
          <option value="">No schedule</option>
          {schedules.map((schedule) => (
            <option key={schedule.id} value={schedule.id}>
              {schedule.name}
            </option>
          ))}
        </select>
        <p className="hint">
          Whoever is on call on it is engaged when nobody is named
          {role.slug === 'eoc' && "; without one, the first level of the service's escalation policy"}.
        </p>
      </div>
      <div className="field span-2">
        <label htmlFor={id('description')}>What the role does</label>
        <textarea
          id={id('description')}
          rows={2}
          maxLength={2000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting} aria-label={`Save ${role.name}`}>
          Save role
        </button>
      </div>
    </form>
  );
}
