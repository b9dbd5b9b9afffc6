/** /app/settings/profile: your name, time zone and password. */
import { PasswordForm } from '../features/users/password-form';
import { ProfileForm } from '../features/users/profile-form';
import { PageHeader } from '../ui/page-header';

export function ProfileRoute() {
  return (
    <>
      <PageHeader
        title="Profile"
        summary="How you appear to others, and the time zone every time in Tocsin is shown in for you."
      />
      <div className="stack">
        <ProfileForm />
        <PasswordForm />
      </div>
    </>
  );
}
