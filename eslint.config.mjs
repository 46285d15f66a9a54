import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'crypto', 'http', 'https', 'net', 'os', 'child_process', 'worker_threads', 'stream', 'events', 'util', 'timers', 'process'];
const ioModules = ['ioredis', 'kafkajs', 'stripe', 'postgres', 'drizzle-orm', 'drizzle-orm/*', 'fastify', 'pino', 'prom-client', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'];

export default tseslint.config(
  { ignores: ['node_modules/**', '.stack/**', 'dist/**', 'db/migrations/**', 'web/**/*.js', 'dev/**/*.mjs', 'cli/bin.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Workflow code must stay deterministic: no Node built-ins, no I/O clients, no wall clock.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.flatMap((m) => [m, `node:${m}`]),
        patterns: [{ group: ['node:*', ...ioModules, '../activities/*/!(types)*'], message: 'workflows/ may import only domain/, @temporalio/workflow and activity types' }],
      }],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'process'],
    },
  },
  {
    // The pure core: no I/O at all.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.flatMap((m) => [m, `node:${m}`]),
        patterns: [{ group: ['node:*', ...ioModules, '@temporalio/*'], message: 'domain/ is pure: no I/O imports' }],
      }],
      'no-console': 'error',
    },
  },
  {
    files: ['api/**/*.ts', 'activities/**/*.ts', 'db/**/*.ts', 'workers/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
);
