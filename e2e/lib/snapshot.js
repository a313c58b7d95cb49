// A snapshot of a running chain's state, for the runtime's try-runtime checks
// (runtime/tests/try_runtime.rs): every top-level storage pair at the best block but the runtime
// code, which the checks, running the new runtime natively, do not need.

import { WsProvider } from '@polkadot/api';
import { renameSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The well-known key of the runtime code: `:code`. */
const CODE_KEY = '0x3a636f6465';
const PAGE = 1000;

/**
 * Writes the state of the chain at `wsUrl` at its best block to `path` as JSON:
 * `{ specVersion, blockNumber, blockHash, pairs: [[key, value], ...] }`, keys and values in hex.
 * Written to a temporary file first: `path` is either the whole snapshot or untouched.
 */
export async function writeSnapshot(wsUrl, path) {
  const provider = new WsProvider(wsUrl, false);
  await provider.connect();
  await provider.isReady;
  try {
    const send = (method, params) => provider.send(method, params);
    const blockHash = await send('chain_getBlockHash', []);
    const header = await send('chain_getHeader', [blockHash]);
    const { specVersion } = await send('state_getRuntimeVersion', [blockHash]);
    const pairs = [];
    for (let start = null; ;) {
      const keys = await send('state_getKeysPaged', ['0x', PAGE, start, blockHash]);
      const wanted = keys.filter((key) => key !== CODE_KEY);
      if (wanted.length > 0) {
        const [changeSet] = await send('state_queryStorageAt', [wanted, blockHash]);
        for (const [key, value] of changeSet.changes) {
          if (value !== null) pairs.push([key, value]);
        }
      }
      if (keys.length < PAGE) break;
      start = keys[keys.length - 1];
    }
    const snapshot = { specVersion, blockNumber: parseInt(header.number, 16), blockHash, pairs };
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.partial`, JSON.stringify(snapshot));
    renameSync(`${path}.partial`, path);
    return snapshot;
  } finally {
    await provider.disconnect();
  }
}
