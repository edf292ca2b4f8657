// Lint: TypeScript rules. The architecture's import rules are dependency-cruiser's (.dependency-cruiser.cjs,
// made from layers.json); `npm run lint` runs both.
import tseslint from 'typescript-eslint';

// ESLint's recommended JavaScript rules: what @eslint/js's `recommended` turns on in ESLint 10 (the rules whose
// docs say recommended). @eslint/js is not installed, so they are listed here, for the console's browser code.
const RECOMMENDED_JS_RULES = [
  'constructor-super', 'for-direction', 'getter-return', 'no-async-promise-executor', 'no-case-declarations', 'no-class-assign',
  'no-compare-neg-zero', 'no-cond-assign', 'no-const-assign', 'no-constant-binary-expression', 'no-constant-condition',
  'no-control-regex', 'no-debugger', 'no-delete-var', 'no-dupe-args', 'no-dupe-class-members', 'no-dupe-else-if', 'no-dupe-keys',
  'no-duplicate-case', 'no-empty', 'no-empty-character-class', 'no-empty-pattern', 'no-empty-static-block', 'no-ex-assign',
  'no-extra-boolean-cast', 'no-fallthrough', 'no-func-assign', 'no-global-assign', 'no-import-assign', 'no-invalid-regexp',
  'no-irregular-whitespace', 'no-loss-of-precision', 'no-misleading-character-class', 'no-new-native-nonconstructor',
  'no-nonoctal-decimal-escape', 'no-obj-calls', 'no-octal', 'no-prototype-builtins', 'no-redeclare', 'no-regex-spaces',
  'no-self-assign', 'no-setter-return', 'no-shadow-restricted-names', 'no-sparse-arrays', 'no-this-before-super',
  'no-unassigned-vars', 'no-undef', 'no-unexpected-multiline', 'no-unreachable', 'no-unsafe-finally', 'no-unsafe-negation',
  'no-unsafe-optional-chaining', 'no-unused-labels', 'no-unused-private-class-members', 'no-unused-vars', 'no-useless-assignment',
  'no-useless-backreference', 'no-useless-catch', 'no-useless-escape', 'no-with', 'preserve-caught-error', 'require-yield',
  'use-isnan', 'valid-typeof',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'src/generated/**', 'examples/client/gql/**', 'data/**', 'reports/**', 'test-artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The privacy console's browser modules (src/web/assets, served as they are, no build): the browser
    // globals they use (the `globals` package is not installed) and the recommended JavaScript rules.
    files: ['src/web/assets/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(['window', 'document', 'fetch', 'Node', 'HTMLElement', 'HTMLButtonElement', 'HTMLFormElement',
        'HTMLInputElement', 'HTMLSelectElement'].map((name) => [name, 'readonly'])),
    },
    rules: {
      ...Object.fromEntries(RECOMMENDED_JS_RULES.map((rule) => [rule, 'error'])),
      // The typescript-eslint version (above, with its `_` patterns) reports unused variables.
      'no-unused-vars': 'off',
      // The browser takes a relative import as written: it must name the file, `.js` included. Bare
      // specifiers are resolved by the page's import map (index.html).
      'no-restricted-syntax': ['error', {
        selector: 'ImportDeclaration[source.value=/^[.]{1,2}[/](?!.*[.]js$)/]',
        message: 'A relative import in the console must end in .js: the browser loads it as written.',
      }],
    },
  },
  {
    files: ['.dependency-cruiser.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
