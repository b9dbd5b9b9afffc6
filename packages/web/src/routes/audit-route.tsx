/** /app/settings/audit: the audit log for admins, newest first, a page at a time. */
import { useState } from 'react';
import type { AuditEntry } from '../features/audit/audit.types';
import { AUDIT_PAGE_SIZE, listAuditEntries, useAuditFirstPage } from '../features/audit/audit.api';
import { AuditTable } from '../features/audit/audit-table';
import { useCurrentUser, useSession } from '../features/auth/session-context';
import { isAdmin } from '../features/users/roles';
import { EmptyState, ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

export function AuditRoute() {
  const me = useCurrentUser();
  if (!isAdmin(me.role)) {
    return (
      <>
        <PageHeader title="Audit log" />
        <EmptyState title="The audit log is for admins">
          <p>Your role ({me.role}) cannot read it. Ask an admin if you need to know who changed what.</p>
        </EmptyState>
      </>
    );
  }
  return <AuditLog />;
}

function AuditLog() {
  const { client } = useSession();
  const firstPage = useAuditFirstPage();
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [hasMore, setHasMore] = useState(true);
  const [olderError, setOlderError] = useState<unknown>();
  const entries = [...(firstPage.data ?? []), ...older];

  async function loadOlder() {
    const last = entries.at(-1);
    if (!last) return;
    setOlderError(undefined);
    try {
      const page = await listAuditEntries(client, Number(last.id));
      setOlder((current) => [...current, ...page]);
      setHasMore(page.length === AUDIT_PAGE_SIZE);
    } catch (error) {
      setOlderError(error);
    }
  }

  const isLastPage =
    !hasMore || (firstPage.data !== undefined && firstPage.data.length < AUDIT_PAGE_SIZE && older.length === 0);
  return (
    <>
      <PageHeader
        title="Audit log"
        summary="Every change to users, teams, tokens and configuration: who made it and when, newest first."
      />
      <ErrorMessage error={firstPage.error} title="The audit log could not be loaded:" />
      {firstPage.isLoading && !firstPage.data && <Loading what="the audit log" />}
      {firstPage.data?.length === 0 && <EmptyState title="Nothing recorded yet" />}
      {entries.length > 0 && (
        <section className="panel flush" aria-label="Audit entries">
          <AuditTable entries={entries} />
        </section>
      )}
      <ErrorMessage error={olderError} title="Older entries could not be loaded:" />
      {entries.length > 0 && !isLastPage && (
        <button type="button" className="button" onClick={() => void loadOlder()}>
          Show older entries
        </button>
      )}
    </>
  );
}
