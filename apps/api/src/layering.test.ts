import { describe, expect, test } from 'bun:test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { layerOf, layerViolations, relativeImports, violation } from '../../../scripts/check-layers.ts';
import { findCycles, importGraph } from '../../../scripts/import-cycles.ts';

const repositoryRoot = join(import.meta.dir, '..', '..', '..');

function consoleSources(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    if (entry === 'node_modules' || entry.startsWith('.')) return [];
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) return consoleSources(path);
    return /\.tsx?$/.test(path) ? [path] : [];
  });
}

describe('the layers of docs/architecture.md', () => {
  test('the check refuses an import that climbs, and allows one that descends (positive controls)', () => {
    expect(violation('core/identity/identity.ts', 'http/request-state.ts')).toContain('a higher layer');
    expect(violation('http/plugins/auth.ts', 'features/objects/kind.ts')).toContain('a higher layer');
    expect(violation('features/users/kind.ts', 'server/app.ts')).toContain('a higher layer');
    expect(violation('jobs/outbound/poller.ts', 'features/integrations/webhook-kind.ts')).toContain('a higher layer');
    expect(violation('features/users/kind.ts', 'test/fixtures.ts')).toContain('test code');
    expect(violation('core/context.ts', '../../../packages/db/src/index.ts')).toContain('outside');
    expect(violation('features/users/kind.ts', 'core/identity/identity.ts')).toBeUndefined();
    expect(violation('server/app.ts', 'features/users/index.ts')).toBeUndefined();
    expect(violation('features/users/users.test.ts', 'server/app.ts')).toBeUndefined();
    expect(layerOf('index.ts')).toBe('entry');
    expect(() => layerOf('modules/users/kind.ts')).toThrow('in no layer');
  });

  test('every kind of import is read: static, type-only and dynamic', () => {
    const source =
      "import { a } from './a.ts';\nimport type { B } from '../b.ts';\nconst c = await import('./c.ts');\nexport { d } from './d.ts';";
    expect(relativeImports(source)).toEqual(['./a.ts', '../b.ts', './c.ts', './d.ts']);
  });

  test('no import of apps/api/src climbs a layer', () => {
    expect(layerViolations()).toEqual([]);
  });

  test('the cycle finder finds a cycle (positive control)', () => {
    const cycles = findCycles([
      { from: 'a.ts', to: 'b.ts', kind: 'static', specifier: './b.ts' },
      { from: 'b.ts', to: 'a.ts', kind: 'dynamic', specifier: './a.ts' },
      { from: 'b.ts', to: 'c.ts', kind: 'static', specifier: './c.ts' },
    ]);
    expect(cycles.map((cycle) => cycle.files)).toEqual([['a.ts', 'b.ts']]);
  });

  test('neither the API nor the console has an import cycle that runs', () => {
    for (const folder of ['apps/api/src', 'apps/admin']) {
      const edges = importGraph(join(repositoryRoot, folder)).filter((edge) => edge.kind !== 'type');
      expect(edges.length).toBeGreaterThan(150);
      expect(findCycles(edges).map((cycle) => cycle.files)).toEqual([]);
    }
  });

  test('the console imports through the @/ alias rather than climbing two folders', () => {
    const climbing = consoleSources(join(repositoryRoot, 'apps/admin')).filter((file) =>
      /from\s+['"]\.\.\/\.\.\//.test(readFileSync(file, 'utf8')),
    );
    expect(climbing).toEqual([]);
  });
});
