/**
 * The import graph of a TypeScript project, and the cycles in it.
 *
 *   bun scripts/import-cycles.ts apps/admin             every cycle, type-only imports included
 *   bun scripts/import-cycles.ts apps/admin --runtime   only cycles that exist at run time
 *   bun scripts/import-cycles.ts apps/admin --graph     the edges, one per line (from -> to [kind])
 *
 * Exits 1 when there is a cycle. It reads import/export statements, `import()` and `require()`
 * with a few regular expressions (no compiler needed), and resolves relative specifiers and the
 * `paths` aliases of the project's tsconfig.json; packages (node_modules, workspaces) are left out.
 * A dynamic `import()` is an edge like any other: deferring a load does not remove the dependency.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export type ImportKind = 'static' | 'type' | 'dynamic';

export interface ImportEdge {
  /** Paths relative to the project root. */
  from: string;
  to: string;
  kind: ImportKind;
  specifier: string;
}

const sourceExtensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const skippedFolders = new Set(['node_modules', '.next', 'dist', 'build', '.turbo', 'coverage']);

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory())
      return skippedFolders.has(entry.name) || entry.name.startsWith('.') ? [] : sourceFiles(path);
    return sourceExtensions.some((extension) => entry.name.endsWith(extension)) && !entry.name.endsWith('.d.ts')
      ? [path]
      : [];
  });
}

/** The `paths` of tsconfig.json (comments and trailing commas allowed), as absolute targets; no `extends`. */
function tsconfigPaths(root: string): { pattern: string; targets: string[] }[] {
  const file = join(root, 'tsconfig.json');
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8')
    .replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_, string: string | undefined) => string ?? '')
    .replace(/,(\s*[}\]])/g, '$1');
  const options =
    (JSON.parse(text) as { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } })
      .compilerOptions ?? {};
  const base = resolve(root, options.baseUrl ?? '.');
  return Object.entries(options.paths ?? {}).map(([pattern, targets]) => ({
    pattern,
    targets: targets.map((target) => resolve(base, target)),
  }));
}

function resolveFile(candidate: string): string | undefined {
  const tries = [
    candidate,
    ...sourceExtensions.map((extension) => candidate + extension),
    ...sourceExtensions.map((extension) => join(candidate, `index${extension}`)),
  ];
  // `./x.js` may name `./x.ts` (NodeNext style).
  const withoutJs = candidate.replace(/\.(m|c)?jsx?$/, '');
  if (withoutJs !== candidate) tries.push(...sourceExtensions.map((extension) => withoutJs + extension));
  return tries.find((path) => existsSync(path) && statSync(path).isFile());
}

function resolveSpecifier(
  specifier: string,
  fromFile: string,
  aliases: ReturnType<typeof tsconfigPaths>,
): string | undefined {
  if (specifier.startsWith('.')) return resolveFile(resolve(dirname(fromFile), specifier));
  for (const { pattern, targets } of aliases) {
    const star = pattern.indexOf('*');
    const prefix = star < 0 ? pattern : pattern.slice(0, star);
    const suffix = star < 0 ? '' : pattern.slice(star + 1);
    const matches =
      star < 0
        ? specifier === pattern
        : specifier.startsWith(prefix) &&
          specifier.endsWith(suffix) &&
          specifier.length >= prefix.length + suffix.length;
    if (!matches) continue;
    const captured = star < 0 ? '' : specifier.slice(prefix.length, specifier.length - suffix.length);
    for (const target of targets) {
      const found = resolveFile(target.replace('*', captured));
      if (found) return found;
    }
  }
  return undefined;
}

/** Removes comments, keeping strings (and so line numbers and specifiers) intact. */
function withoutComments(source: string): string {
  return source.replace(
    /('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`)|\/\/[^\n]*|\/\*[\s\S]*?\*\//g,
    (match, string: string | undefined) => string ?? match.replace(/[^\n]/g, ' '),
  );
}

/** The specifiers a file imports, with their kind. */
export function importsOf(source: string): { specifier: string; kind: ImportKind }[] {
  const code = withoutComments(source);
  const found: { specifier: string; kind: ImportKind }[] = [];
  const statement = /(?:^|;)[ \t]*(import|export)\s+(type\s+)?([^'";=()]*?)\s*from\s*['"]([^'"]+)['"]/gm;
  for (const match of code.matchAll(statement)) {
    const [, , typeKeyword, clause = '', specifier = ''] = match;
    // `import { type A, type B } from` names only types too.
    const names = /^\{([\s\S]*)\}$/
      .exec(clause.trim())?.[1]
      ?.split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const onlyTypes =
      Boolean(typeKeyword) ||
      (names !== undefined && names.length > 0 && names.every((name) => name.startsWith('type ')));
    found.push({ specifier, kind: onlyTypes ? 'type' : 'static' });
  }
  for (const match of code.matchAll(/(?:^|;)[ \t]*import\s*['"]([^'"]+)['"]/gm))
    found.push({ specifier: match[1]!, kind: 'static' });
  for (const match of code.matchAll(/\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g))
    found.push({ specifier: match[1]!, kind: 'dynamic' });
  for (const match of code.matchAll(/\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g))
    found.push({ specifier: match[1]!, kind: 'static' });
  // `typeof import('./x')` in a type position.
  for (const match of code.matchAll(/\btypeof\s+import\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const index = found.findIndex((entry) => entry.kind === 'dynamic' && entry.specifier === match[1]);
    if (index >= 0) found[index] = { specifier: match[1]!, kind: 'type' };
  }
  return found;
}

/** Every import between two files of the project under `root`. */
export function importGraph(root: string): ImportEdge[] {
  const absoluteRoot = resolve(root);
  const aliases = tsconfigPaths(absoluteRoot);
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(absoluteRoot)) {
    for (const { specifier, kind } of importsOf(readFileSync(file, 'utf8'))) {
      const target = resolveSpecifier(specifier, file, aliases);
      if (!target?.startsWith(absoluteRoot)) continue;
      edges.push({ from: relative(absoluteRoot, file), to: relative(absoluteRoot, target), kind, specifier });
    }
  }
  return edges;
}

export interface ImportCycle {
  /** Every file of the strongly connected component: each reaches each other one. */
  files: string[];
  /** One shortest closed path through its first file. */
  path: ImportEdge[];
}

/** The cycles of the graph: one per strongly connected component. */
export function findCycles(edges: ImportEdge[]): ImportCycle[] {
  const next = new Map<string, ImportEdge[]>();
  for (const edge of edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge]);
  const nodes = [...new Set(edges.flatMap((edge) => [edge.from, edge.to]))].sort();

  // Tarjan's strongly connected components, iterative.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: string; child: number }[] = [{ node: start, child: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work.at(-1)!;
      const outgoing = next.get(frame.node) ?? [];
      if (frame.child < outgoing.length) {
        const target = outgoing[frame.child++]!.to;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, child: 0 });
        } else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = (next.get(frame.node) ?? []).some((edge) => edge.to === frame.node);
        if (component.length > 1 || selfLoop) components.push(component.sort());
      }
    }
  }

  // One shortest closed path per component, from its first file (breadth-first inside the component).
  return components.map((component) => {
    const members = new Set(component);
    const start = component[0]!;
    const via = new Map<string, ImportEdge>();
    const queue = [start];
    for (let position = 0; position < queue.length; position++) {
      for (const edge of next.get(queue[position]!) ?? []) {
        if (!members.has(edge.to) || (component.length > 1 && edge.to === edge.from)) continue;
        if (edge.to === start) {
          const path = [edge];
          for (let at = edge.from; at !== start; at = via.get(at)!.from) path.unshift(via.get(at)!);
          return { files: component, path };
        }
        if (!via.has(edge.to)) {
          via.set(edge.to, edge);
          queue.push(edge.to);
        }
      }
    }
    throw new Error(`no cycle through ${start}`);
  });
}

if (import.meta.main) {
  const root = process.argv.slice(2).find((argument) => !argument.startsWith('--'));
  if (!root) {
    console.error('usage: bun scripts/import-cycles.ts <project folder> [--runtime] [--graph]');
    process.exit(2);
  }
  const all = importGraph(root);
  const edges = process.argv.includes('--runtime') ? all.filter((edge) => edge.kind !== 'type') : all;
  if (process.argv.includes('--graph')) {
    for (const edge of edges) console.log(`${edge.from} -> ${edge.to} [${edge.kind}]`);
    process.exit(0);
  }
  const cycles = findCycles(edges);
  const files = sourceFiles(resolve(root)).length;
  for (const { files: members, path } of cycles) {
    console.log(`cycle among ${members.length} file${members.length === 1 ? '' : 's'} (${members.join(', ')}):`);
    console.log(`  ${path[0]!.from}`);
    for (const edge of path) console.log(`  -> ${edge.to}${edge.kind === 'static' ? '' : ` (${edge.kind} import)`}`);
  }
  console.log(
    `${root}: ${files} files, ${edges.length} imports, ${cycles.length} cycle${cycles.length === 1 ? '' : 's'}`,
  );
  process.exit(cycles.length > 0 ? 1 : 0);
}
