import { describe, expect, test } from 'bun:test';
import { layerOf, layerViolations, relativeImports, violation } from '../../../scripts/check-layers.ts';

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
    const source = "import { a } from './a.ts';\nimport type { B } from '../b.ts';\nconst c = await import('./c.ts');\nexport { d } from './d.ts';";
    expect(relativeImports(source)).toEqual(['./a.ts', '../b.ts', './c.ts', './d.ts']);
  });

  test('no import of apps/api/src climbs a layer', () => {
    expect(layerViolations()).toEqual([]);
  });
});
