/** Chips that narrow the timeline: by group of kinds, by source, and to the starred entries. */
import { GROUP_LABELS, TIMELINE_GROUPS, type TimelineView } from './timeline-groups';
import type { TimelineSource } from './timeline.types';

export const SOURCE_LABELS: Record<TimelineSource, string> = {
  web: 'web',
  api: 'API',
  cli: 'CLI',
  email_link: 'email link',
  push: 'push notification',
  sms_reply: 'SMS reply',
  slack: 'Slack',
  teams: 'Teams',
  voice: 'phone call',
  engine: 'engine',
  ingest: 'integration',
};

function Chip({ label, isOn, onToggle }: { label: string; isOn: boolean; onToggle: () => void }) {
  return (
    <button type="button" className={`chip${isOn ? ' on' : ''}`} aria-pressed={isOn} onClick={onToggle}>
      {label}
    </button>
  );
}

const toggled = <T,>(list: readonly T[], value: T): T[] =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

interface TimelineFilterBarProps {
  view: TimelineView;
  /** The sources the story has: no chip for one that would show nothing. */
  sources: readonly TimelineSource[];
  onChange: (view: TimelineView) => void;
}

export function TimelineFilterBar({ view, sources, onChange }: TimelineFilterBarProps) {
  return (
    <div className="chips" role="group" aria-label="Filter the timeline">
      <Chip
        label="★ Starred"
        isOn={view.isStarredOnly}
        onToggle={() => onChange({ ...view, isStarredOnly: !view.isStarredOnly })}
      />
      {TIMELINE_GROUPS.map((group) => (
        <Chip
          key={group}
          label={GROUP_LABELS[group]}
          isOn={view.groups.includes(group)}
          onToggle={() => onChange({ ...view, groups: toggled(view.groups, group) })}
        />
      ))}
      {sources.map((source) => (
        <Chip
          key={source}
          label={`via ${SOURCE_LABELS[source]}`}
          isOn={view.sources.includes(source)}
          onToggle={() => onChange({ ...view, sources: toggled(view.sources, source) })}
        />
      ))}
    </div>
  );
}
