// Lint: TypeScript rules plus the architecture's import boundaries (README, "Who may import whom").
import tseslint from 'typescript-eslint';

const adapterBoundary = {
  patterns: [
    { regex: '^#(?!kit/)', message: 'Adapters import only the adapter kit (#kit/*).' },
    // Nothing outside the adapter's own folder, but the contract suite's fixture type.
    { regex: '^\\.\\./(?!\\.\\./tests/adapters/contract-fixture\\.ts$)', message: 'Adapters import only the adapter kit, never each other or the gateway.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'src/generated/**', 'data/**', 'reports/**', 'test-artifacts/**', 'src/web/assets/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['adapters/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', adapterBoundary] },
  },

  {
    // The kit is what adapters stand on: it must not reach into the gateway, the policy or the audit trail.
    files: ['src/adapter-kit/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['#src/*', '!#src/adapter-kit/*', '../gateway/*', '../policy/*', '../audit/*'], message: 'The adapter kit stays independent of the gateway.' }] }] },
  },
  {
    // The policy engine is pure: covenants and time in, decisions out.
    files: ['src/policy/**/*.ts'],
    ignores: ['src/policy/load-covenants.ts', 'src/policy/load-*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['node:fs', 'node:fs/promises', 'node:http', 'undici', 'pg', 'node:sqlite'], patterns: [{ group: ['#src/audit/*', '#src/gateway/*', '#adapters/*'], message: 'The policy engine is pure.' }] }] },
  },
);
