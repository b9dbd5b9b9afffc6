/** /app/settings/tokens: create (secret shown once), list and revoke your API tokens. */
import { useState } from 'react';
import type { ApiToken, CreatedApiToken } from '../features/tokens/tokens.types';
import { useSession } from '../features/auth/session-context';
import { CreateTokenForm } from '../features/tokens/create-token-form';
import { TokenSecret } from '../features/tokens/token-secret';
import { TokenTable } from '../features/tokens/token-table';
import { revokeToken, useTokens } from '../features/tokens/tokens.api';
import { EmptyState, ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

export function TokensRoute() {
  const { client } = useSession();
  const tokens = useTokens();
  const [created, setCreated] = useState<CreatedApiToken>();
  const [revokeError, setRevokeError] = useState<unknown>();

  async function revoke(token: ApiToken) {
    setRevokeError(undefined);
    try {
      await revokeToken(client, token.id);
      tokens.reload();
    } catch (error) {
      setRevokeError(error);
    }
  }

  return (
    <>
      <PageHeader
        title="API tokens"
        summary="Tokens let the CLI, scripts and integrations call the Tocsin API as you. Revoke a token the moment it may have leaked."
      />
      {created ? (
        <TokenSecret token={created} onDismiss={() => setCreated(undefined)} />
      ) : (
        <CreateTokenForm
          onCreated={(token) => {
            setCreated(token);
            tokens.reload();
          }}
        />
      )}
      <ErrorMessage error={tokens.error} title="Your tokens could not be loaded:" />
      <ErrorMessage error={revokeError} title="The token was not revoked:" />
      {tokens.isLoading && !tokens.data && <Loading what="your tokens" />}
      {tokens.data?.length === 0 && (
        <EmptyState title="No tokens yet">
          <p>Create one above to use the CLI or the API.</p>
        </EmptyState>
      )}
      {tokens.data && tokens.data.length > 0 && (
        <section className="panel flush" aria-label="Your tokens">
          <TokenTable tokens={tokens.data} onRevoke={revoke} />
        </section>
      )}
    </>
  );
}
