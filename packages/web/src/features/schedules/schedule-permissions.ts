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

/**
 * Who is offered taking the pager, overrides and swaps on a schedule: admins
 * and its team's managers (for anyone), and responders who take part, in a
 * layer or as members of its team (for themselves), as the server decides.
 */
export function mayTakePartIn(
  role: string,
  userId: string,
  schedule: { teamId: string | null; definition: { layers: ReadonlyArray<{ participants: readonly string[] }> } },
  teams: ReadonlyArray<{ id: string; members: ReadonlyArray<{ userId: string; role: string }> }>,
): boolean {
  if (role === 'owner' || role === 'admin') return true;
  if (role !== 'responder') return false;
  if (schedule.definition.layers.some((layer) => layer.participants.includes(userId))) return true;
  return teams.some((team) => team.id === schedule.teamId && team.members.some((m) => m.userId === userId));
}
