/** Who is offered creating and editing schedules; the server still decides (admins, or managers of the schedule's team). */
export function mayEditSchedules(role: string): boolean {
  return role === 'owner' || role === 'admin' || role === 'responder';
}
