/**
 * "Push notifications on this device": one button that subscribes this
 * browser (or the installed app) and adds it as a contact method; the code
 * it receives by push then verifies it like any other method.
 */
import { useState } from 'react';
import { ErrorMessage, SuccessMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { addContactMethod, getPushKey } from './notify.api';
import { pushSupport, subscribeThisBrowser } from './push-device';

const deviceName = (): string => {
  const agent = navigator.userAgent;
  const os = /Android/.test(agent)
    ? 'Android'
    : /iPhone|iPad/.test(agent)
      ? 'iPhone'
      : /Mac/.test(agent)
        ? 'Mac'
        : /Windows/.test(agent)
          ? 'Windows'
          : /Linux/.test(agent)
            ? 'Linux'
            : 'this device';
  return `Push on ${os}`;
};

export function PushDevicePanel({ userId, onAdded }: { userId: string; onAdded: () => void }) {
  const { client } = useSession();
  const [support] = useState(pushSupport);
  const [added, setAdded] = useState<string>();
  const { error, isSubmitting, run } = useSubmit();

  const turnOn = () =>
    run(async () => {
      setAdded(undefined);
      const { publicKey } = await getPushKey(client);
      const subscription = await subscribeThisBrowser(publicKey);
      const label = deviceName();
      await addContactMethod(client, userId, {
        type: 'push',
        label,
        address: subscription.endpoint,
        keys: subscription.keys,
      });
      setAdded(label);
      onAdded();
    });

  return (
    <section className="panel" aria-labelledby="push-heading">
      <h2 id="push-heading">Push notifications on this device</h2>
      <p className="muted">
        Pages arrive as notifications with Acknowledge and Resolve buttons, even with Tocsin closed. On a phone, add
        Tocsin to the home screen first (Share → Add to Home Screen on iPhone).
      </p>
      {support === 'unsupported' && <p>This browser cannot receive push notifications.</p>}
      {support === 'denied' && (
        <p>Notifications are blocked for this site: allow them in the browser's site settings, then reload.</p>
      )}
      <ErrorMessage error={error} title="Push could not be turned on:" />
      {added && (
        <SuccessMessage>{added} was added: enter the code from the notification below to verify it.</SuccessMessage>
      )}
      {support === 'supported' && (
        <button type="button" className="button primary" disabled={isSubmitting} onClick={() => void turnOn()}>
          Turn on push notifications
        </button>
      )}
    </section>
  );
}
