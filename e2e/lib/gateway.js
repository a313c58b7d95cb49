// Starts `genochain-gateway` beside a dev node for a test, and stops (or kills) it.
//
// Its output goes to a log file under e2e/.logs (devnode.js's spawnLogged); a gateway that does
// not come up fails with the end of that log.

import { existsSync } from 'node:fs';
import { debugBinary, freePort, spawnLogged } from './devnode.js';

/**
 * Starts a gateway for the node at `wsUrl`, keeping its data in `dataDir` and signing with the
 * secret URI in `keyFile`. Resolves, once it answers service-info, to
 * `{ url, port, logPath, stop(), kill(), failure(reason) }`.
 */
export async function startGateway({ wsUrl, dataDir, keyFile, port, args = [] }) {
  const binary = process.env.GENOCHAIN_GATEWAY || debugBinary('genochain-gateway');
  if (!existsSync(binary)) {
    throw new Error(`genochain-gateway not found at ${binary}: build it with 'make build'`);
  }
  const listenPort = port ?? await freePort();
  const { exit, exited, logPath, failure, stop } = spawnLogged(binary, [
    '--node', wsUrl,
    '--custodian-key-file', keyFile,
    '--data-dir', dataDir,
    '--listen', `127.0.0.1:${listenPort}`,
    ...args,
  ], 'gateway');
  const url = `http://127.0.0.1:${listenPort}`;

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited()) throw failure('the gateway stopped before it served');
    try {
      const response = await fetch(`${url}/ga4gh/drs/v1/service-info`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw failure('the gateway did not serve within 60 s');
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  }
  return {
    url,
    port: listenPort,
    logPath,
    exit,
    failure,
    stop: () => stop('SIGINT'),
    kill: () => stop('SIGKILL'),
  };
}
