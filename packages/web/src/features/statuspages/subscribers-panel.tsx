/**
 * Admins see who follows a status page: email subscribers (confirmed or
 * waiting for their confirmation) and webhooks, how many updates each was
 * sent and which components they chose; they remove one, and set the Slack
 * and Teams incoming-webhook URLs each update is announced in.
 */
import { useEffect, useState } from 'react';
import { ConfirmButton } from '../../ui/confirm-button';
import { ErrorMessage, SuccessMessage } from '../../ui/feedback';
import { Instant } from '../../ui/instant';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { removeSubscriber, setAnnouncements, useAnnouncements, useSubscribers } from './statuspages.api';

export function SubscribersPanel({
  pageId,
  isPublic,
  componentName,
}: {
  pageId: string;
  isPublic: boolean;
  componentName: (id: string) => string;
}) {
  const { client } = useSession();
  const subscribers = useSubscribers(pageId);
  const data = subscribers.data;
  return (
    <section className="panel stack" aria-labelledby="subscribers-heading">
      <h2 id="subscribers-heading">Subscribers</h2>
      <p className="muted">
        {isPublic
          ? 'People subscribe with the form on the public page; only confirmed addresses are sent updates.'
          : 'A private page offers no sign-up: add webhooks through the API, or announce in Slack and Teams.'}
      </p>
      <ErrorMessage error={subscribers.error} />
      {data && (
        <p className="subscriber-counts" data-testid="subscriber-counts">
          <strong>{data.counts.confirmed}</strong> confirmed · <strong>{data.counts.unconfirmed}</strong> waiting for
          confirmation · {data.counts.email} email · {data.counts.webhook} webhook
        </p>
      )}
      {data?.items.length === 0 && <p className="muted">No subscribers yet.</p>}
      <ul className="plain-list stack">
        {(data?.items ?? []).map((s) => (
          <li key={s.id} className="component-row subscriber-row" data-testid="subscriber-row">
            <div className="component-head">
              <strong className="subscriber-target">{s.target}</strong>
              <span className="muted">{s.kind}</span>
              <span className={`component-status ${s.state === 'confirmed' ? 'status-ok' : 'status-minor'}`}>
                {s.state === 'confirmed' ? 'Confirmed' : 'Not confirmed'}
              </span>
            </div>
            <p className="muted">
              {s.components === null ? 'All components' : s.components.map(componentName).join(', ')} · {s.sent}{' '}
              {s.sent === 1 ? 'update' : 'updates'} sent · since <Instant iso={s.createdAt} precision="day" />
            </p>
            <ConfirmButton
              small
              label="Remove"
              ariaLabel={`Remove subscriber ${s.target}`}
              confirmLabel={`Yes, remove ${s.kind === 'email' ? 'this address' : 'this webhook'}`}
              onConfirm={async () => {
                await removeSubscriber(client, pageId, s.id);
                subscribers.reload();
              }}
            />
          </li>
        ))}
      </ul>
      <AnnouncementsForm pageId={pageId} />
    </section>
  );
}

function AnnouncementsForm({ pageId }: { pageId: string }) {
  const { client } = useSession();
  const current = useAnnouncements(pageId);
  const [slack, setSlack] = useState('');
  const [teams, setTeams] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!current.data) return;
    setSlack(current.data.slack ?? '');
    setTeams(current.data.teams ?? '');
  }, [current.data]);
  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    setSaved(false);
    await setAnnouncements(client, pageId, { slack: slack.trim() || null, teams: teams.trim() || null });
    setSaved(true);
  });
  return (
    <form className="form-grid announcements-form" onSubmit={onSubmit} aria-labelledby="announcements-heading">
      <h3 id="announcements-heading" className="span-2">
        Announce updates in chat
      </h3>
      <ErrorMessage error={current.error ?? error} />
      <div className="field">
        <label htmlFor="announce-slack">Slack incoming-webhook URL</label>
        <input
          id="announce-slack"
          type="url"
          placeholder="https://hooks.slack.com/services/…"
          value={slack}
          onChange={(event) => setSlack(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="announce-teams">Teams incoming-webhook URL</label>
        <input
          id="announce-teams"
          type="url"
          placeholder="https://…webhook.office.com/…"
          value={teams}
          onChange={(event) => setTeams(event.target.value)}
        />
      </div>
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save chat announcements'}
        </button>
        {saved && <SuccessMessage>Saved: each new update is announced there.</SuccessMessage>}
      </div>
    </form>
  );
}
