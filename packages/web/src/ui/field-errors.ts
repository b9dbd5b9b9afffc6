/**
 * Puts the API's 400 beside the fields it is about: each issue's path
 * (`body.levels.0.targets`) is matched against the form's field patterns
 * (`body.levels.*.targets` → the levels' targets picker, `*` standing for one
 * segment, a pattern also claiming every path under it), and its message is
 * put in plain words. Issues no field claims stay with the form. Pure.
 */
import { TocsinApiError } from '@tocsin/sdk';

export interface Issue {
  path: string;
  message: string;
}

/** Field id → the issue paths it owns (a `*` is any one segment; `{index}` in the id takes that segment). */
export type FieldPatterns = Record<string, string>;

export function issuesOf(error: unknown): Issue[] {
  if (!(error instanceof TocsinApiError) || error.status !== 400) return [];
  const details = error.details as { issues?: unknown } | undefined;
  if (!Array.isArray(details?.issues)) return [];
  return details.issues.filter(
    (issue): issue is Issue =>
      typeof issue === 'object' &&
      issue !== null &&
      typeof (issue as Issue).path === 'string' &&
      typeof (issue as Issue).message === 'string',
  );
}

/** The segments `*` matched when `pattern` is `path` or a prefix of it; undefined when it does not match. */
export function matchPath(pattern: string, path: string): string[] | undefined {
  const want = pattern.split('.');
  const have = path.split('.');
  if (have.length < want.length) return undefined;
  const wild: string[] = [];
  for (const [i, part] of want.entries()) {
    if (part === '*') wild.push(have[i]!);
    else if (part !== have[i]) return undefined;
  }
  return wild;
}

const PLAIN: Array<[RegExp, string]> = [
  [/^Invalid input: expected \w+, received undefined$/i, 'is required'],
  [/^Too small: expected string to have >=1 characters?$/i, 'is required'],
  [/^Too small: expected array to have >=1 items?$/i, 'needs at least one'],
  [/^Too big: expected string to have <=(\d+) characters?$/i, 'is too long: at most $1 characters'],
  [/^Too small: expected number to be >=(-?\d+)$/i, 'must be at least $1'],
  [/^Too big: expected number to be <=(-?\d+)$/i, 'must be at most $1'],
  [/^Invalid input: expected number, received NaN$/i, 'must be a number'],
  [/^Invalid (uuid|UUID)$/, 'choose one from the list'],
  [/^Invalid email address$/i, 'is not an email address'],
];

/** The server's wording with the jargon of its validator taken out, first letter up. */
export function plainWords(message: string): string {
  const plain = PLAIN.reduce((text, [pattern, words]) => text.replace(pattern, words), message.trim());
  return plain.charAt(0).toUpperCase() + plain.slice(1);
}

export interface SplitIssues {
  /** Field id → its messages, in plain words. */
  byField: Record<string, string>;
  /** What no field claimed: shown with the form. */
  rest: Issue[];
}

export function splitIssues(error: unknown, fields: FieldPatterns): SplitIssues {
  const byField: Record<string, string> = {};
  const rest: Issue[] = [];
  for (const issue of issuesOf(error)) {
    let claimed = false;
    for (const [fieldId, pattern] of Object.entries(fields)) {
      const wild = matchPath(pattern, issue.path);
      if (!wild) continue;
      let i = 0;
      const id = fieldId.replace(/\{index\}/g, () => wild[i++] ?? '');
      const words = plainWords(issue.message);
      byField[id] = byField[id] ? `${byField[id]} ${words}.` : `${words}.`;
      claimed = true;
      break;
    }
    if (!claimed) rest.push(issue);
  }
  for (const id of Object.keys(byField)) byField[id] = byField[id]!.replace(/\.\.$/, '.');
  return { byField, rest };
}
