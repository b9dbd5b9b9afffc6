/**
 * Reads the server's production sources for the architecture checks: each
 * file with the module it belongs to and the specifiers it imports. Parsing
 * uses TypeScript's own pre-processor, so comments and strings never count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const SERVER_SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

export interface SourceFile {
  /** Relative to packages/server/src, with forward slashes. */
  path: string;
  /** `modules/<name>` for module code, else the top folder (`app`, `db`, `http`...). */
  area: string;
  text: string;
  imports: string[];
}

const isProduction = (path: string) => !/\.test\.ts$/.test(path) && !path.startsWith('test-support/');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

export function areaOf(path: string): string {
  const parts = path.split('/');
  return parts[0] === 'modules' && parts.length > 2 ? `modules/${parts[1]}` : parts[0]!;
}

/** Every production source file of packages/server/src (tests and test support left out). */
export function readServerSources(root = SERVER_SRC): SourceFile[] {
  return walk(root)
    .map((full) => relative(root, full).split(sep).join('/'))
    .filter(isProduction)
    .map((path) => {
      const text = readFileSync(join(root, path), 'utf8');
      const imports = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
      return { path, area: areaOf(path), text, imports };
    });
}

/** The area an import specifier of `from` points at, or undefined for a package. */
export function importedArea(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = join(dirname(from), specifier).split(sep).join('/');
  if (target.startsWith('..')) return undefined;
  return areaOf(target);
}

/** The npm package a bare specifier names (`@scope/name` or `name`), or undefined for relative and node: imports. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** The code of a file without its comments, for checks that look for words in code. */
export function withoutComments(text: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  let out = '';
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) continue;
    out += scanner.getTokenText();
  }
  return out;
}
