/**
 * A button for something that cannot be undone (delete, rotate): the first
 * click asks "Yes, …" or "Keep", the second does it. A refusal shows the
 * server's own explanation next to the button.
 */
import { useState, type ReactNode } from 'react';
import { ErrorMessage } from './feedback';
import { useSubmit } from './use-submit';

interface ConfirmButtonProps {
  /** The first button's text, e.g. "Delete". */
  label: string;
  /** Its accessible name when the text alone is ambiguous, e.g. "Delete service Storage". */
  ariaLabel?: string;
  /** The confirming button's text, e.g. "Yes, delete Storage". */
  confirmLabel: string;
  /** One line on what will happen, shown while asking. */
  warning?: ReactNode;
  small?: boolean;
  onConfirm: () => Promise<unknown>;
}

export function ConfirmButton({
  label,
  ariaLabel,
  confirmLabel,
  warning,
  small = false,
  onConfirm,
}: ConfirmButtonProps) {
  const [isAsking, setAsking] = useState(false);
  const { error, isSubmitting, run } = useSubmit();
  const size = small ? ' small' : '';

  async function confirm() {
    await run(onConfirm);
    setAsking(false);
  }

  // The error follows the buttons as a sibling, so a row of actions can put it on a line of its own.
  return (
    <>
      <span className="confirm-button">
        {isAsking ? (
          <>
            {warning && <span className="muted">{warning}</span>}
            <button
              type="button"
              className={`button danger${size}`}
              disabled={isSubmitting}
              onClick={() => void confirm()}
            >
              {isSubmitting ? 'Working…' : confirmLabel}
            </button>
            <button type="button" className={`button${size}`} disabled={isSubmitting} onClick={() => setAsking(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className={`button${size}`} aria-label={ariaLabel} onClick={() => setAsking(true)}>
            {label}
          </button>
        )}
      </span>
      <ErrorMessage error={error} title="That did not work:" />
    </>
  );
}
