/**
 * A list's filters kept in the page's URL (`?status=triggered,resolved&service=…`),
 * so a filtered view survives a reload and can be bookmarked or shared. Values
 * equal to the defaults are left out of the URL; a list is written comma
 * separated (empty when nothing is ticked). Values the list does not know
 * (from an edited or old link) are dropped by `allowed`.
 *
 * The filters live in React state, so a click shows at once and quick clicks
 * build on each other; the URL follows each change (replacing the history
 * entry), and a URL that changes otherwise (back, a link) is read again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

type FilterValues = Record<string, string | string[]>;

export function useUrlFilters<T extends FilterValues>(
  defaults: T,
  allowed: { [K in keyof T]?: readonly string[] } = {},
): [T, (next: T) => void] {
  const [params, setParams] = useSearchParams();
  const read = (from: URLSearchParams): T => {
    const values: FilterValues = {};
    for (const [name, fallback] of Object.entries(defaults)) {
      const raw = from.get(name);
      const known = allowed[name];
      if (raw === null) values[name] = fallback;
      else if (Array.isArray(fallback))
        values[name] = raw.split(',').filter((v) => v !== '' && (!known || known.includes(v)));
      else values[name] = !known || known.includes(raw) ? raw : fallback;
    }
    return values as T;
  };
  const [values, setValues] = useState<T>(() => read(params));
  // Search strings this hook wrote and the router has not reported back yet.
  const written = useRef(new Set<string>());
  const search = params.toString();
  useEffect(() => {
    if (written.current.delete(search)) return;
    setValues(read(new URLSearchParams(search)));
    // Only a change of the URL matters; defaults and allowed are the caller's constants.
  }, [search]);

  const update = useCallback(
    (next: T) => {
      setValues(next);
      const current = new URLSearchParams(window.location.search);
      const updated = new URLSearchParams(current);
      for (const [name, value] of Object.entries(next)) {
        const fallback = defaults[name];
        const same =
          Array.isArray(value) && Array.isArray(fallback) ? value.join(',') === fallback.join(',') : value === fallback;
        if (same) updated.delete(name);
        else updated.set(name, Array.isArray(value) ? value.join(',') : value);
      }
      if (updated.toString() === current.toString()) return;
      written.current.add(updated.toString());
      setParams(updated, { replace: true });
    },
    [setParams],
  );
  return [values, update];
}
