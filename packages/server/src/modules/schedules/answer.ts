/**
 * The plain-text answer to "who is on call?", for the chat command (and any
 * other place that wants words, not JSON). Pure: it formats a whoIsOnCall
 * answer and names no chat vendor.
 */
import { localTime } from './schedules.view.js';
import type { OnCallAnswer } from './schedules.types.js';

const SCOPE_WORD: Record<OnCallAnswer['scope']['kind'], string> = {
  schedule: 'schedule',
  team: 'team',
  service: 'service',
  policy: 'escalation policy',
  all: '',
};

export function formatOnCallAnswer(answer: OnCallAnswer, options: { now?: Date } = {}): string {
  const at = new Date(answer.at).getTime();
  const isNow = options.now === undefined || Math.abs(options.now.getTime() - at) < 60_000;
  const when = isNow ? 'now' : `at ${localTime(at, 'UTC')} UTC`;
  const scope =
    answer.scope.kind === 'all' ? 'every schedule' : `${SCOPE_WORD[answer.scope.kind]} ${answer.scope.name}`;
  const lines = [`On call ${when} for ${scope}:`];
  const person = (u: { name: string; until: string | null }, zone: string) =>
    u.until ? `${u.name} (until ${localTime(new Date(u.until).getTime(), zone)} ${zone})` : u.name;
  if (answer.levels) {
    // A policy's levels: every target, people named directly as well as schedules.
    const zones = new Map(answer.items.map((i) => [i.schedule.id, i.schedule.timeZone]));
    for (const level of answer.levels) {
      const parts = level.targets.map((t) => {
        const people = t.users.map((u) => person(u, zones.get(t.id) ?? 'UTC'));
        const who = people.length > 0 ? people.join(', ') : `nobody${t.note ? ` (${t.note})` : ''}`;
        return t.type === 'user' ? who : `${t.label}: ${who}`;
      });
      lines.push(`• Level ${level.level}: ${parts.length > 0 ? parts.join('; ') : 'nobody'}`);
    }
    for (const note of answer.notes) lines.push(`(${note})`);
    return lines.join('\n');
  }
  if (answer.items.length === 0) lines.push('• no schedules');
  for (const item of answer.items) {
    const label = `${item.level === null ? '' : `Level ${item.level}: `}${item.schedule.name}`;
    const people = item.users.map((u) => person(u, item.schedule.timeZone));
    lines.push(`• ${label}: ${people.length > 0 ? people.join(', ') : 'nobody'}`);
  }
  for (const note of answer.notes) lines.push(`(${note})`);
  return lines.join('\n');
}
