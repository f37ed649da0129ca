// ESLint flat config. Besides style, it enforces the architecture: lib/core is pure (DESIGN.md §2).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const frameworkImports = [
  { group: ['cdktf', 'cdktf/*'], message: 'lib/core must not depend on cdktf: keep decisions framework-free.' },
  { group: ['constructs', 'constructs/*'], message: 'lib/core must not depend on constructs.' },
  { group: ['@cdktf/*'], message: 'lib/core must not depend on provider bindings.' },
];
const nodeImports = [
  { group: ['fs', 'fs/*', 'node:fs', 'node:fs/*', 'path', 'node:path', 'os', 'node:os', 'child_process', 'node:child_process'],
    message: 'lib/core is pure: no files, paths, OS or processes.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'cdktf.out/**', 'coverage/**', 'reports/**', '.stryker-tmp/**', 'bench/out/**', 'dist-bench/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', __filename: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // A relative import climbing more levels than the file sits below lib/core leaves the core.
  ...[1, 2, 3, 4].map((depth) => ({
    files: [`lib/core/${'*/'.repeat(depth - 1)}*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...frameworkImports,
          ...nodeImports,
          { group: [`${'../'.repeat(depth)}**`], message: 'lib/core imports only from lib/core.' },
        ],
      }],
    },
  })),
  {
    files: ['lib/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error',
        { name: 'process', message: 'lib/core reads no environment.' },
        { name: 'require', message: 'lib/core uses static imports only.' },
      ],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'lib/core reads no clock: synth must be byte-identical any day.' },
        { object: 'Math', property: 'random', message: 'lib/core uses no randomness.' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date']", message: 'lib/core reads no clock: synth must be byte-identical any day.' },
      ],
    },
  },
  {
    // The CLI reads inventories and uses the core's decisions; it never needs cdktf (DESIGN.md §2).
    files: ['lib/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...frameworkImports, { group: ['../constructs', '../constructs/*'], message: 'lib/cli depends on lib/core only.' }],
      }],
    },
  },
  {
    files: ['test/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: frameworkImports }],
    },
  },
);
