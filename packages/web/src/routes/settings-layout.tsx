/** Settings: your profile, how you are notified, your API tokens, and (for admins) severities, the security team, incident roles and the audit log, as tabs. */
import { NavLink, Outlet } from 'react-router-dom';
import { useCurrentUser } from '../features/auth/session-context';
import { isAdmin } from '../features/users/roles';

export function SettingsLayout() {
  const user = useCurrentUser();
  return (
    <div className="page">
      <nav aria-label="Settings" className="tabs">
        <NavLink to="profile">Profile</NavLink>
        <NavLink to="notifications">Notifications</NavLink>
        <NavLink to="tokens">API tokens</NavLink>
        {isAdmin(user.role) && (
          <>
            <NavLink to="severities">Severities</NavLink>
            <NavLink to="security-team">Security team</NavLink>
            <NavLink to="incident-roles">Incident roles</NavLink>
            <NavLink to="audit">Audit log</NavLink>
          </>
        )}
      </nav>
      <Outlet />
    </div>
  );
}
