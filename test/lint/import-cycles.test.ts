/**
 * The layers import one way: no module of lib/ reaches itself through its relative imports (issue 12 found
 * automation-identity ↔ policy ↔ inventory ↔ stack-support). Type-only imports count too: a cycle of types
 * is still a design knot. Reads the sources; no build needed.
 */
import * as fs from 'fs';
import * as path from 'path';

const LIB = path.resolve(__dirname, '../../lib');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []);
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
}

/** Relative imports and re-exports of every source file. */
function graph(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of sources(LIB)) {
    const text = fs.readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']*)'/gm)].map((m) => m[1]);
    edges.set(file, specs.map((s) => resolveImport(file, s)).filter((f): f is string => f !== undefined));
  }
  return edges;
}

/** Every cycle, as the list of files (relative to lib/) from a file back to itself. */
function cycles(edges: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next].map((f) => path.relative(LIB, f)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...edges.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}

describe('import cycles', () => {
  const all = cycles(graph());

  test('lib/constructs has none', () => {
    expect(all.filter((c) => c.some((f) => f.startsWith('constructs/')))).toEqual([]);
  });

  test('lib as a whole has none', () => {
    expect(all).toEqual([]);
  });

  test('the check finds a cycle when there is one', () => {
    const a = path.join(LIB, 'a.ts');
    const b = path.join(LIB, 'b.ts');
    expect(cycles(new Map([[a, [b]], [b, [a]]]))).toEqual([['a.ts', 'b.ts', 'a.ts']]);
  });
});
