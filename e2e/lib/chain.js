// What every e2e test does with a running dev node: wait for something with a deadline (failing
// with the node's log when it dies), and sign and submit a transaction.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { hexToU8a, stringToU8a, u8aConcat } from '@polkadot/util';
import { blake2AsHex, cryptoWaitReady, decodeAddress } from '@polkadot/util-crypto';
import { startDevNode } from './devnode.js';

export const GENE = 10n ** 12n;
export const CONNECT_TIMEOUT_MS = 120_000;
export const BLOCK_TIMEOUT_MS = 60_000;
export const INCLUSION_TIMEOUT_MS = 60_000;

/** Rejects with `error()` when `promise` does not settle in `ms`, or when the node dies first. */
export function within(ms, promise, node, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(node.failure(`timed out after ${ms} ms ${what}`)), ms);
  });
  const died = node.exit.then(() => { throw node.failure(`the node stopped ${what}`); });
  return Promise.race([promise, timeout, died]).finally(() => clearTimeout(timer));
}

/**
 * Signs and sends `tx`; resolves once it is in a block with its events and, if it failed, the
 * pallet error as `section.name`.
 */
export function submit(api, node, tx, signer, what) {
  return within(INCLUSION_TIMEOUT_MS, new Promise((resolve, reject) => {
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (status.isInBlock || status.isFinalized) {
        // The dev chain finalizes each block at once, so the pool may report `Finalized`
        // without an `InBlock` first.
        const blockHash = status.isInBlock ? status.asInBlock : status.asFinalized;
        let error;
        if (dispatchError?.isModule) {
          const { section, name } = api.registry.findMetaError(dispatchError.asModule);
          error = `${section}.${name}`;
        } else if (dispatchError) {
          error = dispatchError.toString();
        }
        resolve({ events, blockHash, error });
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        reject(new Error(`${what} not included: ${status.type}`));
      }
    }).catch(reject);
  }), node, `waiting for ${what} to be included`);
}

/**
 * The id of `address`'s anchor of fingerprint `root`, as a wallet computes it before anchoring:
 * `blake2_256("genochain/anchorid" ‖ account ‖ root)`.
 */
export function anchorId(address, root) {
  return blake2AsHex(u8aConcat(stringToU8a('genochain/anchorid'), decodeAddress(address), hexToU8a(root)), 256);
}

/** Starts a dev node for a test (its log named after `name`) and connects to it: `{ node, api }`. */
export async function startDevChain(name) {
  await cryptoWaitReady();
  const node = await startDevNode({ name });
  // A debug node needs a while to build its genesis before the RPC server listens.
  await node.rpcReady(CONNECT_TIMEOUT_MS);
  const api = await within(CONNECT_TIMEOUT_MS, ApiPromise.create({ provider: new WsProvider(node.wsUrl) }),
    node, `connecting to ${node.wsUrl}`);
  return { node, api };
}

/**
 * Anchors the genome of root `0x` + `seed` × 32 for `who`, kept by `custodian`; resolves to the
 * anchor's id, or rejects with the chain's error.
 */
export async function anchorGenome(api, node, who, custodian, seed, what) {
  const root = `0x${seed.repeat(32)}`;
  const anchored = await submit(api, node,
    api.tx.genomeAnchor.anchor(root, 1000, 'GRCh38', 'V1', custodian.address, null), who, what);
  if (anchored.error) throw new Error(`${what} failed: ${anchored.error}`);
  return anchorId(who.address, root);
}
