/**
 * A searchable list of the IANA time zones this browser knows
 * (Intl.supportedValuesOf): type any part of a name ("london", "new york",
 * "kolkata") and choose from the list by touch, mouse or keyboard (arrows,
 * Enter, Escape). Only a zone from the list is ever chosen: text that names
 * none goes back to the current zone when the field is left. An ARIA 1.2
 * combobox; the list drops below the field at any width.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { listTimeZones } from '../features/users/time-zones';
import { otherZoneNames } from '../features/users/zone-aliases';

/**
 * "london" → zones containing London; spaces match the underscores of names;
 * a renamed zone is found by its older and newer names too ("kolkata" finds
 * Asia/Calcutta). The zones themselves are kept as listed. Pure.
 */
export function filterZones(zones: readonly string[], query: string): string[] {
  const wanted = query.trim().toLowerCase().replace(/\s+/g, '_');
  if (!wanted) return [...zones];
  return zones.filter((zone) => [zone, ...otherZoneNames(zone)].some((name) => name.toLowerCase().includes(wanted)));
}

function offsetOf(zone: string, now: Date): string {
  try {
    const part = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(now)
      .find((p) => p.type === 'timeZoneName');
    return part?.value ?? '';
  } catch {
    return '';
  }
}

interface TimeZonePickerProps {
  id: string;
  value: string;
  onChange: (zone: string) => void;
  required?: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

export function TimeZonePicker({ id, value, onChange, required, ...aria }: TimeZonePickerProps) {
  const zones = useMemo(listTimeZones, []);
  const offsets = useMemo(() => {
    const now = new Date();
    return new Map(zones.map((zone) => [zone, offsetOf(zone, now)]));
  }, [zones]);
  const [query, setQuery] = useState(value);
  const [isOpen, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [isTyping, setTyping] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  const shown = isTyping ? filterZones(zones, query) : zones;
  const listId = `${id}-zones`;

  function choose(zone: string) {
    onChange(zone);
    setQuery(zone);
    setTyping(false);
    setOpen(false);
  }

  function open() {
    setOpen(true);
    const index = isTyping ? 0 : Math.max(0, zones.indexOf(value));
    setActive(index);
    requestAnimationFrame(() => list.current?.children[index]?.scrollIntoView({ block: 'nearest' }));
  }

  function move(by: number) {
    if (!isOpen) return open();
    const next = Math.min(Math.max(active + by, 0), shown.length - 1);
    setActive(next);
    list.current?.children[next]?.scrollIntoView({ block: 'nearest' });
  }

  function leave() {
    setOpen(false);
    setTyping(false);
    const exact = zones.find((zone) => zone.toLowerCase() === query.trim().toLowerCase());
    const only = filterZones(zones, query);
    if (exact) choose(exact);
    else if (isTyping && only.length === 1) choose(only[0]!);
    else setQuery(value);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      move(1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      move(-1);
    } else if (event.key === 'Enter' && isOpen) {
      event.preventDefault();
      if (shown[active]) choose(shown[active]!);
    } else if (event.key === 'Escape' && isOpen) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      setTyping(false);
      setQuery(value);
    }
  }

  return (
    <div className="tz-picker">
      <input
        id={id}
        className="tz-picker-input"
        role="combobox"
        aria-expanded={isOpen}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={isOpen && shown[active] ? `${listId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        required={required}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setTyping(true);
          setOpen(true);
          setActive(0);
        }}
        onFocus={(event) => event.target.select()}
        onClick={() => !isOpen && open()}
        onBlur={leave}
        onKeyDown={onKeyDown}
        {...aria}
      />
      {isOpen && (
        <ul className="tz-picker-list" id={listId} role="listbox" aria-label="Time zones" ref={list}>
          {shown.length === 0 && (
            <li role="option" aria-selected={false} aria-disabled="true" className="muted">
              No time zone matches “{query}”.
            </li>
          )}
          {shown.map((zone, index) => (
            <li
              key={zone}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              // Chosen on mousedown, before the input's blur would close the list.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(zone);
              }}
            >
              {zone.replace(/_/g, ' ')}
              {otherZoneNames(zone).length > 0 && (
                <span className="tz-alias">
                  {' '}
                  (
                  {otherZoneNames(zone)
                    .map((name) => name.replace(/_/g, ' '))
                    .join(', ')}
                  )
                </span>
              )}
              <span className="tz-offset">{offsets.get(zone)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
