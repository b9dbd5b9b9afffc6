/** A number of minutes that may be "never" (empty): the timers of a severity. */
interface MinutesFieldProps {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
}

export function MinutesField({ id, label, hint, value, onChange }: MinutesFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={1}
        max={10080}
        placeholder="never"
        value={value}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
      />
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
    </div>
  );
}

/** The field's text as the API's minutes: empty is null ("never"). */
export function minutesOf(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}

export function textOf(minutes: number | null): string {
  return minutes === null ? '' : String(minutes);
}
