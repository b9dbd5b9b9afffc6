/** A labelled IANA time zone input with the browser's zones as suggestions; the server validates the name. */
import { useMemo } from 'react';
import { listTimeZones } from './time-zones';

export function TimeZoneField({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (zone: string) => void;
}) {
  const zones = useMemo(listTimeZones, []);
  return (
    <div className="field">
      <label htmlFor={id}>Time zone</label>
      <input
        id={id}
        required
        list={`${id}-options`}
        autoComplete="off"
        spellCheck={false}
        aria-describedby={`${id}-hint`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      <datalist id={`${id}-options`}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <p className="hint" id={`${id}-hint`}>
        An IANA name such as Europe/London or America/New_York.
      </p>
    </div>
  );
}
