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
  all: '',
};

export function formatOnCallAnswer(answer: OnCallAnswer, options: { now?: Date } = {}): string {
  const at = new Date(answer.at).getTime();
  const isNow = options.now === undefined || Math.abs(options.now.getTime() - at) < 60_000;
  const when = isNow ? 'now' : `at ${localTime(at, 'UTC')} UTC`;
  const scope =
    answer.scope.kind === 'all' ? 'every schedule' : `${SCOPE_WORD[answer.scope.kind]} ${answer.scope.name}`;
  const lines = [`On call ${when} for ${scope}:`];
  if (answer.items.length === 0) lines.push('• no schedules');
  for (const item of answer.items) {
    const label = `${item.level === null ? '' : `Level ${item.level}: `}${item.schedule.name}`;
    const people = item.users.map((u) =>
      u.until
        ? `${u.name} (until ${localTime(new Date(u.until).getTime(), item.schedule.timeZone)} ${item.schedule.timeZone})`
        : u.name,
    );
    lines.push(`• ${label}: ${people.length > 0 ? people.join(', ') : 'nobody'}`);
  }
  for (const note of answer.notes) lines.push(`(${note})`);
  return lines.join('\n');
}
