/**
 * Reading a config document from a file (YAML, or JSON for *.json) or stdin
 * ("-"). Only syntax is checked here; the server checks the document itself
 * and says where it is wrong.
 */
import { readFile } from 'node:fs/promises';
import YAML from 'yaml';
import { io } from './cli-io.js';

export async function readConfigFile(file: string): Promise<unknown> {
  const name = file === '-' ? 'stdin' : file;
  let text: string;
  try {
    text = file === '-' ? await io.readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`Cannot read ${name}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`, {
      cause: error,
    });
  }
  if (text.trim() === '') throw new Error(`${name} is empty: a config document starts with "version: 1"`);
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new Error(`${name} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
  }
  try {
    return YAML.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${name} is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
}

/** The document as YAML, with a header saying where it came from and how to apply it. */
export function toYaml(document: unknown, server: string): string {
  const doc = new YAML.Document(document);
  doc.commentBefore = ` Tocsin configuration, exported from ${server}.\n Apply it with: tocsin apply -f <this file>`;
  return doc.toString({ lineWidth: 0 });
}
