/**
 * Checks the API's import graph against the layers of docs/architecture.md: each layer imports only
 * itself and the layers below it, production code never imports test support, and no import climbs
 * out of apps/api/src. Prints every offending import and exits 1 when there is one.
 *
 *   bun scripts/check-layers.ts
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/** Lowest first: a layer may import the layers before it and itself. */
export const LAYERS = ['core', 'http', 'jobs', 'features', 'server', 'entry'] as const;
export type Layer = (typeof LAYERS)[number] | 'test';

const sourceRoot = join(import.meta.dir, '..', 'apps', 'api', 'src');

/** Test files, the shared test support and `testing/` helpers beside a feature may import anything. */
function isTestCode(path: string): boolean {
  return path.endsWith('.test.ts') || path.startsWith('test/') || path.includes('/testing/');
}

export function layerOf(path: string): Layer {
  if (isTestCode(path)) return 'test';
  const top = path.split('/')[0]!;
  if (!path.includes('/')) return 'entry';
  if ((LAYERS as readonly string[]).includes(top)) return top as Layer;
  throw new Error(`${path} is in no layer: move it into one of ${LAYERS.join(', ')}`);
}

/** Why importing `to` from `from` breaks the layering, or undefined when it is allowed. */
export function violation(from: string, to: string): string | undefined {
  const source = layerOf(from);
  if (source === 'test' || to === '../package.json') return undefined;
  if (to.startsWith('..')) return `${from} imports ${to}, outside apps/api/src`;
  const target = layerOf(to);
  if (target === 'test') return `${from} (${source}) imports test code ${to}`;
  if (LAYERS.indexOf(target) > LAYERS.indexOf(source))
    return `${from} (${source}) imports ${to} (${target}), a higher layer`;
  return undefined;
}

/** The relative imports of a source text: static, dynamic and type-only. */
export function relativeImports(source: string): string[] {
  return [...source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) => match[1]!);
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(path) ? [path] : [];
  });
}

export function layerViolations(root = sourceRoot): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(root)) {
    const from = relative(root, file);
    for (const specifier of relativeImports(readFileSync(file, 'utf8'))) {
      const to = relative(root, normalize(join(dirname(file), specifier)));
      const problem = violation(from, to);
      if (problem) found.push(problem);
    }
  }
  return found;
}

if (import.meta.main) {
  const found = layerViolations();
  for (const problem of found) console.error(problem);
  console.log(found.length === 0 ? 'layers: ok' : `layers: ${found.length} imports break the layering`);
  process.exit(found.length === 0 ? 0 : 1);
}
