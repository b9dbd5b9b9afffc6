/** Printing for people (aligned tables) and for machines (JSON), the same way in every verb. */
import { io } from './cli-io.js';

export function printJson(value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain table: a header row, columns padded to their widest cell. */
export function printTable(headers: string[], rows: string[][], empty: string): void {
  if (rows.length === 0) {
    io.out(`${empty}\n`);
    return;
  }
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  io.out(`${[line(headers), ...rows.map(line)].join('\n')}\n`);
}

/** An instant as people read it in a terminal: `2026-03-02 10:15Z`; `-` for none. */
export const when = (iso: string | null): string => (iso ? iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, 'Z') : '-');

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "escalationPolicies" with 1 → "1 escalation policy"; with 2 → "2 escalation policies". */
export function countOf(n: number, pluralKey: string): string {
  const words = pluralKey.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  if (n !== 1) return `${n} ${words}`;
  return `${n} ${words.endsWith('ies') ? `${words.slice(0, -3)}y` : words.replace(/s$/, '')}`;
}
