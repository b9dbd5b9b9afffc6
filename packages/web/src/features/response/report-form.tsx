/**
 * Reporting a problem (seed 004's `/incident report`) for people who are not
 * on call: a service, a title, details. The service's engineer on call is
 * paged and the reporter follows the incident as a stakeholder.
 */
import { useState } from 'react';
import type { Incident } from '../incidents/incidents.types';
import type { Service } from '../services/services.types';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { ServiceSelect } from '../services/service-select';
import { reportIncident } from './response.api';

interface ReportFormProps {
  services: readonly Service[];
  onReported: (incident: Incident) => void;
}

export function ReportForm({ services, onReported }: ReportFormProps) {
  const { client } = useSession();
  const [serviceId, setServiceId] = useState('');
  const [title, setTitle] = useState('');
  const [details, setDetails] = useState('');

  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    onReported(
      await reportIncident(client, {
        serviceId,
        title: title.trim(),
        ...(details.trim() && { details: details.trim() }),
      }),
    );
  });

  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-label="Report a problem">
      <ErrorMessage error={error} title="The problem was not reported:" />
      <ServiceSelect id="report-service" services={services} value={serviceId} onChange={setServiceId} />
      <div className="field">
        <label htmlFor="report-title">What is wrong</label>
        <input
          id="report-title"
          required
          maxLength={500}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
      </div>
      <div className="field span-2">
        <label htmlFor="report-details">Details</label>
        <textarea
          id="report-details"
          rows={4}
          maxLength={20000}
          value={details}
          placeholder="What you saw, when, and how to see it again"
          onChange={(event) => setDetails(event.target.value)}
        />
        <p className="hint">The engineer on call is paged. Please stay reachable until they have caught up.</p>
      </div>
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Reporting…' : 'Report and page on call'}
        </button>
      </div>
    </form>
  );
}
