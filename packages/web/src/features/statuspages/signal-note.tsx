/**
 * Under a component that follows its service's signals: what the signals
 * say, and when a person's status overrides them, that it does, with a
 * button (responders) to return to the signals.
 */
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { clearStatusOverride } from './statuspages.api';
import type { Component } from './statuspages.types';

export function SignalNote({
  pageId,
  component,
  label,
  canAct,
  onChanged,
}: {
  pageId: string;
  component: Component;
  label: (status: string) => string;
  canAct: boolean;
  onChanged: () => void;
}) {
  const { client } = useSession();
  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    await clearStatusOverride(client, pageId, component.id);
    onChanged();
  });
  if (!component.statusFromSignals) return null;
  const signal = label(component.signalStatus ?? 'operational');
  if (!component.statusOverridden)
    return <p className="muted signal-note">Follows its service&apos;s incidents (signals say {signal}).</p>;
  return (
    <form className="signal-note overridden" onSubmit={onSubmit} aria-label={`Override of ${component.name}`}>
      <ErrorMessage error={error} />
      <span>
        <strong>Overridden by a person.</strong> Signals say {signal}.
      </span>
      {canAct && (
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? 'Returning…' : 'Return to signals'}
        </button>
      )}
    </form>
  );
}
