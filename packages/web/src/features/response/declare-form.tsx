/**
 * Declaring an incident (ADR 17). A service and a title are enough: the rest
 * starts from sensible defaults (S4, nobody woken, the severity's steps).
 * The declarer may choose who is paged, mark a near miss, tick the optional
 * steps, and open "More" for category, impacted services and details. The
 * triage helper above suggests whether to declare and at which severity.
 */
import { useState } from 'react';
import type { Incident } from '../incidents/incidents.types';
import type { Service } from '../services/services.types';
import type { Category, DeclareSteps, PageChoice, Severity, SeverityKey } from './response.types';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { ServiceSelect } from '../services/service-select';
import { DEFAULT_SEVERITY, defaultPageFor, defaultStepsFor } from './declare-defaults';
import { declareIncident } from './response.api';
import { ServiceChecks } from './service-checks';
import { SeverityPicker } from './severity-picker';
import { TriageHelper } from './triage-helper';

interface DeclareFormProps {
  services: readonly Service[];
  severities: readonly Severity[];
  categories: readonly Category[];
  onDeclared: (incident: Incident) => void;
}

const PAGE_LABELS: Record<PageChoice, string> = {
  none: 'Nobody: I am the engineer on call and own it',
  eoc: "The service's engineer on call (EOC)",
  policy: "The service's escalation policy, from its first level",
};

export function DeclareForm({ services, severities, categories, onDeclared }: DeclareFormProps) {
  const { client } = useSession();
  const [serviceId, setServiceId] = useState('');
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<SeverityKey>(DEFAULT_SEVERITY);
  const [isNearMiss, setNearMiss] = useState(false);
  // Undefined means "follow the defaults of the chosen severity" until someone chooses.
  const [page, setPage] = useState<PageChoice>();
  const [steps, setSteps] = useState<Partial<DeclareSteps>>({});
  const [category, setCategory] = useState('');
  const [impactedIds, setImpactedIds] = useState<string[]>([]);
  const [details, setDetails] = useState('');

  const chosen = severities.find((s) => s.key === severity);
  const effectivePage = page ?? defaultPageFor(severity, isNearMiss);
  const effectiveSteps = { ...defaultStepsFor(chosen), ...steps };

  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    const incident = await declareIncident(client, {
      serviceId,
      title: title.trim(),
      severity,
      page: effectivePage,
      nearMiss: isNearMiss,
      steps: effectiveSteps,
      ...(category && { category }),
      ...(impactedIds.length > 0 && { impactedServiceIds: impactedIds.filter((id) => id !== serviceId) }),
      ...(details.trim() && { details: details.trim() }),
    });
    onDeclared(incident);
  });

  return (
    <form className="panel form-grid declare-form" onSubmit={onSubmit} aria-label="Declare an incident">
      <TriageHelper onUseSeverity={setSeverity} />
      <ErrorMessage error={error} title="The incident was not declared:" />
      <ServiceSelect id="declare-service" services={services} value={serviceId} onChange={setServiceId} />
      <div className="field">
        <label htmlFor="declare-title">Title</label>
        <input
          id="declare-title"
          required
          maxLength={500}
          value={title}
          placeholder="What is wrong, as a customer would say it"
          onChange={(event) => setTitle(event.target.value)}
        />
      </div>
      <div className="span-2">
        <SeverityPicker
          idPrefix="declare"
          legend="Severity"
          severities={severities}
          value={severity}
          onChange={setSeverity}
        />
      </div>
      <fieldset className="field">
        <legend>Who is paged</legend>
        {(Object.keys(PAGE_LABELS) as PageChoice[]).map((choice) => (
          <label key={choice} className="check">
            <input
              type="radio"
              name="declare-page"
              checked={effectivePage === choice}
              onChange={() => setPage(choice)}
            />
            {PAGE_LABELS[choice]}
          </label>
        ))}
      </fieldset>
      <fieldset className="field">
        <legend>Steps</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={effectiveSteps.pageImoc}
            onChange={(event) => setSteps({ ...steps, pageImoc: event.target.checked })}
          />
          Page the incident manager on call (IMOC)
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={effectiveSteps.pageCmoc}
            onChange={(event) => setSteps({ ...steps, pageCmoc: event.target.checked })}
          />
          Page the communications manager on call (CMOC)
        </label>
        <label className="check">
          <input type="checkbox" checked={isNearMiss} onChange={(event) => setNearMiss(event.target.checked)} />
          Near miss: it could have been an incident of this severity
        </label>
        {chosen?.engagesImoc && <p className="hint">{severity} engages the IMOC whatever is ticked here.</p>}
      </fieldset>
      <details className="span-2 more">
        <summary>More: category, impacted services, details</summary>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="declare-category">Category</label>
            <select id="declare-category" value={category} onChange={(event) => setCategory(event.target.value)}>
              <option value="">Not known yet</option>
              {categories.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <ServiceChecks
            legend="Also impacted"
            services={services.filter((service) => service.id !== serviceId)}
            selected={impactedIds}
            onChange={setImpactedIds}
          />
          <div className="field span-2">
            <label htmlFor="declare-details">Details</label>
            <textarea
              id="declare-details"
              rows={3}
              maxLength={20000}
              value={details}
              onChange={(event) => setDetails(event.target.value)}
            />
          </div>
        </div>
      </details>
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Declaring…' : `Declare ${isNearMiss ? 'near miss' : 'incident'}`}
        </button>
      </div>
    </form>
  );
}
