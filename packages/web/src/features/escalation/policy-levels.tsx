/** A policy's levels read aloud: "after N minutes without an acknowledgement, notify these", then how often it repeats. */
import type { EscalationPolicy } from './escalation.types';
import { TARGET_TYPE_LABELS } from './target-options';

export function PolicyLevels({ policy }: { policy: EscalationPolicy }) {
  return (
    <>
      <ol className="levels">
        {policy.levels.map((level, index) => (
          <li key={index} data-testid="policy-level">
            <strong>Level {index + 1}:</strong>{' '}
            {level.targets.map((target, targetIndex) => (
              <span key={`${target.type}-${target.id}`}>
                {targetIndex > 0 && ', '}
                <span className="tag">{TARGET_TYPE_LABELS[target.type]}</span> {target.label}
              </span>
            ))}
            <span className="muted">
              {' '}
              · then {level.delayMinutes} {level.delayMinutes === 1 ? 'minute' : 'minutes'} to acknowledge
            </span>
          </li>
        ))}
      </ol>
      <p className="muted">
        {policy.repeatCount === 0
          ? 'Runs once.'
          : `Runs ${policy.repeatCount + 1} times in all (repeats ${policy.repeatCount} ${policy.repeatCount === 1 ? 'time' : 'times'}).`}
      </p>
    </>
  );
}
