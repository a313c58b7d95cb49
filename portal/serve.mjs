// Serves the built portal (dist/) on loopback: `node serve.mjs [--port N] [--rpc ws://…]`.
// The page asks the node named by its `?rpc=` parameter; `--rpc` only shapes the address printed.
// Imported by the browser test, which serves the portal on a free port of its own.

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const DIST = join(here, 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
};

/** The file under `root` that `url` names, or null when it names none (or lies outside root). */
function fileFor(root, url) {
  const path = decodeURIComponent(new URL(url, 'http://portal').pathname);
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  if (file !== root && !file.startsWith(root + sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/** Starts serving `root` on 127.0.0.1:`port` (0: any free port); resolves to the server. */
export function serve({ root = DIST, port = 8080 } = {}) {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`no built portal in ${root}: run 'npm run build' in portal/ (or 'make portal')`);
  }
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let file;
    try {
      file = fileFor(root, request.url);
    } catch {
      file = null;
    }
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    response.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      // The page talks to nothing but the node it is given.
      'Content-Security-Policy': "default-src 'self'; connect-src 'self' ws: wss:; " +
        "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:",
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const option = (name, fallback) => {
    const index = process.argv.indexOf(name);
    return index > 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
  };
  const port = Number(option('--port', process.env.PORTAL_PORT ?? '8080'));
  const rpc = option('--rpc', 'ws://127.0.0.1:9944');
  try {
    const server = await serve({ port });
    const { port: bound } = server.address();
    console.log(`portal: open http://127.0.0.1:${bound}/?rpc=${encodeURIComponent(rpc)}`);
  } catch (error) {
    console.error(`portal: ${error.code === 'EADDRINUSE' ? `port ${port} is in use; pass --port` : error.message}`);
    process.exit(1);
  }
}
