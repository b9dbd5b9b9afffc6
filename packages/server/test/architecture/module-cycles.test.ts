/**
 * Modules never depend on each other in a cycle, counted module by module
 * (dependency-cruiser only sees cycles between files: incidents/a.ts →
 * notify/index.ts → notify/b.ts → incidents/index.ts is a module cycle with no
 * file cycle). When two modules need each other, one publishes an event.
 */
import { describe, expect, it } from 'vitest';
import { importedArea, readServerSources } from './source-files.js';

export type Graph = Map<string, Set<string>>;

/** Module → modules it imports, type-only imports included (they couple the code just the same). */
export function moduleGraph(files: { path: string; area: string; imports: string[] }[]): Graph {
  const graph: Graph = new Map();
  for (const file of files) {
    if (!file.area.startsWith('modules/')) continue;
    const edges = graph.get(file.area) ?? new Set<string>();
    graph.set(file.area, edges);
    for (const specifier of file.imports) {
      const target = importedArea(file.path, specifier);
      if (target && target !== file.area && target.startsWith('modules/')) edges.add(target);
    }
  }
  return graph;
}

/** Every strongly connected group of more than one module (Tarjan), each sorted, as a readable cycle. */
export function findCycles(graph: Graph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const lowlinks = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    lowlinks.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        lowlinks.set(node, Math.min(lowlinks.get(node)!, lowlinks.get(next)!));
      } else if (onStack.has(next)) {
        lowlinks.set(node, Math.min(lowlinks.get(node)!, indices.get(next)!));
      }
    }
    if (lowlinks.get(node) === indices.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) cycles.push(group.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indices.has(node)) visit(node);
  return cycles;
}

describe('module dependencies', () => {
  it('finds a cycle of modules that no file cycle shows (the check can fail)', () => {
    const files = [
      { path: 'modules/incidents/a.ts', area: 'modules/incidents', imports: ['../notify/index.js'] },
      { path: 'modules/notify/index.ts', area: 'modules/notify', imports: ['./b.js'] },
      { path: 'modules/notify/b.ts', area: 'modules/notify', imports: ['../incidents/index.js'] },
      { path: 'modules/incidents/index.ts', area: 'modules/incidents', imports: ['./c.js'] },
      { path: 'modules/teams/index.ts', area: 'modules/teams', imports: ['../users/index.js'] },
    ];
    expect(findCycles(moduleGraph(files))).toEqual([['modules/incidents', 'modules/notify']]);
  });

  it('has no cycle between the server modules', () => {
    const graph = moduleGraph(readServerSources());
    expect(graph.size).toBeGreaterThan(10);
    expect(findCycles(graph)).toEqual([]);
  });
});
