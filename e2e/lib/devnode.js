// Starts `genochain-node --dev` on free loopback ports for a test and stops it afterwards.
//
// The node's output goes to a log file under e2e/.logs; when the node cannot be reached the
// error carries the end of that log, so a failed start explains itself.

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const logDir = join(repoRoot, 'e2e', '.logs');

/** A binary of the workspace's debug build in the shared target directory. */
export function debugBinary(name) {
  const targetDir = process.env.CARGO_TARGET_DIR ||
    join(process.env.HOME || '', '.cache', 'genochain', 'target');
  return join(targetDir, 'debug', name);
}

/** The node binary: $GENOCHAIN_NODE, or the debug build. */
export function nodeBinary() {
  return process.env.GENOCHAIN_NODE || debugBinary('genochain-node');
}

/** The repository's root directory. */
export { repoRoot };

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function tail(path, lines = 60) {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log was written)';
  }
}

/**
 * Runs `binary` with `args` for a test, its output in e2e/.logs/NAME-TIME.log. Returns
 * `{ child, exit, exited(), logPath, failure(reason), stop(signal) }`: `stop` (SIGTERM unless
 * told otherwise, SIGKILL after 10 s) is idempotent and also runs when the test process exits,
 * so nothing outlives its test; `failure` makes an error carrying the end of the log.
 */
export function spawnLogged(binary, args, name) {
  mkdirSync(logDir, { recursive: true });
  const logPath = join(logDir, `${name}-${Date.now()}.log`);
  const log = createWriteStream(logPath);
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);

  let exited = null;
  const exit = new Promise((resolveExit) => child.on('exit', (code, signal) => {
    exited = { code, signal };
    resolveExit(exited);
  }));

  const kill = () => { if (!exited) child.kill('SIGKILL'); };
  process.once('exit', kill);

  const stop = async (signal = 'SIGTERM') => {
    process.removeListener('exit', kill);
    if (!exited) {
      child.kill(signal);
      const timer = setTimeout(kill, 10_000);
      await exit;
      clearTimeout(timer);
    }
    await new Promise((done) => log.end(done));
  };

  const program = basename(binary);
  const failure = (reason) => new Error(
    `${reason}\n--- ${program} ${exited ? `exited (${JSON.stringify(exited)})` : 'is running'}; ` +
    `last lines of ${logPath}:\n${tail(logPath)}`);
  return { child, exit, exited: () => exited, logPath, failure, stop };
}

/**
 * Starts a dev node. Returns `{ wsUrl, logPath, failure(reason), stop() }`; `stop` is idempotent
 * and also runs when the test process exits, so no node outlives its test.
 */
export async function startDevNode({ name = 'journey' } = {}) {
  const binary = nodeBinary();
  if (!existsSync(binary)) {
    throw new Error(`genochain-node not found at ${binary}: build it with 'make build' ` +
      'or point GENOCHAIN_NODE at it');
  }
  const [rpcPort, p2pPort] = [await freePort(), await freePort()];
  const { exit, exited, logPath, failure, stop } = spawnLogged(binary, [
    '--dev',
    '--rpc-port', String(rpcPort),
    '--port', String(p2pPort),
    '--no-prometheus',
    '--no-hardware-benchmarks',
    '--no-mdns',
  ], name);

  /** Resolves once the RPC server answers `system_health`; rejects if the node dies or `ms` pass. */
  const rpcReady = async (ms) => {
    const deadline = Date.now() + ms;
    const body = JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'system_health', params: [] });
    while (Date.now() < deadline) {
      if (exited()) throw failure('the node stopped before its RPC server answered');
      try {
        const response = await fetch(`http://127.0.0.1:${rpcPort}`, {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body,
        });
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolveWait) => setTimeout(resolveWait, 500));
    }
    throw failure(`the RPC server on port ${rpcPort} did not answer within ${ms} ms`);
  };

  return { wsUrl: `ws://127.0.0.1:${rpcPort}`, logPath, exit, stop: () => stop(), failure, rpcReady };
}
