/**
 * The submit plumbing every form shares: prevent the browser's submit, clear the previous error,
 * mark the form busy while the action runs, keep whatever the action throws so the form can show it,
 * and clear the busy flag afterwards. Validation can simply throw an Error with the message to show.
 *
 * `run()` does the same for buttons that are not form submits; panels whose buttons each do something
 * different pass that action to `run(action)` instead of giving one to the hook.
 */
import { useState, type FormEvent } from 'react';

export function useSubmit(action: () => Promise<unknown> = async () => {}) {
  const [error, setError] = useState<unknown>();
  const [isSubmitting, setSubmitting] = useState(false);

  async function run(what: () => Promise<unknown> = action) {
    setError(undefined);
    setSubmitting(true);
    try {
      await what();
    } catch (failure) {
      setError(failure);
    } finally {
      setSubmitting(false);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void run();
  }

  return { error, setError, isSubmitting, onSubmit, run };
}
