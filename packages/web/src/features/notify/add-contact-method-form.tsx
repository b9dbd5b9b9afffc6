/** Adds a way to reach you (email, SMS, voice, Slack, webhook); Tocsin then sends a code through it to prove it works. */
import { useState } from 'react';
import type { ContactMethodType } from './notify.types';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { addContactMethod } from './notify.api';

export const METHOD_TYPE_LABELS: Record<ContactMethodType, string> = {
  email: 'Email',
  sms: 'SMS',
  voice: 'Voice call',
  slack: 'Slack direct message',
  webhook: 'Webhook',
  push: 'Push notification',
};

/** Push is added from the browser itself (push-device-panel.tsx), not by typing an address. */
const TYPED_TYPES = (Object.keys(METHOD_TYPE_LABELS) as ContactMethodType[]).filter((type) => type !== 'push');

const ADDRESS_HINTS: Record<ContactMethodType, string> = {
  email: 'An email address, e.g. ana@example.com.',
  sms: 'A phone number with its country code, e.g. +447700900123.',
  voice: 'A phone number with its country code, e.g. +447700900123.',
  slack: 'Your Slack member id, e.g. U0123ABCD (Profile → ⋮ → Copy member ID).',
  webhook: 'An https URL that receives a signed POST for every page.',
  push: '',
};

export function AddContactMethodForm({ userId, onAdded }: { userId: string; onAdded: () => void }) {
  const { client } = useSession();
  const [type, setType] = useState<ContactMethodType>('email');
  const [label, setLabel] = useState('');
  const [address, setAddress] = useState('');

  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    const body = { type, address: address.trim(), ...(label.trim() && { label: label.trim() }) };
    await addContactMethod(client, userId, body);
    setLabel('');
    setAddress('');
    onAdded();
  });

  return (
    <form className="panel form-grid" aria-labelledby="add-method-heading" onSubmit={onSubmit}>
      <h2 id="add-method-heading">Add a contact method</h2>
      <ErrorMessage error={error} />
      <div className="field">
        <label htmlFor="method-type">Type</label>
        <select id="method-type" value={type} onChange={(event) => setType(event.target.value as ContactMethodType)}>
          {TYPED_TYPES.map((option) => (
            <option key={option} value={option}>
              {METHOD_TYPE_LABELS[option]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="method-label">Label (optional)</label>
        <input
          id="method-label"
          maxLength={100}
          placeholder={METHOD_TYPE_LABELS[type]}
          value={label}
          onChange={(event) => setLabel(event.target.value)}
        />
      </div>
      <div className="field span-2">
        <label htmlFor="method-address">Address</label>
        <input
          id="method-address"
          required
          maxLength={2000}
          aria-describedby="method-address-hint"
          value={address}
          onChange={(event) => setAddress(event.target.value)}
        />
        <p className="hint" id="method-address-hint">
          {ADDRESS_HINTS[type]}
        </p>
      </div>
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Adding…' : 'Add and send a code'}
        </button>
      </div>
    </form>
  );
}
