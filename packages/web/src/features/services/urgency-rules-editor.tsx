/**
 * Edits a service's urgency rules: each maps alert severities (none ticked:
 * any severity) to an urgency and a priority; the first rule that matches
 * wins, so rules can be moved up. At least one rule, at most 20.
 */
import type { AlertSeverity } from '../alerts/alerts.types';
import type { Priority, Urgency } from '../incidents/incidents.types';
import type { UrgencyRule } from './services.types';
import { SEVERITY_LABELS } from '../alerts/alert-labels';
import { SEVERITIES } from './service-labels';

export interface RuleDraft {
  severities: AlertSeverity[];
  urgency: Urgency;
  priority: Priority | '';
}

const PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3', 'P4', 'P5'];
const MAX_RULES = 20;

export const toRuleDraft = (rule: UrgencyRule): RuleDraft => ({
  severities: rule.when?.severity ?? [],
  urgency: rule.urgency,
  priority: rule.priority ?? '',
});

export const fromRuleDraft = (draft: RuleDraft) => ({
  ...(draft.severities.length > 0 && { when: { severity: draft.severities } }),
  urgency: draft.urgency,
  priority: draft.priority || null,
});

export function UrgencyRulesEditor({
  idPrefix,
  rules,
  onChange,
}: {
  idPrefix: string;
  rules: RuleDraft[];
  onChange: (rules: RuleDraft[]) => void;
}) {
  const change = (index: number, rule: RuleDraft) =>
    onChange(rules.map((existing, i) => (i === index ? rule : existing)));
  const moveUp = (index: number) =>
    onChange(rules.map((rule, i) => (i === index - 1 ? rules[index]! : i === index ? rules[index - 1]! : rule)));

  return (
    <fieldset className="field span-2">
      <legend>Urgency rules</legend>
      <p className="hint">
        The first rule that matches an alert's severity decides its urgency and priority. An alert no rule matches pages
        with high urgency.
      </p>
      {rules.map((rule, index) => {
        const prefix = `${idPrefix}-rule-${index}`;
        return (
          <fieldset key={index} className="urgency-rule" data-testid="urgency-rule-editor">
            <legend>Rule {index + 1}</legend>
            <div className="check-row" role="group" aria-label={`Severities of rule ${index + 1} (none ticked: any)`}>
              {SEVERITIES.map((severity) => (
                <label key={severity} className="check">
                  <input
                    type="checkbox"
                    checked={rule.severities.includes(severity)}
                    onChange={(event) =>
                      change(index, {
                        ...rule,
                        severities: SEVERITIES.filter((s) =>
                          s === severity ? event.target.checked : rule.severities.includes(s),
                        ),
                      })
                    }
                  />
                  {SEVERITY_LABELS[severity]}
                </label>
              ))}
            </div>
            <div className="inline-fields">
              <div className="field">
                <label htmlFor={`${prefix}-urgency`}>Urgency</label>
                <select
                  id={`${prefix}-urgency`}
                  value={rule.urgency}
                  onChange={(event) => change(index, { ...rule, urgency: event.target.value as Urgency })}
                >
                  <option value="high">High (page at once)</option>
                  <option value="low">Low (business hours)</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${prefix}-priority`}>Priority</label>
                <select
                  id={`${prefix}-priority`}
                  value={rule.priority}
                  onChange={(event) => change(index, { ...rule, priority: event.target.value as Priority | '' })}
                >
                  <option value="">None</option>
                  {PRIORITIES.map((priority) => (
                    <option key={priority} value={priority}>
                      {priority}
                    </option>
                  ))}
                </select>
              </div>
              {index > 0 && (
                <button type="button" className="button" onClick={() => moveUp(index)}>
                  Move rule {index + 1} up
                </button>
              )}
              {rules.length > 1 && (
                <button type="button" className="button" onClick={() => onChange(rules.filter((_, i) => i !== index))}>
                  Remove rule {index + 1}
                </button>
              )}
            </div>
          </fieldset>
        );
      })}
      <button
        type="button"
        className="button"
        disabled={rules.length >= MAX_RULES}
        onClick={() => onChange([...rules, { severities: [], urgency: 'low', priority: '' }])}
      >
        Add a rule
      </button>
    </fieldset>
  );
}
