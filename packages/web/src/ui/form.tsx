/**
 * The form pieces every form shares: `useForm` (the submit plumbing of
 * useSubmit plus the API's 400 split by field), `Field` (a label, the control,
 * a hint and, beside it, what is wrong with it in plain words) and
 * `FormError` (the rest of a refusal, at the top of the form).
 *
 *   const form = useForm(save, { 'policy-name': 'body.name', 'level-{index}-targets': 'body.levels.*.targets' });
 *   <FormError form={form} />
 *   <Field id="policy-name" label="Name" form={form}><input id="policy-name" … /></Field>
 */
import { cloneElement, isValidElement, useMemo, type ReactElement, type ReactNode } from 'react';
import { messageOf } from '../api/errors';
import { splitIssues, type FieldPatterns } from './field-errors';
import { useSubmit } from './use-submit';

export interface FormState extends ReturnType<typeof useSubmit> {
  /** What is wrong with a field, in plain words, after the last submit. */
  fieldError(id: string): string | undefined;
  /** The part of the last refusal no field claimed; undefined when there is none. */
  formError: string | undefined;
}

export function useForm(action: () => Promise<unknown>, fields: FieldPatterns = {}): FormState {
  const submit = useSubmit(action);
  const { error } = submit;
  const split = useMemo(() => splitIssues(error, fields), [error]);
  let formError: string | undefined;
  if (error !== undefined && error !== null) {
    const claimed = Object.keys(split.byField).length > 0;
    if (!claimed) formError = messageOf(error);
    else if (split.rest.length > 0)
      formError = split.rest
        .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
        .join('; ');
  }
  return { ...submit, fieldError: (id) => split.byField[id], formError };
}

/** What no field claimed, said once at the top of the form; points at the fields when they say the rest. */
export function FormError({ form, title }: { form: FormState; title?: string }) {
  if (form.error === undefined || form.error === null) return null;
  const fieldsSpeak = form.formError === undefined;
  return (
    <div className="notice notice-error" role="alert">
      {title && <strong>{title} </strong>}
      {fieldsSpeak ? 'Nothing was saved: see what is wrong beside the fields below.' : form.formError}
    </div>
  );
}

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The form whose errors this field shows (by its id); or give `error` directly. */
  form?: FormState;
  error?: string;
  className?: string;
  children: ReactNode;
}

/** A labelled control with its hint and its error beside it; the control is described by both and marked invalid. */
export function Field({ id, label, hint, form, error, className, children }: FieldProps) {
  const problem = error ?? form?.fieldError(id);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = problem ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const control = isValidElement(children)
    ? cloneElement(children as ReactElement<Record<string, unknown>>, {
        'aria-describedby': describedBy,
        'aria-invalid': problem ? true : undefined,
      })
    : children;
  return (
    <div className={`field${problem ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {control}
      {problem && (
        <p className="field-error" id={errorId}>
          {problem}
        </p>
      )}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
