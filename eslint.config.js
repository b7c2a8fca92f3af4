// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs',
  'fs/promises', 'http', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process',
  'readline', 'stream', 'timers', 'tty', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

// Perl's primitives live in src/perl/ only (issue 13): no second copy anywhere in src/.
const perlPrimitives = [
  'isPerlTrue', 'perlTrue', 'perlSplit', 'splitList', 'isPerlSpace', 'isSpace', 'isPerlBlank', 'isBlank',
  'perlNumber', 'isPerlNumber', 'isPerlInteger', 'compareBytewise', 'perlIntOfDigits', 'perlFormatG15',
].join('|');
const perlRedefinitions = [`FunctionDeclaration[id.name=/^(${perlPrimitives})$/]`, `VariableDeclarator[id.name=/^(${perlPrimitives})$/]`].map(
  (selector) => ({ selector, message: 'Perl primitives have one home: import it from src/perl/ instead of re-defining it.' }),
);
// JavaScript `\s`/`\S` match Unicode spaces (U+00A0, U+2028…); Perl's, on bytes, only ASCII ones.
const jsWhitespace = [
  'Literal[regex.pattern=/\\\\[sS]/]',
  "NewExpression[callee.name='RegExp'] > Literal.arguments:first-child[value=/\\\\[sS]/]",
  "NewExpression[callee.name='RegExp'] > TemplateLiteral.arguments:first-child > TemplateElement[value.raw=/\\\\\\\\[sS]/]",
].map((selector) => ({ selector, message: 'JavaScript \\s is Unicode-aware; use PERL_SPACE / isPerlSpace from src/perl/ (Perl \\s is ASCII-only).' }));
const noNewDate = { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time is a parameter of the pure core.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'fixtures/**', 'docs/api/html/**', '.cache/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly', Buffer: 'readonly' },
    },
  },
  {
    // The pure core: no Node built-ins, no clock, no randomness, no environment.
    files: ['src/**/*.ts'],
    ignores: ['src/effects/**', 'src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.flatMap((name) => [
            { name, message: 'The pure core imports no Node built-ins (only src/effects and src/cli may).' },
            { name: `node:${name}`, message: 'The pure core imports no Node built-ins (only src/effects and src/cli may).' },
          ]),
          patterns: [{ group: ['node:*'], message: 'The pure core imports no Node built-ins.' }],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'The pure core reads no environment: pass values in.' },
        { name: 'require', message: 'ESM only.' },
        { name: 'Buffer', message: 'Use Uint8Array in the pure core.' },
        { name: 'console', message: 'The pure core returns diagnostics instead of printing.' },
        { name: 'setTimeout', message: 'The pure core has no timers.' },
        { name: 'setInterval', message: 'The pure core has no timers.' },
        { name: 'crypto', message: 'Randomness and UUIDs are parameters of the pure core.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Randomness is a parameter (see RandomSource).' },
        { object: 'Date', property: 'now', message: 'Time is a parameter of the pure core.' },
        { object: 'performance', property: 'now', message: 'Time is a parameter of the pure core.' },
      ],
      'no-restricted-syntax': ['error', noNewDate, ...perlRedefinitions, ...jsWhitespace],
    },
  },
  {
    files: ['src/effects/**/*.ts', 'src/cli/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...perlRedefinitions] },
  },
  { files: ['src/perl/**/*.ts'], rules: { 'no-restricted-syntax': ['error', noNewDate, ...jsWhitespace] } },
);
