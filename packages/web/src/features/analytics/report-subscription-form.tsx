/**
 * Set up an emailed monthly report (docs/analytics.md "Emailed reports"):
 * whose report (a team, or every team for admins, optionally only some of
 * its services), when (a day of the month and a time in a zone: the month
 * before is sent then), and to whom: people with an account, who each get
 * it as they would see it, and plain addresses, who read it as a share
 * link does. What the API refuses is said beside the field it is about.
 */
import { useState } from 'react';
import { useSession } from '../auth/session-context';
import { Field, FormError, useForm } from '../../ui/form';
import { PickMany } from '../../ui/pick-many';
import { TimeZonePicker } from '../../ui/time-zone-picker';
import {
  createReportSubscription,
  nameTheAddresses,
  splitAddresses,
  type ReportSubscription,
} from './report-subscriptions.api';

type Named = ReadonlyArray<{ id: string; name: string }>;

interface Props {
  teams: Named;
  services: ReadonlyArray<{ id: string; name: string; teamId: string | null }>;
  people: Named;
  /** Admins may send the report of every team; others choose one of theirs. */
  mayChooseEveryTeam: boolean;
  defaultTimeZone: string;
  onCreated: (subscription: ReportSubscription) => void;
}

const FIELDS = {
  'sub-name': 'body.name',
  'sub-team': 'body.teamId',
  'sub-services': 'body.serviceIds',
  'sub-day': 'body.dayOfMonth',
  'sub-time': 'body.sendTime',
  'sub-zone': 'body.timeZone',
  'sub-people': 'body.recipientUserIds',
  'sub-emails': 'body.recipientEmails',
};

export function ReportSubscriptionForm({
  teams,
  services,
  people,
  mayChooseEveryTeam,
  defaultTimeZone,
  onCreated,
}: Props) {
  const { client } = useSession();
  const [name, setName] = useState('');
  const [teamId, setTeamId] = useState('');
  const [serviceIds, setServiceIds] = useState<string[]>([]);
  const [day, setDay] = useState('1');
  const [time, setTime] = useState('08:00');
  const [timeZone, setTimeZone] = useState(defaultTimeZone);
  const [userIds, setUserIds] = useState<string[]>([]);
  const [emails, setEmails] = useState('');
  const [showTitles, setShowTitles] = useState(false);
  const team = teamId || (mayChooseEveryTeam ? '' : (teams[0]?.id ?? ''));
  const teamServices = services.filter((s) => !team || s.teamId === team);

  const form = useForm(async () => {
    const addresses = splitAddresses(emails);
    try {
      const created = await createReportSubscription(client, {
        name: name.trim(),
        teamId: team || null,
        serviceIds: serviceIds.filter((id) => teamServices.some((s) => s.id === id)),
        dayOfMonth: Number(day), // empty is 0: refused as below 1, beside the field
        sendTime: time,
        timeZone,
        recipientUserIds: userIds,
        recipientEmails: addresses,
        showIncidentTitles: showTitles,
      });
      setName('');
      setServiceIds([]);
      setUserIds([]);
      setEmails('');
      onCreated(created);
    } catch (error) {
      throw nameTheAddresses(error, addresses);
    }
  }, FIELDS);

  return (
    <form className="panel form-grid" onSubmit={form.onSubmit} aria-labelledby="sub-form-heading" noValidate>
      <h2 id="sub-form-heading">Email a monthly report</h2>
      <FormError form={form} title="The report was not set up:" />
      <Field
        id="sub-name"
        label="Name"
        className="span-2"
        hint="What it is, in the subject of each email, e.g. Identity SLA for the CTO."
        form={form}
      >
        <input id="sub-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field id="sub-team" label="Team" form={form}>
        <select
          id="sub-team"
          value={team}
          onChange={(e) => {
            setTeamId(e.target.value);
            setServiceIds([]);
          }}
        >
          {mayChooseEveryTeam && <option value="">Every team</option>}
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="sub-services" label="Only these services (optional)" hint="None chosen: every service." form={form}>
        <PickMany
          id="sub-services"
          options={teamServices}
          chosen={serviceIds}
          onChange={setServiceIds}
          placeholder="Add a service…"
        />
      </Field>
      <Field id="sub-day" label="Day of the month" hint="1 to 28: it sends the month before." form={form}>
        <input
          id="sub-day"
          type="number"
          inputMode="numeric"
          min={1}
          max={28}
          value={day}
          onChange={(e) => setDay(e.target.value)}
        />
      </Field>
      <Field id="sub-time" label="At" form={form}>
        <input id="sub-time" type="time" value={time} onChange={(e) => setTime(e.target.value)} />
      </Field>
      <Field
        id="sub-zone"
        label="Time zone"
        className="span-2"
        hint="The report's month and the sending time are in this zone."
        form={form}
      >
        <TimeZonePicker id="sub-zone" value={timeZone} onChange={setTimeZone} />
      </Field>
      <Field
        id="sub-people"
        label="People"
        hint="Each gets the report as they would see it here, private incidents they may see included."
        form={form}
      >
        <PickMany id="sub-people" options={people} chosen={userIds} onChange={setUserIds} placeholder="Add a person…" />
      </Field>
      <Field
        id="sub-emails"
        label="Other addresses"
        hint="One per line. They get what a share link shows: no private incident, no one's name."
        form={form}
      >
        <textarea
          id="sub-emails"
          rows={3}
          value={emails}
          placeholder="cto@example.com"
          onChange={(e) => setEmails(e.target.value)}
        />
      </Field>
      <label className="check span-2">
        <input type="checkbox" checked={showTitles} onChange={(e) => setShowTitles(e.target.checked)} />
        Show incident titles to the other addresses (else breaches are listed by number)
      </label>
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={form.isSubmitting}>
          {form.isSubmitting ? 'Saving…' : 'Email this report'}
        </button>
      </div>
    </form>
  );
}
