// @vitest-environment node
// The committed src/api/schema.d.ts must be what `npm run generate` makes from ../api/openapi.yaml today.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe('generated API types', () => {
  it('src/api/schema.d.ts is up to date with api/openapi.yaml (run `npm run generate`)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'innonet-schema-'));
    try {
      const out = join(dir, 'schema.d.ts');
      execFileSync(process.execPath, [join(root, 'node_modules/openapi-typescript/bin/cli.js'), join(root, '../api/openapi.yaml'), '-o', out], {
        cwd: root,
        stdio: 'pipe',
      });
      const fresh = readFileSync(out, 'utf8');
      const committed = readFileSync(join(root, 'src/api/schema.d.ts'), 'utf8');
      expect(committed === fresh, 'src/api/schema.d.ts is stale: run `npm run generate` in frontend/').toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
