/**
 * The terminal, as the API verbs see it: where output goes, whether a person
 * can be asked, and how. One object so tests can stand in for the terminal.
 */
import { createInterface } from 'node:readline/promises';

export interface CliIo {
  /** Output a script may read (tables, JSON, YAML). */
  out(text: string): void;
  /** Messages for the person: prompts, warnings, what to do next. */
  err(text: string): void;
  /** Whether a person at a terminal can answer a question. */
  isInteractive(): boolean;
  ask(question: string): Promise<string>;
  readStdin(): Promise<string>;
}

export const io: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  isInteractive: () => process.stdin.isTTY === true,
  async ask(question) {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};
