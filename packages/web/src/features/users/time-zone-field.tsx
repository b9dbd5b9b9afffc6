/** A labelled time-zone picker (ui/time-zone-picker.tsx), with what is wrong with it beside it; every form's time zone. */
import { Field, type FormState } from '../../ui/form';
import { TimeZonePicker } from '../../ui/time-zone-picker';

export function TimeZoneField({
  id,
  value,
  onChange,
  label = 'Time zone',
  hint = 'Type part of a city or region, e.g. London or New York, and choose it from the list.',
  form,
  className,
}: {
  id: string;
  value: string;
  onChange: (zone: string) => void;
  label?: string;
  hint?: string;
  form?: FormState;
  className?: string;
}) {
  return (
    <Field id={id} label={label} hint={hint} form={form} className={className}>
      <TimeZonePicker id={id} required value={value} onChange={onChange} />
    </Field>
  );
}
