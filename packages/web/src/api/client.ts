/**
 * The one API client the UI uses: the SDK, same-origin, authenticated by the
 * session cookie, with the session's CSRF token on every write. Any 401 from
 * a signed-in call means the session is gone, so it is reported to the
 * session context, which sends the person back to /login.
 */
import { createTocsinClient, type TocsinClient } from '@tocsin/sdk';

/** Calls whose 401 is an answer, not a lost session: the login form and the boot-time session check. */
const NOT_A_LOST_SESSION = ['/api/v1/auth/login', '/api/v1/auth/session', '/api/v1/auth/methods'];

function pathOf(input: RequestInfo | URL): string {
  const url = input instanceof Request ? input.url : String(input);
  return new URL(url, window.location.origin).pathname;
}

export function createApiClient(options: {
  csrfToken: () => string | undefined;
  onSessionLost: () => void;
}): TocsinClient {
  return createTocsinClient({
    baseUrl: '',
    csrfToken: options.csrfToken,
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await fetch(input, init);
      if (response.status === 401 && !NOT_A_LOST_SESSION.includes(pathOf(input))) options.onSessionLost();
      return response;
    },
  });
}
