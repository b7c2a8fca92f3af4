// The playground (docs/playground/): builds the page with the pure core bundled for the browser,
// then serves it on localhost.
//
//   npm run playground                        build into .cache/playground/ and serve (a free port)
//   npm run playground -- --port 8080         … on that port
//   npm run playground -- --build-only        only build
//   options: --out DIR (build directory), --host HOST (default 127.0.0.1)
//
// The page makes no requests of its own (its Content-Security-Policy forbids them); the server
// answers only for the page's three files.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(repoRoot, 'docs/playground');
export const defaultOutDir = join(repoRoot, '.cache/playground');

/** The same policy as the page's <meta>: its own script and style, no connection of any kind. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'none'; img-src 'none'; font-src 'none'; form-action 'none'; base-uri 'none'";

/** The example configs offered on the page: fixtures/configs/*.conf. */
function examples() {
  const dir = join(repoRoot, 'fixtures/configs');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.conf'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * Builds the page into `outDir` (emptied first): index.html, style.css and playground.js (the page
 * and the pure core, bundled for the browser: a Node built-in anywhere fails the build).
 * Returns the bundle's size in bytes.
 */
export async function buildPlayground(outDir = defaultOutDir) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [join(sourceDir, 'playground.ts')],
    outfile: join(outDir, 'playground.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    define: { PLAYGROUND_EXAMPLES: JSON.stringify(examples()) },
    absWorkingDir: repoRoot,
    logLevel: 'silent',
    metafile: true,
  });
  copyFileSync(join(sourceDir, 'index.html'), join(outDir, 'index.html'));
  copyFileSync(join(sourceDir, 'style.css'), join(outDir, 'style.css'));
  return Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
}

const FILES = new Map([
  ['/', ['index.html', 'text/html; charset=utf-8']],
  ['/index.html', ['index.html', 'text/html; charset=utf-8']],
  ['/style.css', ['style.css', 'text/css; charset=utf-8']],
  ['/playground.js', ['playground.js', 'text/javascript; charset=utf-8']],
]);

/** Serves the built page from `dir`; resolves to the listening server and its URL. */
export function servePlayground({ dir = defaultOutDir, host = '127.0.0.1', port = 0 } = {}) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = FILES.get(path);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || file === undefined) {
      res.writeHead(req.method === 'GET' || req.method === 'HEAD' ? 404 : 405, {
        'content-type': 'text/plain',
      });
      res.end('not found\n');
      return;
    }
    const body = readFileSync(join(dir, file[0]));
    res.writeHead(200, {
      'content-type': file[1],
      'content-length': body.length,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolvePromise({ server, url: `http://${shownHost}:${address.port}/` });
    });
  });
}

function parseArgs(argv) {
  const options = { buildOnly: false, port: 0, host: '127.0.0.1', outDir: defaultOutDir };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--build-only') options.buildOnly = true;
    else if (arg === '--port') {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) > 65535) throw new Error(`--port: not a port number: ${v}`);
      options.port = Number(v);
    } else if (arg === '--host') options.host = value();
    else if (arg === '--out') options.outDir = resolve(value());
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(
      `playground: ${e.message}\nUsage: npm run playground -- [--build-only] [--port N] [--host HOST] [--out DIR]`,
    );
    process.exit(2);
  }
  const bytes = await buildPlayground(options.outDir);
  console.log(
    `playground: built ${options.outDir} (playground.js ${(bytes / 1024).toFixed(1)} KB)`,
  );
  if (options.buildOnly) return;
  const { server, url } = await servePlayground({
    dir: options.outDir,
    host: options.host,
    port: options.port,
  });
  console.log(`playground: serving on ${url} (Ctrl-C stops)`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    for (const err of e.errors ?? []) console.error(`playground: ${err.text}`);
    console.error(`playground: ${e.message}`);
    process.exit(1);
  });
}
