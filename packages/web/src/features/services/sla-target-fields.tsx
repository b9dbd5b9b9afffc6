/** A service's targets per urgency: acknowledge within, resolve within (minutes), for SLA reports. */
import type { Urgency } from '../incidents/incidents.types';
import type { SlaTargets } from './services.types';

type Draft = Record<Urgency, { ackMinutes: string; resolveMinutes: string }>;
export type SlaTargetsDraft = Draft;

const URGENCIES: readonly Urgency[] = ['high', 'low'];

export const toSlaDraft = (targets: SlaTargets): Draft => ({
  high: { ackMinutes: String(targets.high.ackMinutes), resolveMinutes: String(targets.high.resolveMinutes) },
  low: { ackMinutes: String(targets.low.ackMinutes), resolveMinutes: String(targets.low.resolveMinutes) },
});

export function fromSlaDraft(draft: Draft): SlaTargets {
  const minutes = (text: string, what: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a whole number of minutes, at least 1.`);
    return n;
  };
  const targets = {} as SlaTargets;
  for (const urgency of URGENCIES) {
    const label = urgency === 'high' ? 'High urgency' : 'Low urgency';
    targets[urgency] = {
      ackMinutes: minutes(draft[urgency].ackMinutes, `${label}: acknowledge within`),
      resolveMinutes: minutes(draft[urgency].resolveMinutes, `${label}: resolve within`),
    };
  }
  return targets;
}

/** "ack 15 min, resolve 4 h" */
export function describeTarget(target: SlaTargets['high']): string {
  const span = (m: number) => (m % 1440 === 0 ? `${m / 1440} d` : m % 60 === 0 ? `${m / 60} h` : `${m} min`);
  return `acknowledge within ${span(target.ackMinutes)}, resolve within ${span(target.resolveMinutes)}`;
}

export function SlaTargetFields({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string;
  value: Draft;
  onChange: (next: Draft) => void;
}) {
  return (
    <fieldset className="field span-2">
      <legend>Targets (for SLA reports)</legend>
      <div className="form-grid">
        {URGENCIES.map((urgency) =>
          (['ackMinutes', 'resolveMinutes'] as const).map((key) => {
            const id = `${idPrefix}-sla-${urgency}-${key}`;
            return (
              <div className="field" key={id}>
                <label
                  htmlFor={id}
                >{`${urgency === 'high' ? 'High' : 'Low'} urgency: ${key === 'ackMinutes' ? 'acknowledge' : 'resolve'} within (minutes)`}</label>
                <input
                  id={id}
                  type="number"
                  min={1}
                  required
                  value={value[urgency][key]}
                  onChange={(event) =>
                    onChange({ ...value, [urgency]: { ...value[urgency], [key]: event.target.value } })
                  }
                />
              </div>
            );
          }),
        )}
      </div>
    </fieldset>
  );
}
