/** /app/settings/notifications: how Tocsin reaches you when you are paged: your contact methods (push on this device among them) and your notification rules. */
import { useCurrentUser } from '../features/auth/session-context';
import { AddContactMethodForm } from '../features/notify/add-contact-method-form';
import { ContactMethodItem } from '../features/notify/contact-method-item';
import { NotificationRulesPanel } from '../features/notify/notification-rules-panel';
import { PushDevicePanel } from '../features/notify/push-device-panel';
import { useContactMethods, useNotificationRules, VCARD_URL } from '../features/notify/notify.api';
import { ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

export function NotificationsRoute() {
  const user = useCurrentUser();
  const methods = useContactMethods(user.id);
  const rules = useNotificationRules(user.id);
  const reloadAll = () => {
    methods.reload();
    rules.reload();
  };

  return (
    <>
      <PageHeader
        title="Notifications"
        summary="How Tocsin reaches you when you are paged: where (contact methods) and when (rules)."
      />
      <AddContactMethodForm userId={user.id} onAdded={methods.reload} />
      <PushDevicePanel userId={user.id} onAdded={methods.reload} />
      <ErrorMessage error={methods.error} title="Your contact methods could not be loaded:" />
      <ErrorMessage error={rules.error} title="Your notification rules could not be loaded:" />
      {methods.isLoading && !methods.data && <Loading what="contact methods" />}
      {methods.data && (
        <section className="panel" aria-labelledby="methods-heading">
          <h2 id="methods-heading">Contact methods</h2>
          <p className="muted">
            So that your phone lets a page through (Do Not Disturb, spam filters), save the numbers and addresses Tocsin
            pages from as a contact:{' '}
            <a href={VCARD_URL} download="tocsin.vcf">
              download Tocsin's contact card (vCard)
            </a>
            .
          </p>
          {methods.data.length === 0 ? (
            <p className="muted">None yet: add one above, then enter the code it receives.</p>
          ) : (
            <ul className="plain-list">
              {methods.data.map((method) => (
                <ContactMethodItem key={method.id} method={method} onChanged={reloadAll} />
              ))}
            </ul>
          )}
        </section>
      )}
      {methods.data && rules.data && (
        <NotificationRulesPanel userId={user.id} rules={rules.data} methods={methods.data} onChanged={rules.reload} />
      )}
    </>
  );
}
