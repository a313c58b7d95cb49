// The first journey of a Polkadot.js user: connect to a `--dev` chain, see it produce blocks,
// read what it is (GENE, 12 decimals, SS58 42, its pallets) and move GENE from Alice to Bob.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startDevNode } from '../lib/devnode.js';

const GENE = 10n ** 12n;
const CONNECT_TIMEOUT_MS = 120_000;
const BLOCK_TIMEOUT_MS = 60_000;
const INCLUSION_TIMEOUT_MS = 60_000;

/** Rejects with `error()` when `promise` does not settle in `ms`, or when the node dies first. */
function within(ms, promise, node, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(node.failure(`timed out after ${ms} ms ${what}`)), ms);
  });
  const died = node.exit.then(() => { throw node.failure(`the node stopped ${what}`); });
  return Promise.race([promise, timeout, died]).finally(() => clearTimeout(timer));
}

describe('genochain-node --dev, through @polkadot/api', () => {
  let node;
  let api;
  let alice;
  let bob;

  before(async () => {
    await cryptoWaitReady();
    node = await startDevNode({ name: 'journey' });
    // A debug node needs a while to build its genesis before the RPC server listens.
    await node.rpcReady(CONNECT_TIMEOUT_MS);
    api = await within(CONNECT_TIMEOUT_MS, ApiPromise.create({ provider: new WsProvider(node.wsUrl) }),
      node, `connecting to ${node.wsUrl}`);
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    alice = keyring.addFromUri('//Alice');
    bob = keyring.addFromUri('//Bob');
  });

  after(async () => {
    await api?.disconnect().catch(() => {});
    await node?.stop();
  });

  it('produces new blocks', async () => {
    const first = (await api.rpc.chain.getHeader()).number.toNumber();
    const later = await within(BLOCK_TIMEOUT_MS, new Promise((resolve) => {
      let unsubscribe;
      api.rpc.chain.subscribeNewHeads((header) => {
        if (header.number.toNumber() >= first + 2) {
          unsubscribe?.();
          resolve(header.number.toNumber());
        }
      }).then((u) => { unsubscribe = u; });
    }), node, `waiting for two blocks after #${first}`);
    assert.ok(later >= first + 2, `expected block #${first + 2}, saw #${later}`);
  });

  it('answers system_properties with GENE, 12 decimals and SS58 format 42', async () => {
    const properties = await api.rpc.system.properties();
    assert.deepEqual(properties.tokenSymbol.unwrap().map(String), ['GENE']);
    assert.deepEqual(properties.tokenDecimals.unwrap().map(Number), [12]);
    assert.equal(properties.ss58Format.unwrap().toNumber(), 42);
    assert.equal(api.registry.chainDecimals[0], 12);
    assert.equal(api.registry.chainTokens[0], 'GENE');
  });

  it('serves the Genochain runtime and its metadata', async () => {
    assert.equal(api.runtimeVersion.specName.toString(), 'genochain');
    assert.equal((await api.rpc.system.chain()).toString(), 'Genochain Development');
    assert.ok(api.runtimeMetadata.version >= 14, `metadata v${api.runtimeMetadata.version}`);
    const pallets = api.runtimeMetadata.asLatest.pallets.map((pallet) => pallet.name.toString());
    for (const pallet of ['System', 'ParachainSystem', 'Balances', 'TransactionPayment',
      'CollatorSelection', 'Aura', 'PolkadotXcm', 'Utility', 'Multisig', 'Proxy', 'Council',
      'EthicsCommittee', 'Sudo']) {
      assert.ok(pallets.includes(pallet), `pallet ${pallet} missing from ${pallets.join(', ')}`);
    }
    assert.equal((await api.query.sudo.key()).toString(), alice.address);
  });

  it('transfers GENE from Alice to Bob in a signed extrinsic', async () => {
    const amount = 12n * GENE;

    const { events, blockHash } = await within(INCLUSION_TIMEOUT_MS, new Promise((resolve, reject) => {
      api.tx.balances.transferKeepAlive(bob.address, amount)
        .signAndSend(alice, ({ status, events, dispatchError }) => {
          if (dispatchError) {
            reject(new Error(`transfer failed: ${dispatchError.toString()}`));
          } else if (status.isInBlock || status.isFinalized) {
            // The dev chain finalizes each block at once, so the pool may report `Finalized`
            // without an `InBlock` first.
            resolve({ events, blockHash: status.isInBlock ? status.asInBlock : status.asFinalized });
          } else if (status.isInvalid || status.isDropped || status.isUsurped) {
            reject(new Error(`transfer not included: ${status.type}`));
          }
        })
        .catch(reject);
    }), node, 'waiting for the transfer to be included');

    const isTransfer = ({ event }) => api.events.balances.Transfer.is(event);
    const transfer = events.find((record) => isTransfer(record) &&
      record.event.data.from.toString() === alice.address);
    assert.ok(transfer, `no Balances.Transfer from Alice among ${events.map(({ event }) => `${event.section}.${event.method}`)}`);
    assert.equal(transfer.event.data.to.toString(), bob.address);
    assert.equal(transfer.event.data.amount.toBigInt(), amount);
    assert.ok(events.some(({ event }) => api.events.system.ExtrinsicSuccess.is(event)));

    const feeEvent = events.find(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event));
    assert.ok(feeEvent, 'no TransactionPayment.TransactionFeePaid event');
    const fee = feeEvent.event.data.actualFee.toBigInt() + feeEvent.event.data.tip.toBigInt();
    assert.ok(fee > 0n, 'the transfer paid no fee');

    // Balances just before and right after the block. Alice also collates on the dev chain, so
    // the block may pay her a collator reward from the fee pot: count every other transfer the
    // block makes to her or to Bob.
    const header = await api.rpc.chain.getHeader(blockHash);
    const [before, afterwards] = [await api.at(header.parentHash), await api.at(blockHash)];
    const free = async (at) => (await at.query.system.account.multi([alice.address, bob.address]))
      .map((account) => account.data.free.toBigInt());
    const [aliceBefore, bobBefore] = await free(before);
    const [aliceAfter, bobAfter] = await free(afterwards);
    const receivedOtherwise = (who) => (afterwards.query.system.events()).then((records) => records
      .filter((record) => isTransfer(record) && record.event.data.to.toString() === who &&
        record.event.data.from.toString() !== alice.address)
      .reduce((sum, record) => sum + record.event.data.amount.toBigInt(), 0n));

    assert.equal(bobAfter - bobBefore, amount + await receivedOtherwise(bob.address),
      "Bob's balance did not grow by the amount");
    assert.equal(aliceBefore - aliceAfter, amount + fee - await receivedOtherwise(alice.address),
      "Alice's balance did not shrink by the amount and the fee");
  });
});
