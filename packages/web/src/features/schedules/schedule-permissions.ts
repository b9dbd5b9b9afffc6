/** Who is offered creating and editing schedules; the server still decides (admins, or managers of the schedule's team). */
export function mayEditSchedules(role: string): boolean {
  return role === 'owner' || role === 'admin' || role === 'responder';
}

/**
 * Who is offered "Edit layers" on one schedule: admins, and managers of its
 * team (as the server decides); a schedule without a team only admins.
 */
export function mayEditSchedule(
  role: string,
  userId: string,
  teamId: string | null,
  teams: ReadonlyArray<{ id: string; members: ReadonlyArray<{ userId: string; role: string }> }>,
): boolean {
  if (role === 'owner' || role === 'admin') return true;
  if (role !== 'responder' || !teamId) return false;
  return teams.some(
    (team) => team.id === teamId && team.members.some((m) => m.userId === userId && m.role === 'manager'),
  );
}

/**
 * Who is offered "New schedule": admins, and managers of some team (a new
 * schedule belongs to a team its creator manages). Anyone else would fill
 * the form only to be refused.
 */
export function mayCreateSchedules(
  role: string,
  userId: string,
  teams: ReadonlyArray<{ members: ReadonlyArray<{ userId: string; role: string }> }>,
): boolean {
  if (role === 'owner' || role === 'admin') return true;
  if (role !== 'responder') return false;
  return teams.some((team) => team.members.some((m) => m.userId === userId && m.role === 'manager'));
}
