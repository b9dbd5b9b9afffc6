/** When a service pages, read aloud: its business hours (in its time zone), its urgency rules (first match wins), grouping, targets and notice channels. */
import type { ChatChannel } from '../channels/channels.types';
import type { Service } from './services.types';
import { describeGrouping } from './grouping-fields';
import { describeBusinessHours, describeUrgencyRule } from './service-labels';
import { describeTarget } from './sla-target-fields';

export function ServiceSettings({
  service,
  channels,
}: {
  service: Service;
  channels: readonly ChatChannel[] | undefined;
}) {
  const names = service.noticeChannelIds.map(
    (id) => channels?.find((channel) => channel.id === id)?.name ?? 'a channel',
  );
  return (
    <section className="panel service-settings" aria-labelledby="service-settings-heading">
      <h2 id="service-settings-heading">When it pages</h2>
      <dl className="facts">
        <div>
          <dt>Business hours ({service.timeZone})</dt>
          <dd data-testid="service-business-hours">{describeBusinessHours(service.businessHours)}</dd>
        </div>
        <div>
          <dt>Grouping</dt>
          <dd data-testid="service-grouping">{describeGrouping(service.grouping)}</dd>
        </div>
        <div>
          <dt>Targets</dt>
          <dd data-testid="service-targets">
            High urgency: {describeTarget(service.slaTargets.high)}; low urgency:{' '}
            {describeTarget(service.slaTargets.low)}
          </dd>
        </div>
        <div>
          <dt>New incidents posted to</dt>
          <dd data-testid="service-notice-channels">{names.length === 0 ? 'No chat channel' : names.join(', ')}</dd>
        </div>
      </dl>
      <h3>Urgency rules</h3>
      <p className="muted">
        Read in order; the first that matches an alert's severity decides its urgency and priority.
      </p>
      <ol className="levels" data-testid="urgency-rules">
        {service.urgencyRules.map((rule, index) => (
          <li key={index} data-testid="urgency-rule">
            {describeUrgencyRule(rule, index)}
          </li>
        ))}
      </ol>
    </section>
  );
}
