/** "Remove", then "Yes, remove": takes an objective, an action or a link out of the document. */
import type { TocsinClient } from '@tocsin/sdk';
import { ConfirmButton } from '../../ui/confirm-button';
import { useSession } from '../auth/session-context';

interface RemoveItemButtonProps {
  /** What it removes, for its accessible name: "objective p99 under 300 ms". */
  what: string;
  remove: (client: TocsinClient) => Promise<unknown>;
  onRemoved: () => void;
}

export function RemoveItemButton({ what, remove, onRemoved }: RemoveItemButtonProps) {
  const { client } = useSession();
  return (
    <ConfirmButton
      small
      label="Remove"
      ariaLabel={`Remove ${what}`}
      confirmLabel="Yes, remove"
      onConfirm={async () => {
        await remove(client);
        onRemoved();
      }}
    />
  );
}
