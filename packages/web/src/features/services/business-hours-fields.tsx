/**
 * A service's business hours as form fields: off (always business hours),
 * or weekdays with a start and an end time on the service's clock. An end
 * before the start crosses midnight; equal times mean whole days.
 */
import { WEEKDAYS } from './service-labels';

export interface BusinessHoursDraft {
  isLimited: boolean;
  days: number[];
  start: string;
  end: string;
}

export const DEFAULT_HOURS: BusinessHoursDraft = {
  isLimited: false,
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '17:00',
};

export function BusinessHoursFields({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string;
  value: BusinessHoursDraft;
  onChange: (value: BusinessHoursDraft) => void;
}) {
  function toggleDay(day: number, isChecked: boolean) {
    const days = isChecked ? [...value.days, day] : value.days.filter((d) => d !== day);
    onChange({ ...value, days: days.sort((a, b) => a - b) });
  }

  return (
    <fieldset className="field span-2">
      <legend>Business hours</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={value.isLimited}
          onChange={(event) => onChange({ ...value, isLimited: event.target.checked })}
        />
        Low urgency pages only during business hours
      </label>
      {value.isLimited && (
        <>
          <div className="check-row" role="group" aria-label="Business days">
            {WEEKDAYS.map((weekday) => (
              <label key={weekday.day} className="check">
                <input
                  type="checkbox"
                  checked={value.days.includes(weekday.day)}
                  onChange={(event) => toggleDay(weekday.day, event.target.checked)}
                />
                {weekday.long}
              </label>
            ))}
          </div>
          <div className="inline-fields">
            <div className="field">
              <label htmlFor={`${idPrefix}-hours-start`}>Starts at</label>
              <input
                id={`${idPrefix}-hours-start`}
                type="time"
                required
                value={value.start}
                onChange={(event) => onChange({ ...value, start: event.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${idPrefix}-hours-end`}>Ends at</label>
              <input
                id={`${idPrefix}-hours-end`}
                type="time"
                required
                value={value.end}
                onChange={(event) => onChange({ ...value, end: event.target.value })}
              />
            </div>
          </div>
          <p className="hint">
            In the service's time zone. An end before the start runs past midnight; the same time for both means whole
            days.
          </p>
        </>
      )}
    </fieldset>
  );
}
