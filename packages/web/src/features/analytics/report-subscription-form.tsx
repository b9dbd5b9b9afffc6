/**
 * Set up or change an emailed monthly report (docs/analytics.md "Emailed
 * reports"): whose report (a team, or every team for admins, optionally only
 * some of its services), when (a day of the month and a time in a zone: the
 * month before is sent then), and to whom: people with an account, who each
 * get it as they would see it, and plain addresses, who read it as a share
 * link does. Given a `subscription`, the form starts from its values and
 * saves them with a PATCH; Cancel leaves it as it was. What the API refuses
 * is said beside the field it is about.
 */
import { useEffect, useRef, useState } from 'react';
import { useSession } from '../auth/session-context';
import { Field, FormError, useForm } from '../../ui/form';
import { PickMany } from '../../ui/pick-many';
import { TimeZonePicker } from '../../ui/time-zone-picker';
import {
  createReportSubscription,
  nameTheAddresses,
  splitAddresses,
  updateReportSubscription,
  type ReportSubscription,
} from './report-subscriptions.api';

type Named = ReadonlyArray<{ id: string; name: string }>;

/** What the form needs to offer, the same whether it sets one up or changes one. */
export interface ReportSubscriptionChoices {
  teams: Named;
  services: ReadonlyArray<{ id: string; name: string; teamId: string | null }>;
  people: Named;
  /** Admins may send the report of every team; others choose one of theirs. */
  mayChooseEveryTeam: boolean;
  defaultTimeZone: string;
}

interface Props extends ReportSubscriptionChoices {
  /** The report to change; absent when setting one up. */
  subscription?: ReportSubscription;
  onSaved: (subscription: ReportSubscription) => void;
  /** Shown as a Cancel button (when changing one): nothing is sent. */
  onCancel?: () => void;
}

/** The form's field ids (under `prefix`) and the request paths whose refusals each shows. */
const fieldsOf = (prefix: string) => ({
  [`${prefix}-name`]: 'body.name',
  [`${prefix}-team`]: 'body.teamId',
  [`${prefix}-services`]: 'body.serviceIds',
  [`${prefix}-day`]: 'body.dayOfMonth',
  [`${prefix}-time`]: 'body.sendTime',
  [`${prefix}-zone`]: 'body.timeZone',
  [`${prefix}-people`]: 'body.recipientUserIds',
  [`${prefix}-emails`]: 'body.recipientEmails',
});

export function ReportSubscriptionForm({
  subscription,
  teams,
  services,
  people,
  mayChooseEveryTeam,
  defaultTimeZone,
  onSaved,
  onCancel,
}: Props) {
  const { client } = useSession();
  const [name, setName] = useState(subscription?.name ?? '');
  const [teamId, setTeamId] = useState(subscription?.teamId ?? '');
  const [serviceIds, setServiceIds] = useState<string[]>(subscription?.serviceIds ?? []);
  const [day, setDay] = useState(String(subscription?.dayOfMonth ?? 1));
  const [time, setTime] = useState(subscription?.sendTime ?? '08:00');
  const [timeZone, setTimeZone] = useState(subscription?.timeZone ?? defaultTimeZone);
  const [userIds, setUserIds] = useState<string[]>(subscription?.recipientUserIds ?? []);
  const [emails, setEmails] = useState(subscription?.recipientEmails.join('\n') ?? '');
  const [showTitles, setShowTitles] = useState(subscription?.showIncidentTitles ?? false);
  const team = teamId || (mayChooseEveryTeam ? '' : (teams[0]?.id ?? ''));
  const teamServices = services.filter((s) => !team || s.teamId === team);
  // Both forms can be on the page at once (one hidden): their ids differ.
  const prefix = subscription ? `sub-${subscription.id}` : 'sub';
  const nameInput = useRef<HTMLInputElement>(null);

  // Opening a report to change it takes the reader to its first field.
  useEffect(() => {
    if (subscription) nameInput.current?.focus();
  }, []);

  const form = useForm(async () => {
    const addresses = splitAddresses(emails);
    const body = {
      name: name.trim(),
      teamId: team || null,
      // A service of another team (chosen before the team changed) is dropped; one this screen does not know is kept.
      serviceIds: serviceIds.filter((id) => {
        const service = services.find((s) => s.id === id);
        return !service || teamServices.includes(service);
      }),
      dayOfMonth: Number(day), // empty is 0: refused as below 1, beside the field
      sendTime: time,
      timeZone,
      recipientUserIds: userIds,
      recipientEmails: addresses,
      showIncidentTitles: showTitles,
    };
    try {
      if (subscription) return onSaved(await updateReportSubscription(client, subscription.id, body));
      const created = await createReportSubscription(client, body);
      setName('');
      setServiceIds([]);
      setUserIds([]);
      setEmails('');
      onSaved(created);
    } catch (error) {
      throw nameTheAddresses(error, addresses);
    }
  }, fieldsOf(prefix));

  const headingId = `${prefix}-form-heading`;
  return (
    <form className="panel form-grid" onSubmit={form.onSubmit} aria-labelledby={headingId} noValidate>
      <h2 id={headingId}>{subscription ? `Edit “${subscription.name}”` : 'Email a monthly report'}</h2>
      <FormError form={form} title={subscription ? 'The changes were not saved:' : 'The report was not set up:'} />
      <Field
        id={`${prefix}-name`}
        label="Name"
        className="span-2"
        hint="What it is, e.g. Identity SLA for the CTO: each email ends by saying it was sent because of it."
        form={form}
      >
        <input
          id={`${prefix}-name`}
          ref={nameInput}
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
        />
      </Field>
      <Field id={`${prefix}-team`} label="Team" form={form}>
        <select
          id={`${prefix}-team`}
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
      <Field
        id={`${prefix}-services`}
        label="Only these services (optional)"
        hint="None chosen: every service."
        form={form}
      >
        <PickMany
          id={`${prefix}-services`}
          options={teamServices}
          chosen={serviceIds}
          onChange={setServiceIds}
          placeholder="Add a service…"
        />
      </Field>
      <Field id={`${prefix}-day`} label="Day of the month" hint="1 to 28: it sends the month before." form={form}>
        <input
          id={`${prefix}-day`}
          type="number"
          inputMode="numeric"
          min={1}
          max={28}
          value={day}
          onChange={(e) => setDay(e.target.value)}
        />
      </Field>
      <Field id={`${prefix}-time`} label="At" form={form}>
        <input id={`${prefix}-time`} type="time" value={time} onChange={(e) => setTime(e.target.value)} />
      </Field>
      <Field
        id={`${prefix}-zone`}
        label="Time zone"
        className="span-2"
        hint="The report's month and the sending time are in this zone."
        form={form}
      >
        <TimeZonePicker id={`${prefix}-zone`} value={timeZone} onChange={setTimeZone} />
      </Field>
      <Field
        id={`${prefix}-people`}
        label="People"
        hint="Each gets the report as they would see it here, private incidents they may see included."
        form={form}
      >
        <PickMany
          id={`${prefix}-people`}
          options={people}
          chosen={userIds}
          onChange={setUserIds}
          placeholder="Add a person…"
        />
      </Field>
      <Field
        id={`${prefix}-emails`}
        label="Other addresses"
        hint="One per line. They get what a share link shows: no private incident, no one's name."
        form={form}
      >
        <textarea
          id={`${prefix}-emails`}
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
          {form.isSubmitting ? 'Saving…' : subscription ? 'Save changes' : 'Email this report'}
        </button>
        {onCancel && (
          <button type="button" className="button" disabled={form.isSubmitting} onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
