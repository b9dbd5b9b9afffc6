/**
 * A list's filters kept in the page's URL (`?status=triggered,resolved&service=…`),
 * so a filtered view survives a reload and can be bookmarked or shared. Values
 * equal to the defaults are left out of the URL; a list is written comma
 * separated (empty when nothing is ticked). Values the list does not know
 * (from an edited or old link) are dropped by `allowed`.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

type FilterValues = Record<string, string | string[]>;

export function useUrlFilters<T extends FilterValues>(
  defaults: T,
  allowed: { [K in keyof T]?: readonly string[] } = {},
): [T, (next: T) => void] {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const values = useMemo(() => {
    const read: FilterValues = {};
    for (const [name, fallback] of Object.entries(defaults)) {
      const raw = params.get(name);
      const known = allowed[name];
      if (raw === null) read[name] = fallback;
      else if (Array.isArray(fallback)) read[name] = raw.split(',').filter((v) => v !== '' && (!known || known.includes(v)));
      else read[name] = !known || known.includes(raw) ? raw : fallback;
    }
    return read as T;
    // The URL is the state: read again when it changes (defaults and allowed are constants of the caller).
  }, [key]);
  const setValues = useCallback(
    (next: T) => {
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          for (const [name, value] of Object.entries(next)) {
            const fallback = defaults[name];
            const same = Array.isArray(value) && Array.isArray(fallback) ? value.join(',') === fallback.join(',') : value === fallback;
            if (same) updated.delete(name);
            else updated.set(name, Array.isArray(value) ? value.join(',') : value);
          }
          return updated;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [values, setValues];
}
