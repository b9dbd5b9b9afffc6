/**
 * Runs the `tocsin` CLI in this process, as `main(argv)`, with a stand-in
 * terminal: captures stdout and stderr, and says whether a person is there to
 * confirm and what they answer.
 */
import { vi } from 'vitest';
import { io } from '../src/commands/cli-io.js';
import { main } from '../src/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Whether a person is at a terminal (default: no, like CI). */
  interactive?: boolean;
  /** What the person types when asked to confirm (a function: what happens while they read, then the answer). */
  answer?: string | (() => Promise<string>);
  stdin?: string;
}

export async function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const saved = { ...io };
  Object.assign(io, {
    out: (text: string) => stdout.push(text),
    err: (text: string) => stderr.push(text),
    isInteractive: () => options.interactive ?? false,
    ask: async (question: string) => {
      stderr.push(question);
      return typeof options.answer === 'function' ? options.answer() : (options.answer ?? '');
    },
    readStdin: async () => options.stdin ?? '',
  });
  // main() reports failures on process.stderr itself.
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr.push(String(chunk));
    return true;
  });
  try {
    const code = await main(['node', 'tocsin', ...args]);
    return { code, stdout: stdout.join(''), stderr: stderr.join('') };
  } finally {
    spy.mockRestore();
    Object.assign(io, saved);
  }
}
