/** "Take the pager now": be the one on call on this schedule for the next N hours (an override from now). */
import { unwrap } from '@tocsin/sdk';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../ui/feedback';
import { useSession } from '../auth/session-context';

export function TakePagerForm({ scheduleId, onTaken }: { scheduleId: string; onTaken: () => void }) {
  const { client } = useSession();
  const [hours, setHours] = useState(4);
  const [error, setError] = useState<unknown>();
  const [isBusy, setBusy] = useState(false);

  async function take(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      unwrap(await client.POST('/api/v1/schedules/{id}/take-pager', { params: { path: { id: scheduleId } }, body: { hours, note: '' } }));
      onTaken();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="inline-form take-pager" aria-label="Take the pager" onSubmit={(event) => void take(event)}>
      <ErrorMessage error={error} />
      <div className="field">
        <label htmlFor="take-pager-hours">Hours</label>
        <input id="take-pager-hours" type="number" min={0.25} max={168} step={0.25} required value={hours} onChange={(event) => setHours(Number(event.target.value))} />
      </div>
      <button type="submit" className="button" disabled={isBusy}>
        Take the pager now
      </button>
    </form>
  );
}
