// Linting of the app (server, admin, local plugin and config); Prettier owns the layout.
// Type-aware rules where a mistake is silent at run time (a promise nobody awaits); the no-unsafe-*
// family stays off while Strapi's query engine hands back untyped rows.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/', 'build/', '.strapi/', '.tmp/', 'node_modules/', 'types/generated/', 'public/', 'coverage/', 'src/admin/vite.config.example.ts'] },
  {
    files: ['src/**/*.{ts,tsx}', 'config/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    // The server's program, and the admin's (which also holds the local plugins' admin code).
    languageOptions: { parserOptions: { project: ['./tsconfig.json', './src/admin/tsconfig.json'], tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  prettier
);
