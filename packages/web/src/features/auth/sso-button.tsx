/** "Sign in with <provider>" when the server has single sign-on (OIDC) configured; nothing otherwise. */
import { useEffect, useState } from 'react';
import { fetchAuthMethods } from './auth.api';
import type { AuthMethods } from './auth.types';
import { useSession } from './session-context';

export function SsoButton() {
  const { client } = useSession();
  const [methods, setMethods] = useState<AuthMethods>();

  useEffect(() => {
    let isCurrent = true;
    fetchAuthMethods(client).then(
      (result) => isCurrent && result.data && setMethods(result.data),
      // Without the methods the password form still works; SSO simply is not offered.
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
  }, [client]);

  if (!methods?.oidc) return null;
  return (
    <>
      <div className="divider" role="separator">
        <span>or</span>
      </div>
      <a className="button wide" href={methods.oidc.loginUrl}>
        Sign in with {methods.oidc.label}
      </a>
    </>
  );
}
