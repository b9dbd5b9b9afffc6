/**
 * Admins edit a service: its name and description, owning team, escalation
 * policy, time zone and business hours, urgency rules, how alerts group into
 * incidents, its targets, and the chat channels new incidents are posted to. The slug stays:
 * it is the service's address in URLs, files and senders' configuration.
 */
import { useState } from 'react';
import type { ChatChannel } from '../channels/channels.types';
import type { EscalationPolicy } from '../escalation/escalation.types';
import type { Service } from './services.types';
import type { Team } from '../teams/teams.types';
import { Field, FormError, useForm } from '../../ui/form';
import { useSession } from '../auth/session-context';
import { TimeZoneField } from '../users/time-zone-field';
import { CheckGroup } from '../../ui/check-group';
import { BusinessHoursFields, DEFAULT_HOURS, type BusinessHoursDraft } from './business-hours-fields';
import { fromGroupingDraft, GroupingFields, toGroupingDraft, type GroupingDraft } from './grouping-fields';
import { fromSlaDraft, SlaTargetFields, toSlaDraft, type SlaTargetsDraft } from './sla-target-fields';
import { fromRuleDraft, toRuleDraft, UrgencyRulesEditor, type RuleDraft } from './urgency-rules-editor';
import { updateService } from './services.api';

interface ServiceFormProps {
  service: Service;
  policies: readonly EscalationPolicy[];
  teams: readonly Team[];
  channels: readonly ChatChannel[];
  onSaved: (service: Service) => void;
  onCancel: () => void;
}

export function ServiceForm({ service, policies, teams, channels, onSaved, onCancel }: ServiceFormProps) {
  const { client } = useSession();
  const [name, setName] = useState(service.name);
  const [description, setDescription] = useState(service.description);
  const [teamId, setTeamId] = useState(service.team?.id ?? '');
  const [policyId, setPolicyId] = useState(service.escalationPolicy.id);
  const [timeZone, setTimeZone] = useState(service.timeZone);
  const [hours, setHours] = useState<BusinessHoursDraft>(
    service.businessHours ? { isLimited: true, ...service.businessHours } : DEFAULT_HOURS,
  );
  const [rules, setRules] = useState<RuleDraft[]>(service.urgencyRules.map(toRuleDraft));
  const [grouping, setGrouping] = useState<GroupingDraft>(toGroupingDraft(service.grouping));
  const [targets, setTargets] = useState<SlaTargetsDraft>(toSlaDraft(service.slaTargets));
  const [noticeChannelIds, setNoticeChannelIds] = useState<string[]>(service.noticeChannelIds);

  const form = useForm(
    async () => {
      if (hours.isLimited && hours.days.length === 0)
        throw new Error('Tick at least one business day, or untick business hours.');
      const body = {
        name: name.trim(),
        description: description.trim(),
        teamId: teamId || null,
        escalationPolicyId: policyId,
        timeZone: timeZone.trim(),
        businessHours: hours.isLimited ? { days: hours.days, start: hours.start, end: hours.end } : null,
        urgencyRules: rules.map(fromRuleDraft),
        grouping: fromGroupingDraft(grouping),
        slaTargets: fromSlaDraft(targets),
        noticeChannelIds,
      };
      onSaved(await updateService(client, service.id, body));
    },
    {
      'edit-service-name': 'body.name',
      'edit-service-team': 'body.teamId',
      'edit-service-description': 'body.description',
      'edit-service-policy': 'body.escalationPolicyId',
      'edit-service-time-zone': 'body.timeZone',
    },
  );
  const { isSubmitting, onSubmit } = form;

  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-labelledby="edit-service-heading">
      <h2 id="edit-service-heading">Edit {service.name}</h2>
      <FormError form={form} />
      <Field id="edit-service-name" label="Name" form={form}>
        <input
          id="edit-service-name"
          required
          maxLength={200}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </Field>
      <Field id="edit-service-team" label="Team" form={form}>
        <select id="edit-service-team" value={teamId} onChange={(event) => setTeamId(event.target.value)}>
          <option value="">No team</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="edit-service-description" label="Description" className="span-2" form={form}>
        <textarea
          id="edit-service-description"
          rows={2}
          maxLength={2000}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </Field>
      <Field id="edit-service-policy" label="Escalation policy" form={form}>
        <select
          id="edit-service-policy"
          required
          value={policyId}
          onChange={(event) => setPolicyId(event.target.value)}
        >
          {policies.map((policy) => (
            <option key={policy.id} value={policy.id}>
              {policy.name}
            </option>
          ))}
        </select>
      </Field>
      <TimeZoneField id="edit-service-time-zone" value={timeZone} onChange={setTimeZone} form={form} />
      <BusinessHoursFields idPrefix="edit-service" value={hours} onChange={setHours} />
      <UrgencyRulesEditor idPrefix="edit-service" rules={rules} onChange={setRules} />
      <GroupingFields idPrefix="edit-service" value={grouping} onChange={setGrouping} />
      <SlaTargetFields idPrefix="edit-service" value={targets} onChange={setTargets} />
      {channels.length > 0 ? (
        <CheckGroup
          legend="Post every new incident to"
          options={channels.map((channel) => channel.id)}
          labels={Object.fromEntries(channels.map((channel) => [channel.id, `${channel.name} (${channel.type})`]))}
          selected={noticeChannelIds}
          onChange={setNoticeChannelIds}
        />
      ) : (
        <p className="muted span-2">
          No chat channels yet: add one (Slack, Teams or a webhook) with the API or tocsin.yaml to post new incidents
          there.
        </p>
      )}
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save service'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
