/** When a service pages, read aloud: its business hours (in its time zone) and its urgency rules, first match wins. */
import type { Service } from '../../api/paging-types';
import { describeBusinessHours, describeUrgencyRule } from './service-labels';

export function ServiceSettings({ service }: { service: Service }) {
  return (
    <section className="panel service-settings" aria-labelledby="service-settings-heading">
      <h2 id="service-settings-heading">When it pages</h2>
      <dl className="facts">
        <div>
          <dt>Business hours ({service.timeZone})</dt>
          <dd data-testid="service-business-hours">{describeBusinessHours(service.businessHours)}</dd>
        </div>
      </dl>
      <h3>Urgency rules</h3>
      <p className="muted">Read in order; the first that matches an alert's severity decides its urgency and priority.</p>
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
