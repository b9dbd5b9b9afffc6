/** Everyone who can use Tocsin, with their role and time zone; for admins, each name opens the person to manage. */
import { Link } from 'react-router-dom';
import type { User } from './users.types';

interface UserTableProps {
  users: readonly User[];
  currentUserId: string;
  canManage: boolean;
}

export function UserTable({ users, currentUserId, canManage }: UserTableProps) {
  return (
    <table className="table cards">
      <caption className="visually-hidden">Users</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Time zone</th>
          <th scope="col">Sign-in</th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.id} data-testid="user-row">
            <td className="card-title">
              {canManage ? <Link to={`/app/users/${user.id}`}>{user.name}</Link> : user.name}
              {user.id === currentUserId && <span className="muted"> (you)</span>}
            </td>
            <td className="wrap">{user.email}</td>
            <td>
              <span className="badge">{user.role}</span>
            </td>
            <td data-label="Time zone">{user.timeZone}</td>
            <td data-label="Sign-in">
              {user.isDisabled ? <strong>Disabled</strong> : user.hasPassword ? 'Password' : 'Single sign-on only'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
