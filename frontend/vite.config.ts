/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

// dist/.keep is committed (the Go embed needs a file there on a fresh clone), so Vite must not remove the
// folder: this empties it of everything else before a build instead.
function cleanDistKeepingPlaceholder(): Plugin {
  return {
    name: 'innonet-clean-dist',
    apply: 'build',
    buildStart() {
      const dir = join(import.meta.dirname, 'dist');
      let names: string[] = [];
      try {
        names = readdirSync(dir);
      } catch {
        return;
      }
      for (const name of names) {
        if (name !== '.keep') rmSync(join(dir, name), { recursive: true, force: true });
      }
    },
  };
}

// The API server to develop against (`npm run dev` proxies /api to it).
const apiTarget = process.env.INNONET_API ?? 'http://127.0.0.1:8090';

export default defineConfig({
  plugins: [react(), cleanDistKeepingPlaceholder()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    assetsInlineLimit: 0,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    testTimeout: 30000,
  },
});
