/**
 * A status page's scheduled maintenances: each with its window, state and
 * updates (it starts and completes by itself at the window's edges), and
 * for responders a form to announce one: title, message, window in local
 * time, components shown Under Maintenance meanwhile.
 */
import { useState } from 'react';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { scheduleMaintenance } from './statuspages.api';
import { PageUpdateForm } from './page-update-form';
import { TemplatePicker } from './template-picker';
import type { Component, Definitions, PageIncident } from './statuspages.types';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '');

export function MaintenanceList({
  maintenances,
  definitions,
  canUpdate,
  onChanged,
}: {
  maintenances: readonly PageIncident[];
  definitions: Definitions | undefined;
  /** Responders post updates (verifying, completed) on a maintenance not yet completed. */
  canUpdate: boolean;
  onChanged: () => void;
}) {
  const label = (key: string) => definitions?.maintenanceStates.find((s) => s.key === key)?.label ?? key;
  if (maintenances.length === 0) return <p className="muted">No maintenance scheduled.</p>;
  return (
    <ul className="plain-list stack">
      {maintenances.map((m) => (
        <li key={m.id} className="panel">
          <h3>
            {m.title} <span className="badge">{label(m.state)}</span>
          </h3>
          <p className="muted">
            {when(m.scheduledFor)} – {when(m.scheduledUntil)}
            {m.components.length > 0 && <> · Affects {m.components.map((c) => c.name).join(', ')}</>}
          </p>
          <ol className="plain-list">
            {m.updates.map((u) => (
              <li key={u.id}>
                <strong>{label(u.state)}</strong> · {when(u.createdAt)} · {u.createdBy}
                <p>{u.body}</p>
              </li>
            ))}
          </ol>
          {canUpdate && definitions && m.state !== 'completed' && (
            <details>
              <summary>Post a maintenance update</summary>
              <PageUpdateForm incident={m} definitions={definitions} onPosted={onChanged} />
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}

/** datetime-local's value (local time, no zone) as an ISO instant. */
const toInstant = (local: string) => new Date(local).toISOString();

export function ScheduleMaintenanceForm({
  pageId,
  components,
  onScheduled,
}: {
  pageId: string;
  components: readonly Component[];
  onScheduled: () => void;
}) {
  const { client } = useSession();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    await scheduleMaintenance(client, pageId, {
      title: title.trim(),
      body: body.trim(),
      components: chosen,
      scheduledFor: toInstant(from),
      scheduledUntil: toInstant(until),
    });
    setTitle('');
    setBody('');
    setChosen([]);
    onScheduled();
  });
  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-labelledby="schedule-maintenance-heading">
      <h2 id="schedule-maintenance-heading">Schedule maintenance</h2>
      <ErrorMessage error={error} />
      <div className="span-2">
        <TemplatePicker
          pageId={pageId}
          idPrefix="maintenance"
          onPick={(t) => {
            if (t.title) setTitle(t.title);
            setBody(t.body);
          }}
        />
      </div>
      <div className="field span-2">
        <label htmlFor="maintenance-title">Title</label>
        <input id="maintenance-title" required value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="maintenance-from">Starts (your local time)</label>
        <input
          id="maintenance-from"
          type="datetime-local"
          required
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="maintenance-until">Ends</label>
        <input
          id="maintenance-until"
          type="datetime-local"
          required
          value={until}
          onChange={(e) => setUntil(e.target.value)}
        />
      </div>
      <fieldset className="field span-2">
        <legend>Shown Under Maintenance meanwhile</legend>
        {components.map((c) => (
          <label key={c.id} className="check" htmlFor={`maintenance-c-${c.id}`}>
            <input
              id={`maintenance-c-${c.id}`}
              type="checkbox"
              checked={chosen.includes(c.id)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, c.id] : chosen.filter((id) => id !== c.id))}
            />
            {c.name}
          </label>
        ))}
      </fieldset>
      <div className="field span-2">
        <label htmlFor="maintenance-body">Announcement (Markdown)</label>
        <textarea id="maintenance-body" required rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      <p className="muted span-2">
        Subscribers are told when it is announced, when it starts and when it ends; it starts and ends by itself.
      </p>
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Scheduling…' : 'Schedule maintenance'}
        </button>
      </div>
    </form>
  );
}
