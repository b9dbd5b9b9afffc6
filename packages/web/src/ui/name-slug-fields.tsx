/**
 * A name and the slug derived from it (editable): the pair every "create a
 * team/service" form asks for. The slug follows the name until someone edits
 * it by hand.
 */
import { useState } from 'react';
import { Field, type FormState } from './form';

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

export interface NameAndSlug {
  name: string;
  slug: string;
  changeName(value: string): void;
  changeSlug(value: string): void;
  reset(): void;
}

export function useNameAndSlug(): NameAndSlug {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [isSlugEdited, setSlugEdited] = useState(false);
  return {
    name,
    slug,
    changeName(value) {
      setName(value);
      if (!isSlugEdited) setSlug(slugify(value));
    },
    changeSlug(value) {
      setSlug(value);
      setSlugEdited(true);
    },
    reset() {
      setName('');
      setSlug('');
      setSlugEdited(false);
    },
  };
}

/**
 * The two fields; ids are `<idPrefix>-name` and `<idPrefix>-slug`, so a form
 * maps `body.name` and `body.slug` to them to show the API's errors beside them.
 */
export function NameAndSlugFields({
  idPrefix,
  state,
  slugHint,
  slugPattern = '[a-z0-9]+(-[a-z0-9]+)*',
  form,
}: {
  idPrefix: string;
  state: NameAndSlug;
  /** What the browser lets through before the API judges it (categories also take _). */
  slugPattern?: string;
  slugHint: string;
  form?: FormState;
}) {
  return (
    <>
      <Field id={`${idPrefix}-name`} label="Name" form={form}>
        <input
          id={`${idPrefix}-name`}
          required
          maxLength={200}
          value={state.name}
          onChange={(event) => state.changeName(event.target.value)}
        />
      </Field>
      <Field id={`${idPrefix}-slug`} label="Slug" hint={slugHint} form={form}>
        <input
          id={`${idPrefix}-slug`}
          required
          maxLength={64}
          pattern={slugPattern}
          value={state.slug}
          onChange={(event) => state.changeSlug(event.target.value)}
        />
      </Field>
    </>
  );
}
