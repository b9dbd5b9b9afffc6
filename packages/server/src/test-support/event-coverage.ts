/**
 * The check that every domain event is both published and heard (STYLE.md:
 * "a test fails on an event that nobody hears or a subscription that nothing
 * publishes"). Three sets are compared: the events the modules declare (their
 * *.events.ts, collected in app/wiring/events.ts), the names passed to
 * publishEvent in the server's sources (found by parsing them: the name must
 * be a string literal, which is also what lets a reader find the publisher),
 * and the names the app's wirings subscribe to.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface SourceFile {
  path: string;
  text: string;
}

export interface PublishSite {
  name: string;
  at: string;
}

/** The server's production sources: every .ts under `root` but tests and test support. */
export function productionSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'test-support' && entry.name !== 'node_modules') walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) {
        files.push({ path: relative(root, path), text: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(root);
  return files;
}

/** Every publishEvent(db, now, 'Name', ...) call in `files`; a name that is not a string literal is a problem. */
export function findPublishSites(files: SourceFile[]): { sites: PublishSite[]; problems: string[] } {
  const sites: PublishSite[] = [];
  const problems: string[] = [];
  for (const file of files) {
    if (!file.text.includes('publishEvent')) continue;
    const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const name = ts.isIdentifier(callee)
          ? callee.text
          : ts.isPropertyAccessExpression(callee)
            ? callee.name.text
            : undefined;
        if (name === 'publishEvent') {
          const at = `${file.path}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
          const arg = node.arguments[2];
          if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)))
            sites.push({ name: arg.text, at });
          else
            problems.push(
              `publishEvent at ${at} names its event with an expression: write the name as a string literal, so it can be found and checked.`,
            );
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { sites, problems };
}

/** What is wrong between what is declared, published and subscribed; empty when every declared event is published and heard. */
export function eventCoverageProblems(input: {
  declared: readonly string[];
  published: PublishSite[];
  subscribed: readonly string[];
}): string[] {
  const declared = new Set(input.declared);
  const published = new Set(input.published.map((s) => s.name));
  const subscribed = new Set(input.subscribed);
  const problems: string[] = [];
  for (const site of input.published) {
    if (!declared.has(site.name))
      problems.push(
        `${site.name} is published at ${site.at} but no module declares it in its *.events.ts (listed in app/wiring/events.ts).`,
      );
    if (!subscribed.has(site.name))
      problems.push(
        `${site.name} is published at ${site.at} but nothing subscribes to it: subscribe in app/wiring, or stop publishing it.`,
      );
  }
  for (const name of subscribed) {
    if (!published.has(name))
      problems.push(
        `${name} is subscribed to in app/wiring but nothing publishes it: remove the subscription, or publish the event.`,
      );
  }
  for (const name of declared) {
    if (!published.has(name))
      problems.push(`${name} is declared but nothing publishes it: remove it from its *.events.ts.`);
  }
  return [...new Set(problems)];
}
