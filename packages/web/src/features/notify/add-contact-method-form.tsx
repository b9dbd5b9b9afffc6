/**
 * Adds a way to reach you (email, SMS, voice, Slack, webhook); Tocsin then
 * sends a code through it to prove it works. An admin adding someone else's
 * email may provision it instead: verified at once, with a test message.
 */
import { useState } from 'react';
import type { ContactMethodType } from './notify.types';
import { Field, FormError, useForm } from '../../ui/form';
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

interface AddContactMethodFormProps {
  userId: string;
  onAdded: () => void;
  /** Admins adding someone else's email may vouch for it: verified without a code, a test message sent. */
  canProvision?: boolean;
}

export function AddContactMethodForm({ userId, onAdded, canProvision = false }: AddContactMethodFormProps) {
  const { client } = useSession();
  const [type, setType] = useState<ContactMethodType>('email');
  const [label, setLabel] = useState('');
  const [address, setAddress] = useState('');
  const [isProvisioning, setProvisioning] = useState(canProvision);
  const provision = canProvision && type === 'email' && isProvisioning;

  const form = useForm(
    async () => {
      const body = {
        type,
        address: address.trim(),
        ...(label.trim() && { label: label.trim() }),
        ...(provision && { provision: true }),
      };
      await addContactMethod(client, userId, body);
      setLabel('');
      setAddress('');
      onAdded();
    },
    {
      'method-type': 'body.type',
      'method-label': 'body.label',
      'method-address': 'body.address',
      'method-provision': 'body.provision',
    },
  );
  const { isSubmitting, onSubmit } = form;

  return (
    <form className="panel form-grid" aria-labelledby="add-method-heading" onSubmit={onSubmit}>
      <h2 id="add-method-heading">Add a contact method</h2>
      <FormError form={form} />
      <Field id="method-type" label="Type" form={form}>
        <select id="method-type" value={type} onChange={(event) => setType(event.target.value as ContactMethodType)}>
          {TYPED_TYPES.map((option) => (
            <option key={option} value={option}>
              {METHOD_TYPE_LABELS[option]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="method-label" label="Label (optional)" form={form}>
        <input
          id="method-label"
          maxLength={100}
          placeholder={METHOD_TYPE_LABELS[type]}
          value={label}
          onChange={(event) => setLabel(event.target.value)}
        />
      </Field>
      <Field id="method-address" label="Address" hint={<>{ADDRESS_HINTS[type]}</>} className="span-2" form={form}>
        <input
          id="method-address"
          required
          maxLength={2000}
          value={address}
          onChange={(event) => setAddress(event.target.value)}
        />
      </Field>
      {canProvision && type === 'email' && (
        <div className="field span-2">
          <label className="check" htmlFor="method-provision">
            <input
              id="method-provision"
              type="checkbox"
              checked={isProvisioning}
              aria-describedby="method-provision-hint"
              onChange={(event) => setProvisioning(event.target.checked)}
            />
            Provision it: verified now, without a code from their mailbox
          </label>
          <p className="hint" id="method-provision-hint">
            For an address you know is theirs. It is marked as provisioned, and Tocsin sends a test message to it.
          </p>
          {form.fieldError('method-provision') && <p className="field-error">{form.fieldError('method-provision')}</p>}
        </div>
      )}
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Adding…' : provision ? 'Add as provisioned and send a test' : 'Add and send a code'}
        </button>
      </div>
    </form>
  );
}
