/** One contact method: its address and state; verify it with the code, resend the code, send a test, or delete it. */
import { useState, type FormEvent } from 'react';
import type { ContactMethod } from './notify.types';
import { ErrorMessage, SuccessMessage } from '../../ui/feedback';
import { Instant } from '../../ui/instant';
import { useSession } from '../auth/session-context';
import { METHOD_TYPE_LABELS } from './add-contact-method-form';
import { deleteContactMethod, resendContactMethodCode, testContactMethod, verifyContactMethod } from './notify.api';

export function ContactMethodItem({ method, onChanged }: { method: ContactMethod; onChanged: () => void }) {
  const { client } = useSession();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const [isBusy, setBusy] = useState(false);
  const [isConfirmingDelete, setConfirmingDelete] = useState(false);

  async function run(action: () => Promise<unknown>, success?: string) {
    setError(undefined);
    setDone(undefined);
    setBusy(true);
    try {
      await action();
      if (success) setDone(success);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
      // Even a refusal changes things: a wrong code uses up an attempt.
      onChanged();
    }
  }

  function verify(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await verifyContactMethod(client, method, code.trim());
      setCode('');
    }, `${method.label} is verified.`);
  }

  const codeId = `verify-code-${method.id}`;
  return (
    <li className="alert-item" data-testid="contact-method">
      <p className="alert-summary">
        <strong>{method.label}</strong> <span className="tag">{METHOD_TYPE_LABELS[method.type]}</span>{' '}
        {method.isVerified ? (
          <span className="badge status-resolved">Verified</span>
        ) : (
          <span className="badge status-acknowledged">Not verified</span>
        )}
        {method.provisioned && (
          <span className="badge method-provisioned" title="Added verified by an admin or tocsin.yaml, without a code">
            Provisioned
          </span>
        )}
        {method.expiredAt ? (
          <span className="badge status-triggered">Expired</span>
        ) : (
          method.isDisabled && <span className="badge urgency-low">Disabled</span>
        )}
      </p>
      <code className="endpoint">{method.address}</code>
      {method.provisioned && (
        <p className="hint">
          Provisioned <Instant iso={method.provisioned.at} />, without a verification code; a test message was sent to
          it.
        </p>
      )}
      {method.expiredAt && (
        <p className="hint">
          The push service said this subscription is gone (<Instant iso={method.expiredAt} />
          ), so Tocsin stopped using it. Turn on push notifications again on that device, then delete this one.
        </p>
      )}
      <ErrorMessage error={error} />
      {done && <SuccessMessage>{done}</SuccessMessage>}
      {!method.isVerified && (
        <form className="inline-form" aria-label={`Verify ${method.label}`} onSubmit={verify}>
          <div className="field">
            <label htmlFor={codeId}>Code sent to {method.label}</label>
            <input
              id={codeId}
              required
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="\d{3}\s?\d{3}"
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
            {method.verification && (
              <p className="hint">
                Valid until <Instant iso={method.verification.expiresAt} />; {method.verification.attemptsLeft} attempts
                left.
              </p>
            )}
          </div>
          <button type="submit" className="button primary" disabled={isBusy}>
            Verify
          </button>
          <button
            type="button"
            className="button"
            disabled={isBusy}
            onClick={() => void run(() => resendContactMethodCode(client, method), 'A new code is on its way.')}
          >
            Resend code
          </button>
        </form>
      )}
      <div className="form-actions row-actions">
        {method.isVerified && (
          <button
            type="button"
            className="button small"
            disabled={isBusy}
            onClick={() => void run(() => testContactMethod(client, method), 'A test message is queued.')}
          >
            Send test
          </button>
        )}
        {isConfirmingDelete ? (
          <span className="confirm">
            <button
              type="button"
              className="button danger small"
              disabled={isBusy}
              onClick={() => void run(() => deleteContactMethod(client, method))}
            >
              Yes, delete “{method.label}” and its rules
            </button>
            <button type="button" className="button small" onClick={() => setConfirmingDelete(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="button small"
            aria-label={`Delete ${method.label}`}
            onClick={() => setConfirmingDelete(true)}
          >
            Delete
          </button>
        )}
      </div>
    </li>
  );
}
