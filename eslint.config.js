// Lint rules: typescript-eslint's recommended set, checked in `npm test`.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'test-artifacts/', 'data/', 'coverage/', '.tap/', 'bench/results/', 'tap-snapshots/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through services/config.ts.' }]
    }
  },
  {
    files: ['services/config.ts', 'test/helpers/**'],
    rules: { 'no-restricted-properties': 'off' }
  }
)
