// The node the portal talks to, and the accounts a contributor signs with: those of the
// Polkadot.js extension, and on a development chain the well-known development accounts.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { web3Accounts, web3Enable, web3FromSource } from '@polkadot/extension-dapp';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/** The development chain's accounts, endowed in its genesis. */
const DEVELOPMENT_ACCOUNTS = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
/** The organisations the development chain accredits in its genesis: named, never signed with. */
const DEVELOPMENT_ORGANISATIONS = ['Lab', 'Custodian', 'Researcher'];

/** How long the first connection may take before the page says the node is unreachable. */
const CONNECT_TIMEOUT_MS = 15_000;
/** How soon the provider tries again once connected and then cut off. */
const RECONNECT_MS = 2_500;

/** The node's address: the page's `?rpc=` parameter, or a local node's default. */
export function endpointOf(location) {
  return new URLSearchParams(location.search).get('rpc') || 'ws://127.0.0.1:9944';
}

/**
 * Connects to `url`; rejects with an error naming the address when it cannot be reached the
 * first time. Once connected, the provider reconnects by itself when the node goes away.
 */
export async function connect(url) {
  if (!/^wss?:\/\//.test(url)) {
    throw new Error(`"${url}" is not a node address: it starts with ws:// or wss://`);
  }
  const unreachable = () => new Error(`the node at ${url} cannot be reached: is it running ` +
    '(make run), and is the address right?');
  const provider = new WsProvider(url, RECONNECT_MS);
  const api = new ApiPromise({ provider });
  let timer;
  let offError;
  try {
    await Promise.race([
      api.isReadyOrError,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(unreachable()), CONNECT_TIMEOUT_MS);
        offError = provider.on('error', () => reject(unreachable()));
      }),
    ]);
    return api;
  } catch (error) {
    await api.disconnect().catch(() => {});
    // A failed WebSocket rejects with an event that has no message: the node is unreachable.
    if (!(error instanceof Error) || error.message.includes('cannot be reached')) throw unreachable();
    throw new Error(`the node at ${url}: ${error.message}`);
  } finally {
    clearTimeout(timer);
    offError?.();
  }
}

/**
 * The accounts to choose from, `{ address, name, origin, pair?, source? }` (a key pair for
 * development accounts, the extension's source otherwise), and the names of other accounts the
 * portal knows: `{ signers, names }`.
 */
export async function accounts(api) {
  const found = [];
  const names = new Map();
  const chainType = await api.rpc.system.chainType();
  if (chainType.isDevelopment || chainType.isLocal) {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
    for (const name of DEVELOPMENT_ACCOUNTS) {
      const pair = keyring.addFromUri(`//${name}`, { name });
      found.push({ address: pair.address, name, origin: 'development account', pair });
    }
    for (const name of DEVELOPMENT_ORGANISATIONS) {
      names.set(keyring.addFromUri(`//${name}`).address, name);
    }
  }
  const extensions = await web3Enable('Genochain portal');
  if (extensions.length > 0) {
    for (const account of await web3Accounts({ ss58Format: api.registry.chainSS58 })) {
      found.push({
        address: account.address,
        name: account.meta.name || account.address,
        origin: `extension ${account.meta.source}`,
        source: account.meta.source,
      });
    }
  }
  for (const account of found) names.set(account.address, account.name);
  return { signers: found, names };
}

/** What `signAndSend` takes to sign as `account`: `[signerOrPair, options]`. */
export async function signingOf(account) {
  if (account.pair) return [account.pair, {}];
  const injected = await web3FromSource(account.source);
  return [account.address, { signer: injected.signer }];
}
