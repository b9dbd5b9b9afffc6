/**
 * Creates or changes a schedule: name, time zone and layers, with a preview
 * (who would be on call now, the next two weeks, the checks and what changes)
 * before saving. Saving a change makes a new version from now.
 */
import { useState } from 'react';
import type { User } from '../users/users.types';
import { FormError, Field, useForm } from '../../ui/form';
import { useSession } from '../auth/session-context';
import { TimeZoneField } from '../users/time-zone-field';
import { ChecksPanel } from './checks-panel';
import { LayerFields } from './layer-fields';
import { TimelineChart } from './timeline-chart';
import type { Layer, Preview, SaveResult, Schedule } from './schedules.types';
import { startOfDay, todayIn } from './zoned-time';
import { useTeams } from '../teams/teams.api';
import { createSchedule, previewSchedule, updateSchedule } from './schedules.api';

const PREVIEW_DAYS = 14;

/** Where the API's refusals of a schedule go: its fields, and each layer's (layer-fields.tsx ids). */
const SCHEDULE_FIELDS = {
  'schedule-name': 'body.name',
  'schedule-team': 'body.teamId',
  'schedule-zone': 'body.timeZone',
  'layer-{index}-name': 'body.layers.*.name',
  'layer-{index}-length': 'body.layers.*.shift',
  'layer-{index}-handoff': 'body.layers.*.handoffTime',
  'layer-{index}-start': 'body.layers.*.startDate',
  'layer-{index}-add': 'body.layers.*.participants',
};

export function newLayer(index: number, timeZone: string): Layer {
  return {
    name: index === 0 ? 'Primary' : `Layer ${index + 1}`,
    participants: [],
    shift: { length: 1, unit: 'weeks' },
    handoffTime: '09:00',
    startDate: todayIn(timeZone),
  };
}

interface ScheduleEditorProps {
  schedule?: Schedule;
  users: readonly User[];
  defaultTimeZone: string;
  onSaved: (result: SaveResult) => void;
}

export function ScheduleEditor({ schedule, users, defaultTimeZone, onSaved }: ScheduleEditorProps) {
  const { client } = useSession();
  const [name, setName] = useState(schedule?.name ?? '');
  const [teamId, setTeamId] = useState(schedule?.teamId ?? '');
  const teams = useTeams();
  const [timeZone, setTimeZone] = useState(schedule?.timeZone ?? defaultTimeZone);
  const [layers, setLayers] = useState<Layer[]>(
    () => schedule?.definition.layers.map((layer) => ({ ...layer })) ?? [newLayer(0, defaultTimeZone)],
  );
  const [preview, setPreview] = useState<{ result: Preview; from: Date }>();

  const form = useForm(async () => {
    const result = schedule
      ? await updateSchedule(client, schedule.id, {
          name: name.trim(),
          timeZone,
          layers,
          ...(teamId !== (schedule.teamId ?? '') && { teamId: teamId || null }),
        })
      : await createSchedule(client, { name: name.trim(), teamId: teamId || null, timeZone, layers });
    onSaved(result);
  }, SCHEDULE_FIELDS);
  const { isSubmitting: isBusy, onSubmit: save, run } = form;

  function changeLayers(next: Layer[]) {
    setLayers(next);
    setPreview(undefined);
  }

  const runPreview = () =>
    run(async () => {
      const from = startOfDay(new Date(), timeZone);
      const to = new Date(from.getTime() + PREVIEW_DAYS * 86_400_000);
      const body = {
        timeZone,
        layers,
        at: new Date().toISOString(),
        from: from.toISOString(),
        to: to.toISOString(),
        ...(schedule && { scheduleId: schedule.id }),
      };
      setPreview({ result: await previewSchedule(client, body), from });
    });

  return (
    <form className="stack" aria-label={schedule ? 'Edit the schedule' : 'Create a schedule'} onSubmit={save}>
      <div className="panel form-grid">
        <h2>About</h2>
        <Field id="schedule-name" label="Schedule name" form={form}>
          <input
            id="schedule-name"
            required
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <Field
          id="schedule-team"
          label="Team (optional)"
          hint="The team’s managers may change the schedule."
          form={form}
        >
          <select id="schedule-team" value={teamId} onChange={(event) => setTeamId(event.target.value)}>
            <option value="">No team</option>
            {teams.data?.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </Field>
        <TimeZoneField
          id="schedule-zone"
          value={timeZone}
          onChange={(zone) => {
            setTimeZone(zone);
            setPreview(undefined);
          }}
          form={form}
        />
      </div>
      <div className="panel stack">
        <h2>Layers</h2>
        <p className="hint">
          Listed bottom up: a later layer wins wherever it has someone on call. Times are on the schedule’s clock.
        </p>
        {layers.map((layer, index) => (
          <LayerFields
            key={index}
            index={index}
            layer={layer}
            users={users}
            form={form}
            onChange={(next) => changeLayers(layers.map((old, i) => (i === index ? next : old)))}
            {...(layers.length > 1 && { onRemove: () => changeLayers(layers.filter((_, i) => i !== index)) })}
          />
        ))}
        <div>
          <button
            type="button"
            className="button"
            onClick={() => changeLayers([...layers, newLayer(layers.length, timeZone)])}
          >
            Add a layer
          </button>
        </div>
      </div>
      <FormError form={form} />
      <div className="form-actions">
        <button type="button" className="button" disabled={isBusy} onClick={() => void runPreview()}>
          Preview
        </button>
        <button type="submit" className="button primary" disabled={isBusy}>
          {schedule ? 'Save as a new version' : 'Create schedule'}
        </button>
      </div>
      {preview && (
        <section className="stack" aria-label="Preview" data-testid="preview">
          <div className="panel">
            <h2>Preview</h2>
            <p>
              <strong>On call now: </strong>
              {preview.result.onCallAt && preview.result.onCallAt.length > 0
                ? preview.result.onCallAt.map((user) => user.name).join(', ')
                : 'nobody'}
            </p>
            {preview.result.summary && <p className="version-summary">{preview.result.summary}</p>}
          </div>
          <TimelineChart
            title="Preview: next 14 days"
            timeZone={timeZone}
            from={preview.from}
            days={PREVIEW_DAYS}
            shifts={preview.result.shifts}
            layers={preview.result.layers}
          />
          <ChecksPanel checks={preview.result.checks} timeZone={timeZone} />
        </section>
      )}
    </form>
  );
}
