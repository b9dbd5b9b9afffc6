/**
 * Runs one change to an incident's response (a stage, a role, a hand-off)
 * and then tells the screen to load again; keeps the server's reason when it
 * refuses (e.g. 403 naming the owner), for the panel to show.
 */
import type { TocsinClient } from '@tocsin/sdk';
import { useSession } from '../auth/session-context';
import { useSubmit } from '../../ui/use-submit';

export function useResponseAction(onChanged: () => void) {
  const { client } = useSession();
  const submit = useSubmit();
  async function act(change: (client: TocsinClient) => Promise<unknown>) {
    await submit.run(async () => {
      await change(client);
      onChanged();
    });
  }
  return { act, error: submit.error, isBusy: submit.isSubmitting };
}
