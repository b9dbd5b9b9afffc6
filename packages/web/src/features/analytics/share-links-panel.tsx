/**
 * Admins share a team's report with people who have no account: a link that
 * shows a fixed month or the rolling last month, never private incidents nor
 * anyone's name, optionally the incidents' titles, until it expires or is
 * revoked. The link is shown once.
 */
import { useState } from 'react';
import { useSession } from '../auth/session-context';
import { ConfirmButton } from '../../ui/confirm-button';
import { CopyButton } from '../../ui/copy-button';
import { ErrorMessage } from '../../ui/feedback';
import { Instant } from '../../ui/instant';
import { useSubmit } from '../../ui/use-submit';
import { createShareLink, revokeShareLink, useShareLinks } from './analytics.api';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export function ShareLinksPanel({ teamId, month }: { teamId: string | undefined; month: string }) {
  const { client } = useSession();
  const links = useShareLinks(true);
  const [name, setName] = useState('');
  const [isRolling, setRolling] = useState(true);
  const [showTitles, setShowTitles] = useState(false);
  const [expires, setExpires] = useState(inDays(90));
  const [created, setCreated] = useState<string>();
  const { error, isSubmitting, onSubmit, run } = useSubmit(async () => {
    const link = await createShareLink(client, {
      name: name.trim(),
      teamIds: teamId ? [teamId] : [],
      month: isRolling ? null : month,
      showIncidentTitles: showTitles,
      expiresAt: new Date(`${expires}T00:00:00Z`).toISOString(),
    });
    setCreated(link.url);
    setName('');
    links.reload();
  });
  return (
    <section className="panel" aria-labelledby="share-heading">
      <h2 id="share-heading">Share read-only</h2>
      <p className="muted">
        Anyone with the link sees this report without an account: never a private incident, never a person&apos;s name.
      </p>
      <form className="inline-fields" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="share-name">For whom</label>
          <input id="share-name" value={name} required maxLength={200} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="share-expires">Expires</label>
          <input id="share-expires" type="date" value={expires} required onChange={(e) => setExpires(e.target.value)} />
        </div>
        <label className="check">
          <input type="checkbox" checked={isRolling} onChange={(e) => setRolling(e.target.checked)} /> Rolling last
          month (else {month})
        </label>
        <label className="check">
          <input type="checkbox" checked={showTitles} onChange={(e) => setShowTitles(e.target.checked)} /> Show incident
          titles
        </label>
        <button className="button primary" type="submit" disabled={isSubmitting}>
          Create link
        </button>
      </form>
      <ErrorMessage error={error} />
      {created && (
        <p className="notice notice-success" data-testid="share-link-created">
          Copy it now, it is shown once: <code>{created}</code> <CopyButton value={created} />
        </p>
      )}
      <ErrorMessage error={links.error} title="The links could not be loaded:" />
      {links.data && links.data.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">For</th>
                <th scope="col">Month</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {links.data.map((link) => (
                <tr key={link.id} data-testid="share-link" className={link.revokedAt ? 'is-revoked' : undefined}>
                  <td className="wrap">
                    {link.name} <code className="slug">{link.prefix}…</code>
                  </td>
                  <td>{link.month ?? 'rolling'}</td>
                  <td>{link.revokedAt ? 'revoked' : <Instant iso={link.expiresAt} />}</td>
                  <td className="actions">
                    {!link.revokedAt && (
                      <ConfirmButton
                        label="Revoke"
                        confirmLabel="Revoke now"
                        onConfirm={() => run(async () => (await revokeShareLink(client, link.id), links.reload()))}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
