// The benchmark's own unit tests (pure modules only): `npx vitest run --config bench/vitest.config.ts`.
// Kept apart from the project's suite, which does not look into bench/.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: { include: ['bench/tests/**/*.test.ts'], environment: 'node', root: new URL('..', import.meta.url).pathname },
});
