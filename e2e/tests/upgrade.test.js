// A runtime upgrade as a chain without sudo makes it, on a dev node: two thirds of the Council
// whitelist `system.authorizeUpgrade(hash of the new runtime)`, a member dispatches it as Root,
// anyone submits the code, and the chain goes on under the next spec version with its state and
// balances as they were.
//
// The next runtime is this source's wasm built with the `increment-spec-version` feature, by
// runtime/variants (`make next-runtime`; `make test` builds it); $GENOCHAIN_NEXT_RUNTIME points
// elsewhere.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDevNode } from '../lib/devnode.js';
import { CONNECT_TIMEOUT_MS, GENE, submit, within } from '../lib/chain.js';

const UPGRADE_TIMEOUT_MS = 240_000;

/** The compact, compressed wasm of the next runtime. */
function nextRuntime() {
  if (process.env.GENOCHAIN_NEXT_RUNTIME) return process.env.GENOCHAIN_NEXT_RUNTIME;
  const targetDir = process.env.CARGO_TARGET_DIR ||
    join(process.env.HOME || '', '.cache', 'genochain', 'target');
  return join(targetDir, 'debug', 'wbuild', 'genochain-runtime',
    'genochain_runtime_next.compact.compressed.wasm');
}

/** The event `section.method` among `events`, or undefined. */
function eventOf(events, section, method) {
  return events.find(({ event }) => event.section === section && event.method === method)?.event;
}

describe('a runtime upgrade by Council motion, without sudo', () => {
  let node;
  let api;
  let keyring;

  before(async () => {
    const wasm = nextRuntime();
    if (!existsSync(wasm)) {
      throw new Error(`no next runtime at ${wasm}: build it with 'make next-runtime' ` +
        '(make test does)');
    }
    await cryptoWaitReady();
    node = await startDevNode({ name: 'upgrade' });
    await node.rpcReady(CONNECT_TIMEOUT_MS);
    api = await within(CONNECT_TIMEOUT_MS, ApiPromise.create({ provider: new WsProvider(node.wsUrl) }),
      node, `connecting to ${node.wsUrl}`);
    keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  });

  after(async () => {
    await api?.disconnect().catch(() => {});
    await node?.stop();
  });

  it('upgrades to the next spec version, and the chain goes on with its state intact', async () => {
    const [alice, bob, charlie, dave] = ['//Alice', '//Bob', '//Charlie', '//Dave']
      .map((uri) => keyring.addFromUri(uri));
    const code = readFileSync(nextRuntime());
    const codeHash = blake2AsHex(code, 256);
    const specVersion = api.runtimeVersion.specVersion.toNumber();

    // What must survive the upgrade: accounts the upgrade does not touch, and the registry.
    const untouched = ['//Eve', '//Ferdie', '//Lab', '//Custodian', '//Researcher']
      .map((uri) => keyring.addFromUri(uri).address);
    const accountsBefore = (await api.query.system.account.multi(untouched)).map((account) => account.toJSON());
    const organisationsBefore = (await api.query.registry.organisations.entries()).length;
    assert.ok(organisationsBefore > 0, 'no organisations to watch');

    // 1. Two thirds of the Council whitelist the call that authorises the code.
    const authorize = api.tx.system.authorizeUpgrade(codeHash);
    const whitelist = api.tx.whitelist.whitelistCall(blake2AsHex(authorize.method.toU8a(), 256));
    const length = whitelist.method.encodedLength;
    const proposed = await submit(api, node, api.tx.council.propose(2, whitelist, length), alice, 'the motion');
    assert.equal(proposed.error, undefined, `propose failed: ${proposed.error}`);
    const { proposalIndex, proposalHash } = eventOf(proposed.events, 'council', 'Proposed').data;
    for (const [member, name] of [[alice, 'Alice'], [bob, 'Bob']]) {
      const voted = await submit(api, node, api.tx.council.vote(proposalHash, proposalIndex, true), member,
        `${name}'s vote`);
      assert.equal(voted.error, undefined, `${name}'s vote failed: ${voted.error}`);
    }
    const weightBound = { refTime: 10_000_000_000n, proofSize: 1_000_000n };
    const closed = await submit(api, node,
      api.tx.council.close(proposalHash, proposalIndex, weightBound, length), charlie, 'closing the motion');
    assert.equal(closed.error, undefined, `close failed: ${closed.error}`);
    const executed = eventOf(closed.events, 'council', 'Executed');
    assert.ok(executed?.data.result.isOk, `the motion did not execute: ${executed?.data.result}`);
    assert.ok(eventOf(closed.events, 'whitelist', 'CallWhitelisted'), 'no Whitelist.CallWhitelisted event');

    // 2. A member dispatches the whitelisted call, as Root.
    const dispatch = api.tx.whitelist.dispatchWhitelistedCallWithPreimage(authorize);
    const dispatched = await submit(api, node,
      api.tx.council.execute(dispatch, dispatch.method.encodedLength), charlie, 'the dispatch');
    assert.equal(dispatched.error, undefined, `execute failed: ${dispatched.error}`);
    const memberExecuted = eventOf(dispatched.events, 'council', 'MemberExecuted');
    assert.ok(memberExecuted?.data.result.isOk, `the dispatch failed: ${memberExecuted?.data.result}`);
    const authorized = eventOf(dispatched.events, 'system', 'UpgradeAuthorized');
    assert.equal(authorized?.data.codeHash.toHex(), codeHash);

    // 3. Anyone submits the code; the chain switches once the (mock) relay chain lets it go ahead.
    const upgraded = new Promise((resolve) => {
      let unsubscribe;
      api.rpc.state.subscribeRuntimeVersion((version) => {
        if (version.specVersion.toNumber() > specVersion) {
          unsubscribe?.();
          resolve(version.specVersion.toNumber());
        }
      }).then((u) => { unsubscribe = u; });
    });
    const applied = await submit(api, node, api.tx.system.applyAuthorizedUpgrade(`0x${code.toString('hex')}`),
      dave, 'the code');
    assert.equal(applied.error, undefined, `applyAuthorizedUpgrade failed: ${applied.error}`);
    assert.ok(eventOf(applied.events, 'parachainSystem', 'ValidationFunctionStored'),
      'no ParachainSystem.ValidationFunctionStored event');
    const newVersion = await within(UPGRADE_TIMEOUT_MS, upgraded, node, 'waiting for the new runtime');
    assert.equal(newVersion, specVersion + 1);
    // The API takes up the new version (and its metadata) a moment after the node reports it; a
    // transaction signed before that carries the old spec version and is refused as badly signed.
    await within(CONNECT_TIMEOUT_MS, (async () => {
      while (api.runtimeVersion.specVersion.toNumber() !== newVersion) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })(), node, 'the API to take up the new runtime');

    // The chain goes on under the new runtime: blocks, and a transfer it executes.
    const transfer = await submit(api, node, api.tx.balances.transferKeepAlive(bob.address, GENE), alice,
      'a transfer under the new runtime');
    assert.equal(transfer.error, undefined, `transfer failed: ${transfer.error}`);
    const { specVersion: atTransfer } = await api.rpc.state.getRuntimeVersion(transfer.blockHash);
    assert.equal(atTransfer.toNumber(), specVersion + 1);
    const lastUpgrade = (await api.query.system.lastRuntimeUpgrade()).unwrap();
    assert.equal(lastUpgrade.specVersion.toNumber(), specVersion + 1);

    // State and balances are as they were.
    const accountsAfter = (await api.query.system.account.multi(untouched)).map((account) => account.toJSON());
    assert.deepEqual(accountsAfter, accountsBefore);
    assert.equal((await api.query.registry.organisations.entries()).length, organisationsBefore);
  });
});
