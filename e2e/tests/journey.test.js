// The journeys of Polkadot.js users on a `--dev` chain: see it produce blocks, read what it is
// (GENE, 12 decimals, SS58 42, its pallets) and move GENE from Alice to Bob; then a data subject
// anchors their genome and grants consent over it, the custodian's access is recorded, the subject
// revokes, and the next access is refused by the chain with the consent error; a consent over all
// of one subject's data is refused for another subject's genome; a contributor fingerprints a
// VCF with the `genochain` CLI, anchors the root and proves one variant, and its absence, on chain; and
// another anchors with the CLI itself and checks a proof against the chain with `verify --node`;
// and a researcher opens a study with an escrowed budget, a contributor enrols their anchored
// genome, the custodian confirms the delivery and, blocks later, the contributor has earned
// exactly the reward and the treasury exactly the fee.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex } from '@polkadot/util-crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { debugBinary, repoRoot } from '../lib/devnode.js';
import { writeSnapshot } from '../lib/snapshot.js';
import {
  anchorGenome, anchorId, BLOCK_TIMEOUT_MS, CONNECT_TIMEOUT_MS, GENE, startDevChain, submit, within,
} from '../lib/chain.js';

describe('genochain-node --dev, through @polkadot/api', () => {
  let node;
  let api;
  let alice;
  let bob;
  // Accredited in the development genesis.
  let custodian;
  let researcher;

  before(async () => {
    ({ node, api } = await startDevChain('journey'));
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    alice = keyring.addFromUri('//Alice');
    bob = keyring.addFromUri('//Bob');
    custodian = keyring.addFromUri('//Custodian');
    researcher = keyring.addFromUri('//Researcher');
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
      'EthicsCommittee', 'Whitelist', 'Preimage', 'SafeMode', 'TxPause', 'Registry', 'Consent',
      'GenomeAnchor', 'DataMarket', 'Redaction', 'XcmVerifier', 'Sudo']) {
      assert.ok(pallets.includes(pallet), `pallet ${pallet} missing from ${pallets.join(', ')}`);
    }
    // The client other chains add is compiled into the benchmark runtime only.
    assert.ok(!pallets.includes('VerifierClient'), 'VerifierClient in the served runtime');
    assert.equal((await api.query.sudo.key()).toString(), alice.address);
  });

  it('transfers GENE from Alice to Bob in a signed extrinsic', async () => {
    const amount = 12n * GENE;

    const { events, blockHash, error } = await submit(api, node,
      api.tx.balances.transferKeepAlive(bob.address, amount), alice, 'the transfer');
    assert.equal(error, undefined, `transfer failed: ${error}`);

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

  /** Anchors `seed`'s root for `who`, kept by the custodian; resolves to the anchor's id. */
  function anchorGenomeOf(who, seed, what) {
    return anchorGenome(api, node, who, custodian, seed, what);
  }

  const hmbResearch = { purpose: 'HealthMedicalBiomedical' };
  /** Terms letting the researcher use the variants of `data` for HMB research, from now on. */
  const hmbTerms = (data) => ({
    grantee: { Account: researcher.address },
    scope: { data, categories: ['Variants'] },
    purpose: { permission: 'HealthMedicalBiomedical', modifiers: [] },
    validFrom: 0,
    validUntil: null,
    documentHash: `0x${'dc'.repeat(32)}`,
    approvers: [],
    approvalThreshold: 0,
  });
  const consentEvent = (events, method) => events.find(({ event }) => event.section === 'consent' &&
    event.method === method)?.event;

  it('refuses an access once the subject revokes the consent that covered it', async () => {
    const eventOf = consentEvent;
    // Bob, the data subject, anchors his genome with the custodian keeping it: the dataset.
    const dataset = await anchorGenomeOf(bob, 'd5', "Bob's anchor");

    // Bob grants HMB research use of his genome's variants to the researcher.
    const grant = api.tx.consent.grant(hmbTerms({ Dataset: dataset }));
    const granted = await submit(api, node, grant, bob, 'the grant');
    assert.equal(granted.error, undefined, `grant failed: ${granted.error}`);
    const consentGranted = eventOf(granted.events, 'ConsentGranted');
    assert.ok(consentGranted, 'no Consent.ConsentGranted event');
    assert.ok(eventOf(granted.events, 'ConsentActivated'), 'no Consent.ConsentActivated event');
    const consentId = consentGranted.data.consentId.toNumber();
    assert.equal(consentGranted.data.subject.toString(), bob.address);
    const holds = await api.query.balances.holds(bob.address);
    assert.ok(holds.some((hold) => hold.id.toString().includes('ConsentDeposit') && hold.amount.toBigInt() > 0n),
      `no consent deposit among Bob's holds: ${holds.toString()}`);

    // The runtime API agrees before any transaction.
    const check = () => api.call.consentApi.checkAccess(researcher.address, bob.address, dataset,
      'Variants', hmbResearch);
    const allowed = await check();
    assert.ok(allowed.isOk && allowed.asOk.toNumber() === consentId, `checkAccess: ${allowed}`);

    // The custodian records the researcher's access.
    const recordAccess = () => api.tx.consent.recordAccess(consentId, researcher.address, dataset,
      'Variants', hmbResearch);
    const recorded = await submit(api, node, recordAccess(), custodian, 'the first access');
    assert.equal(recorded.error, undefined, `access refused: ${recorded.error}`);
    const access = eventOf(recorded.events, 'AccessRecorded');
    assert.ok(access, 'no Consent.AccessRecorded event');
    assert.equal(access.data.accessIndex.toNumber(), 0);
    const record = (await api.query.consent.consents(consentId)).unwrap();
    assert.equal(record.accesses.toNumber(), 1);
    assert.equal(record.accessLog.toHex(), access.data.accessLog.toHex());

    // Bob revokes; the next access is refused by the chain, and says why.
    const revoked = await submit(api, node, api.tx.consent.revoke(consentId), bob, 'the revocation');
    assert.equal(revoked.error, undefined, `revocation failed: ${revoked.error}`);
    assert.ok(eventOf(revoked.events, 'ConsentRevoked'), 'no Consent.ConsentRevoked event');
    const refused = await submit(api, node, recordAccess(), custodian, 'the second access');
    assert.equal(refused.error, 'consent.ConsentRevoked');
    assert.equal(eventOf(refused.events, 'AccessRecorded'), undefined);
    assert.equal((await api.query.consent.consents(consentId)).unwrap().accesses.toNumber(), 1);
    const refusal = await check();
    assert.ok(refusal.isErr && refusal.asErr.type === 'Revoked', `checkAccess: ${refusal}`);
  });

  it("refuses an access to another subject's genome under a subject's consent over all their data", async () => {
    // Alice's genome, kept by the same custodian; Bob consents to any use of all his data.
    const alicesGenome = await anchorGenomeOf(alice, 'a7', "Alice's anchor");
    const granted = await submit(api, node, api.tx.consent.grant(hmbTerms('AllData')), bob,
      "Bob's consent over all his data");
    assert.equal(granted.error, undefined, `grant failed: ${granted.error}`);
    const consentId = consentEvent(granted.events, 'ConsentGranted').data.consentId.toNumber();

    // Bob's consent does not reach Alice's genome: the chain refuses the record and says why,
    // and the runtime API agrees.
    const refused = await submit(api, node, api.tx.consent.recordAccess(consentId, researcher.address,
      alicesGenome, 'Variants', hmbResearch), custodian, "the access to Alice's genome");
    assert.equal(refused.error, 'consent.DatasetNotOfSubject');
    assert.equal(consentEvent(refused.events, 'AccessRecorded'), undefined);
    const answer = await api.call.consentApi.checkAccess(researcher.address, bob.address, alicesGenome,
      'Variants', hmbResearch);
    assert.ok(answer.isErr && answer.asErr.type === 'DatasetNotOfSubject', `checkAccess: ${answer}`);
    // Nor may Bob name her genome in a consent.
    const named = await submit(api, node, api.tx.consent.grant(hmbTerms({ Dataset: alicesGenome })), bob,
      "Bob's consent over Alice's genome");
    assert.equal(named.error, 'consent.DatasetNotOfSubject');
  });

  it('anchors a fingerprint made by the CLI and proves a variant, and an absence, on chain', async () => {
    const cli = debugBinary('genochain');
    assert.ok(existsSync(cli), `the genochain CLI is not built at ${cli}: cargo build -p genochain-cli`);
    const work = mkdtempSync(join(tmpdir(), 'genochain-e2e-'));
    const genochain = (...args) => execFileSync(cli, args, { encoding: 'utf8' });
    const eventOf = (events, method) => events.find(({ event }) => event.section === 'genomeAnchor' &&
      event.method === method)?.event;
    try {
      // Charlie fingerprints his genome; only the root, the count and the assembly leave his machine.
      const secret = join(work, 'charlie.secret');
      const index = join(work, 'charlie.gnx');
      genochain('secret', 'new', secret);
      const vcf = join(repoRoot, 'cli', 'tests', 'fixtures', 'sample.vcf.gz');
      const fingerprint = JSON.parse(genochain('fingerprint', vcf, '--secret', secret, '--index', index, '--json'));
      assert.equal(fingerprint.leaf_count, 14);

      const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
      const [charlie, eve] = [keyring.addFromUri('//Charlie'), keyring.addFromUri('//Eve')];
      assert.equal(fingerprint.scheme, 'v2', 'new fingerprints are scheme v2');
      const anchor = () => api.tx.genomeAnchor.anchor(fingerprint.root, fingerprint.leaf_count, 'GRCh38', 'V2',
        custodian.address, null);

      // Eve watches the pool, copies Charlie's anchor call and gets hers in first: she makes an
      // anchor of her own, self-asserted, under another id. The genome is not taken.
      const copied = await submit(api, node, anchor(), eve, 'the copied anchor');
      assert.equal(copied.error, undefined, `the copy failed: ${copied.error}`);
      const evesId = eventOf(copied.events, 'Anchored').data.anchor.toHex();
      assert.equal(evesId, anchorId(eve.address, fingerprint.root));

      const anchored = await submit(api, node, anchor(), charlie, 'the anchor');
      assert.equal(anchored.error, undefined, `anchor failed: ${anchored.error}`);
      const event = eventOf(anchored.events, 'Anchored');
      assert.ok(event, 'no GenomeAnchor.Anchored event');
      const id = event.data.anchor.toHex();
      assert.equal(id, anchorId(charlie.address, fingerprint.root), 'the id binds Charlie and his root');
      assert.notEqual(id, evesId);
      assert.equal(event.data.root.toHex(), fingerprint.root);
      assert.equal(event.data.subject.toString(), charlie.address);
      const listed = await api.call.anchorApi.anchorsOf(charlie.address);
      assert.ok(listed.some(([listedId]) => listedId.toHex() === id), `anchorsOf: ${listed}`);
      const charliesAnchor = (await api.call.anchorApi.anchor(id)).asFound;
      assert.equal(charliesAnchor.subject.toString(), charlie.address);
      assert.ok(charliesAnchor.attestation.isNone, 'self-asserted until a lab attests it');

      // He proves that he carries 17:43045712:A:G, heterozygous; anyone may submit the proof.
      const proofOf = (variant, ...extra) =>
        JSON.parse(genochain('prove', index, '--secret', secret, '--variant', variant, ...extra));
      const carries = proofOf('17:43045712:A:G');
      assert.equal(carries.fact, 'carries 17:43045712:A:G heterozygous');
      assert.ok(carries.proof_bytes <= 800);
      const checked = await api.call.anchorApi.verifyVariant(id, carries.proof);
      assert.ok(checked.isOk && checked.asOk.fact.isCarries, `verifyVariant: ${checked}`);
      // The verdict names whose genome it is, and says nobody vouches for it yet.
      assert.equal(checked.asOk.subject.toString(), charlie.address);
      assert.ok(checked.asOk.provenance.isSelfAsserted, `provenance: ${checked.asOk.provenance}`);

      // The accredited lab that sequenced Charlie's sample attests it; the same verdict now says so.
      const lab = keyring.addFromUri('//Lab');
      const attested = await submit(api, node, api.tx.genomeAnchor.attest(id), lab, 'the attestation');
      assert.equal(attested.error, undefined, `attest failed: ${attested.error}`);
      const vouched = (await api.call.anchorApi.verifyVariant(id, carries.proof)).asOk.provenance;
      assert.ok(vouched.isAttested, `provenance: ${vouched}`);
      assert.equal(vouched.asAttested.lab.toString(), lab.address);
      assert.equal(vouched.asAttested.standing.type, 'Accredited');
      assert.ok((await api.call.anchorApi.provenance(id)).asFound.isAttested);
      // What goes on chain names one variant, the proven one: decoded, the call and its event hold
      // one position each, and no other variant of the genome (their positions are listed here).
      const positionsIn = (value) => [...JSON.stringify(value.toJSON()).matchAll(/"position":(\d+)/g)]
        .map((match) => Number(match[1]));
      const carried = [10177, 10352, 13116, 14000, 17000, 500, 900, 43045712, 43045800, 2781479, 2786855, 73];
      const onlyThe = (position, value, what) => {
        assert.deepEqual(positionsIn(value), [position], `${what} names other variants: ${value}`);
        const bytes = Buffer.from(value.toU8a());
        for (const other of carried.filter((p) => p !== position)) {
          const le = Buffer.alloc(4);
          le.writeUInt32LE(other);
          assert.equal(bytes.indexOf(le), -1, `${what} holds position ${other}`);
        }
      };
      const proveCall = api.tx.genomeAnchor.proveVariant(id, carries.proof);
      assert.ok(proveCall.method.args[1].isV2, 'a scheme v2 proof');
      onlyThe(43045712, proveCall.method, 'the inclusion call');
      // Charlie publishes it himself: a fact about a genome goes into the chain's events only when
      // its subject (or a proxy of theirs) publishes it.
      const proven = await submit(api, node, proveCall, charlie, 'the inclusion proof');
      assert.equal(proven.error, undefined, `proof refused: ${proven.error}`);
      const fact = eventOf(proven.events, 'VariantProven')?.data.fact;
      assert.ok(fact?.isCarries, `no VariantProven event with Carries: ${fact}`);
      assert.equal(fact.asCarries.key.position.toNumber(), 43045712);
      assert.equal(fact.asCarries.zygosity.type, 'Heterozygous');
      onlyThe(43045712, eventOf(proven.events, 'VariantProven').data, 'the inclusion event');
      // Alice, a verifier he gave the proof to, has it checked on chain: the event keeps the
      // fact's hash, not the fact.
      const checkedByAlice = await submit(api, node, api.tx.genomeAnchor.proveVariant(id, carries.proof), alice,
        'the check by a verifier');
      assert.equal(checkedByAlice.error, undefined, `check refused: ${checkedByAlice.error}`);
      const aliceEvent = eventOf(checkedByAlice.events, 'VariantChecked')?.data;
      assert.ok(aliceEvent, 'no VariantChecked event');
      assert.equal(aliceEvent.factHash.toHex(), blake2AsHex(fact.toU8a(), 256));
      assert.deepEqual(positionsIn(aliceEvent), [], 'the check names no variant');

      // And that he does not carry 17:43045713:A:G. A proof of absence (scheme v2) shows two
      // leaves by their keys only, so the CLI writes it without asking.
      const absent = proofOf('17:43045713:A:G');
      assert.equal(absent.fact, 'does not carry 17:43045713:A:G');
      const absenceCall = api.tx.genomeAnchor.proveVariant(id, absent.proof);
      assert.ok(absenceCall.method.args[1].asV2.claim.isAbsent, 'an absence claim');
      onlyThe(43045713, absenceCall.method, 'the absence call');
      const provenAbsent = await submit(api, node, absenceCall, charlie, 'the absence proof');
      assert.equal(provenAbsent.error, undefined, `absence proof refused: ${provenAbsent.error}`);
      const absence = eventOf(provenAbsent.events, 'VariantProven')?.data.fact;
      assert.ok(absence?.isDoesNotCarry, `no VariantProven event with DoesNotCarry: ${absence}`);
      onlyThe(43045713, eventOf(provenAbsent.events, 'VariantProven').data, 'the absence event');

      // A proof against an anchor nobody made is refused with the proof's error.
      const otherId = `0x${'ab'.repeat(32)}`;
      const refused = await submit(api, node, api.tx.genomeAnchor.proveVariant(otherId, carries.proof),
        alice, 'a proof against an unknown anchor');
      assert.equal(refused.error, 'genomeAnchor.AnchorNotFound');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('anchors with the CLI and verifies a proof against the chain with the CLI', async () => {
    const cli = debugBinary('genochain');
    const work = mkdtempSync(join(tmpdir(), 'genochain-e2e-'));
    // The signer's secret URI goes through the environment, where other users cannot read it.
    const run = (args, suri) => {
      const env = { ...process.env };
      delete env.GENOCHAIN_SURI;
      if (suri) env.GENOCHAIN_SURI = suri;
      return spawnSync(cli, args, { encoding: 'utf8', env, timeout: 120_000 });
    };
    const succeed = (args, suri) => {
      const result = run(args, suri);
      assert.equal(result.status, 0, `genochain ${args.join(' ')} failed: ${result.stderr}`);
      return result.stdout;
    };
    const fail = (args, suri) => {
      const result = run(args, suri);
      assert.notEqual(result.status, 0, `genochain ${args.join(' ')} succeeded: ${result.stdout}`);
      return result.stderr;
    };
    try {
      const fingerprintWith = (name, ...extra) => {
        const secret = join(work, `${name}.secret`);
        const index = join(work, `${name}.gnx`);
        succeed(['secret', 'new', secret]);
        const vcf = join(repoRoot, 'cli', 'tests', 'fixtures', 'sample.vcf');
        const report = JSON.parse(succeed(['fingerprint', vcf, '--secret', secret, '--index', index, '--json',
          ...extra]));
        return { secret, index, root: report.root };
      };
      const dave = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Dave');
      // Dave fingerprinted his genome before scheme v2.
      const genome = fingerprintWith('dave', '--scheme', 'v1');

      // Dave anchors from the CLI; it waits for finality and reads the anchor back.
      const anchored = JSON.parse(succeed(['anchor', genome.index, '--node', node.wsUrl,
        '--custodian', custodian.address, '--json'], '//Dave'));
      assert.equal(anchored.root, genome.root);
      assert.equal(anchored.anchor, anchorId(dave.address, genome.root));
      assert.equal(anchored.subject, dave.address);
      assert.equal(anchored.custodian, custodian.address);
      assert.equal(anchored.leaf_count, 14);
      const onChain = await api.call.anchorApi.anchor(anchored.anchor);
      assert.ok(onChain.isFound, `the anchor is not on chain: ${onChain}`);
      assert.equal(onChain.asFound.subject.toString(), dave.address);

      // Anyone holding his proof checks it against the chain: the anchor is current, and the
      // chain's own check agrees.
      const proof = join(work, 'proof.json');
      succeed(['prove', genome.index, '--secret', genome.secret, '--variant', '17:43045712:A:G', '--output', proof]);
      const verified = JSON.parse(succeed(['verify', proof, '--node', node.wsUrl, '--subject', dave.address,
        '--json']));
      assert.equal(verified.fact, 'carries 17:43045712:A:G heterozygous');
      assert.equal(verified.on_chain.anchor, anchored.anchor);
      assert.equal(verified.on_chain.subject, dave.address);
      assert.equal(verified.on_chain.anchored_at, anchored.block_number);
      assert.equal(verified.on_chain.attestation, null, 'no lab attests it: self-asserted');
      // The same proof said to be about someone else's genome is not valid on chain.
      const otherSubject = fail(['verify', proof, '--node', node.wsUrl, '--subject', alice.address]);
      assert.match(otherSubject, /INVALID on chain: the subject has no anchor of root/, otherSubject);
      // An invalid proof is a verdict, not an error: exit status 3, and with --json on stdout.
      const refused = run(['verify', proof, '--node', node.wsUrl, '--subject', alice.address, '--json']);
      assert.equal(refused.status, 3, refused.stderr);
      const verdict = JSON.parse(refused.stdout);
      assert.equal(verdict.valid, false);
      assert.equal(verdict.checked, 'on chain');
      assert.match(verdict.reason, /^the subject has no anchor of root/, verdict.reason);

      // The same root cannot be anchored twice; the chain's error is named.
      const duplicate = fail(['anchor', genome.index, '--node', node.wsUrl], '//Dave');
      assert.match(duplicate, /the anchor was not made: .*AnchorExists/, duplicate);

      // A key whose account holds nothing cannot pay for the transaction.
      const other = fingerprintWith('nobody');
      const unfunded = fail(['anchor', other.index, '--node', node.wsUrl], '//Nobody');
      assert.match(unfunded, new RegExp(`the node at ${node.wsUrl}: .* the transaction from 5\\w+: .*Inability to pay some fees`),
        unfunded);

      // A proof under a root that nobody anchored is not valid on chain, whatever it shows offline.
      const unanchored = join(work, 'unanchored.json');
      succeed(['prove', other.index, '--secret', other.secret, '--variant', '17:43045712:A:G', '--output', unanchored]);
      const notAnchored = fail(['verify', unanchored, '--node', node.wsUrl, '--subject', dave.address]);
      assert.match(notAnchored, /INVALID on chain: the subject has no anchor of root/, notAnchored);

      // Dave moves to scheme v2 without his VCF: migrate-index makes the v2 index from the v1 one
      // and his secret, and `anchor --supersedes` replaces his v1 anchor by the v2 root (the CLI
      // waits for finality). Proofs under the old root no longer count; new ones do.
      const migrated = JSON.parse(succeed(['migrate-index', genome.index, '--secret', genome.secret, '--json']));
      assert.equal(migrated.replaces, genome.root);
      const newer = { root: migrated.root, index: migrated.index };
      const superseding = JSON.parse(succeed(['anchor', newer.index, '--node', node.wsUrl,
        '--custodian', custodian.address, '--supersedes', anchored.anchor, '--json'], '//Dave'));
      assert.equal(superseding.supersedes, anchored.anchor);
      assert.equal(superseding.anchor, anchorId(dave.address, newer.root));
      const replaced = (await api.call.anchorApi.anchor(anchored.anchor)).asFound;
      assert.equal(replaced.supersededBy.unwrap().toHex(), superseding.anchor);
      assert.equal((await api.call.anchorApi.anchor(superseding.anchor)).asFound.scheme.type, 'V2');
      const v2Proof = join(work, 'proof-v2.json');
      succeed(['prove', newer.index, '--secret', genome.secret, '--variant', '17:43045712:A:G',
        '--output', v2Proof]);
      const current = JSON.parse(succeed(['verify', v2Proof, '--node', node.wsUrl, '--subject', dave.address,
        '--json']));
      assert.equal(current.on_chain.anchor, superseding.anchor);
      const stale = fail(['verify', proof, '--node', node.wsUrl, '--subject', dave.address]);
      assert.match(stale, new RegExp(`INVALID on chain: anchor ${anchored.anchor} was superseded by ${
        anchorId(dave.address, newer.root)}`), stale);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('pays a contributor for a delivery to a study, and the treasury its fee', async () => {
    const cli = debugBinary('genochain');
    const work = mkdtempSync(join(tmpdir(), 'genochain-e2e-'));
    const genochain = (...args) => execFileSync(cli, args, { encoding: 'utf8' });
    const eventOf = (events, method) => events.find(({ event }) => event.section === 'dataMarket' &&
      event.method === method)?.event;
    const ferdie = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Ferdie');
    const reward = 25n * GENE;
    const fee = reward * api.consts.dataMarket.marketFee.toBigInt() / 1_000_000n;
    const treasury = api.consts.dataMarket.treasury.toString();
    try {
      // The researcher opens a study of three contributors; the whole budget goes on hold.
      const now = (await api.rpc.chain.getHeader()).number.toNumber();
      const opened = await submit(api, node, api.tx.dataMarket.createStudy({
        purpose: { permission: 'HealthMedicalBiomedical', modifiers: [] },
        categories: ['Variants'],
        assembly: 'GRCh38',
        reward,
        maxContributors: 3,
        enrolmentDeadline: now + 1_000,
        deliveryWindow: 1_000,
        protocol: `0x${'70'.repeat(32)}`,
        // Ferdie's genome below is self-asserted: no lab attests it.
        provenance: 'Any',
      }), researcher, 'the new study');
      assert.equal(opened.error, undefined, `createStudy failed: ${opened.error}`);
      const created = eventOf(opened.events, 'StudyCreated');
      assert.ok(created, 'no DataMarket.StudyCreated event');
      assert.equal(created.data.budget.toBigInt(), 3n * (reward + fee));
      const studyId = created.data.studyId.toNumber();
      // One page holds every study of the dev chain; `next` is where a longer list goes on.
      const page = await api.call.marketApi.openStudies(null, 256);
      assert.ok(page.next.isNone, `openStudies left studies for another page: ${page}`);
      const open = page.studies;
      assert.ok(open.some((study) => study.id.toNumber() === studyId), `openStudies: ${open}`);
      // The development genesis opened one study too.
      assert.ok(open.some((study) => study.id.toNumber() === 0), `no genesis study in ${open}`);

      // Ferdie fingerprints and anchors his genome, kept by the custodian, then enrols it.
      const secret = join(work, 'ferdie.secret');
      const index = join(work, 'ferdie.gnx');
      genochain('secret', 'new', secret);
      const vcf = join(repoRoot, 'cli', 'tests', 'fixtures', 'sample.vcf.gz');
      const { root, leaf_count: leafCount } = JSON.parse(genochain('fingerprint', vcf, '--secret', secret,
        '--index', index, '--json'));
      const anchored = await submit(api, node, api.tx.genomeAnchor.anchor(root, leafCount, 'GRCh38', 'V2',
        custodian.address, null), ferdie, 'the anchor');
      assert.equal(anchored.error, undefined, `anchor failed: ${anchored.error}`);
      const genome = anchorId(ferdie.address, root);
      const enrolled = await submit(api, node, api.tx.dataMarket.enroll(studyId, genome), ferdie, 'the enrolment');
      assert.equal(enrolled.error, undefined, `enroll failed: ${enrolled.error}`);
      const enrolment = eventOf(enrolled.events, 'ContributorEnrolled');
      assert.ok(enrolment, 'no DataMarket.ContributorEnrolled event');
      // The enrolment is a consent: the custodian may now release Ferdie's variants to the researcher.
      const covered = await api.call.consentApi.checkAccess(researcher.address, ferdie.address, genome, 'Variants',
        { purpose: 'HealthMedicalBiomedical' });
      assert.ok(covered.isOk && covered.asOk.eq(enrolment.data.consentId), `checkAccess: ${covered}`);

      // Enrolling twice is refused with the market's error.
      const twice = await submit(api, node, api.tx.dataMarket.enroll(studyId, genome), ferdie, 'a second enrolment');
      assert.equal(twice.error, 'dataMarket.AlreadyEnrolled');

      // The custodian confirms the delivery; it is paid once the dispute window has passed.
      const confirmed = await submit(api, node, api.tx.dataMarket.confirmDelivery(studyId, ferdie.address),
        custodian, 'the delivery');
      assert.equal(confirmed.error, undefined, `confirmDelivery failed: ${confirmed.error}`);
      const delivery = eventOf(confirmed.events, 'DeliveryConfirmed');
      assert.ok(delivery, 'no DataMarket.DeliveryConfirmed event');
      const payableAt = delivery.data.payableAt.toNumber();
      const atDelivery = await api.at(confirmed.blockHash);
      const freeAt = async (at, who) => (await at.query.system.account(who)).data.free.toBigInt();
      const [ferdieBefore, treasuryBefore] = [await freeAt(atDelivery, ferdie.address),
        await freeAt(atDelivery, treasury)];
      // The deposit Ferdie holds for the study's consent, returned when the consent ends with the payout.
      const consentDeposit = (await atDelivery.query.balances.holds(ferdie.address))
        .filter((hold) => hold.id.toString().includes('ConsentDeposit'))
        .reduce((sum, hold) => sum + hold.amount.toBigInt(), 0n);
      assert.ok(consentDeposit > 0n, "Ferdie holds no deposit for the study's consent");
      const pending = await atDelivery.call.marketApi.earnings(ferdie.address);
      assert.equal(pending.pending.toBigInt(), reward);

      // Blocks pass; Ferdie sends nothing, and on_idle pays him.
      await within(BLOCK_TIMEOUT_MS * 2, (async () => {
        while ((await api.call.marketApi.earnings(ferdie.address)).paid.toBigInt() < reward) {
          await new Promise((wait) => setTimeout(wait, 500));
        }
      })(), node, `waiting for the payout due at block #${payableAt}`);
      const paidHash = await api.rpc.chain.getBlockHash();
      const atPayout = await api.at(paidHash);
      assert.equal(await freeAt(atPayout, ferdie.address) - ferdieBefore, reward + consentDeposit,
        "Ferdie's free balance did not rise by exactly the reward and the consent's deposit");
      // Paid, the study is done with Ferdie: its consent has ended, and no access can be recorded under it.
      const ended = await atPayout.call.consentApi.consent(enrolment.data.consentId);
      assert.ok(ended.isNotFound, `the study's consent is still kept: ${ended}`);
      assert.equal(await freeAt(atPayout, treasury) - treasuryBefore, fee,
        "the treasury's free balance did not rise by exactly the fee");
      const earnings = await api.call.marketApi.earnings(ferdie.address);
      assert.equal(earnings.paid.toBigInt(), reward);
      assert.equal(earnings.enrolments.length, 0);
      const study = (await api.call.marketApi.study(studyId)).asFound;
      assert.equal(study.held.toBigInt(), 2n * (reward + fee));

      // The payout is on chain as an event of the block it happened in.
      const paidAt = (await api.rpc.chain.getHeader(paidHash)).number.toNumber();
      assert.ok(paidAt >= payableAt, `paid at #${paidAt}, before #${payableAt}`);
      let payout;
      for (let number = payableAt; number <= paidAt && !payout; number += 1) {
        const events = await (await api.at(await api.rpc.chain.getBlockHash(number))).query.system.events();
        payout = eventOf(events, 'ContributorPaid');
      }
      assert.ok(payout, `no DataMarket.ContributorPaid event in blocks #${payableAt}-#${paidAt}`);
      assert.equal(payout.data.contributor.toString(), ferdie.address);
      assert.equal(payout.data.reward.toBigInt(), reward);
      assert.equal(payout.data.fee.toBigInt(), fee);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
  it('lets the operator allow a sibling to ask over XCM, and no account call the verifier', async () => {
    const allowed = await submit(api, node, api.tx.sudo.sudo(api.tx.xcmVerifier.allowSibling(2001)), alice,
      'the allowlisting');
    assert.equal(allowed.error, undefined, `allowSibling failed: ${allowed.error}`);
    const event = allowed.events.find(({ event }) => api.events.xcmVerifier.SiblingAllowed.is(event));
    assert.ok(event, 'no XcmVerifier.SiblingAllowed event');
    assert.equal(event.event.data.sibling.toNumber(), 2001);
    assert.ok((await api.query.xcmVerifier.allowedSiblings(2001)).isSome);

    // `verify` is for siblings' XCM only: an account's call is refused.
    const asked = await submit(api, node, api.tx.xcmVerifier.verify(1, { palletIndex: 20, callIndex: 1 },
      { V1: { AnchorExists: { root: `0x${'11'.repeat(32)}` } } }), bob, 'the verify call');
    assert.match(String(asked.error), /badorigin/i);
  });

  it('erases a contributor at their request, after which every runtime API answers redacted', async () => {
    const cli = debugBinary('genochain');
    const work = mkdtempSync(join(tmpdir(), 'genochain-e2e-'));
    const genochain = (...args) => execFileSync(cli, args, { encoding: 'utf8' });
    const eventOf = (events, section, method) => events.find(({ event }) => event.section === section &&
      event.method === method)?.event;
    const gina = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Gina');
    try {
      const funded = await submit(api, node, api.tx.balances.transferKeepAlive(gina.address, 100n * GENE), alice,
        "Gina's funds");
      assert.equal(funded.error, undefined, `transfer failed: ${funded.error}`);

      // Gina anchors a CLI-made fingerprint kept by the custodian and enrols it in the genesis study.
      const secret = join(work, 'gina.secret');
      const index = join(work, 'gina.gnx');
      genochain('secret', 'new', secret);
      const vcf = join(repoRoot, 'cli', 'tests', 'fixtures', 'sample.vcf.gz');
      const { root: fingerprintRoot, leaf_count: leafCount } = JSON.parse(genochain('fingerprint', vcf,
        '--secret', secret, '--index', index, '--json'));
      const anchored = await submit(api, node, api.tx.genomeAnchor.anchor(fingerprintRoot, leafCount, 'GRCh38',
        'V2', custodian.address, null), gina, 'the anchor');
      assert.equal(anchored.error, undefined, `anchor failed: ${anchored.error}`);
      // Her anchor, which is also the dataset her consents name.
      const root = anchorId(gina.address, fingerprintRoot);
      const enrolled = await submit(api, node, api.tx.dataMarket.enroll(0, root), gina, 'the enrolment');
      assert.equal(enrolled.error, undefined, `enroll failed: ${enrolled.error}`);
      const consentId = eventOf(enrolled.events, 'dataMarket', 'ContributorEnrolled').data.consentId;
      const proofPath = join(work, 'proof.json');
      genochain('prove', index, '--secret', secret, '--variant', '17:43045712:A:G', '--output', proofPath);
      const proof = JSON.parse(genochain('prove', index, '--secret', secret, '--variant', '17:43045712:A:G')).proof;
      const research = { purpose: 'HealthMedicalBiomedical' };
      const access = () => api.call.consentApi.checkAccess(researcher.address, gina.address, root, 'Variants',
        research);
      assert.ok((await access()).isOk, 'the enrolment did not cover the access');
      assert.ok((await api.call.anchorApi.anchor(root)).isFound);
      // The custodian releases her variants to the researcher, who thereby has a copy to delete.
      const released = await submit(api, node, api.tx.consent.recordAccess(consentId, researcher.address, root,
        'Variants', research), custodian, 'the release');
      assert.equal(released.error, undefined, `recordAccess failed: ${released.error}`);

      // She erases herself: the consent, the anchor and the enrolment go, and the custodian and the
      // researcher are asked.
      const erased = await submit(api, node, api.tx.redaction.eraseMe(), gina, 'the erasure');
      assert.equal(erased.error, undefined, `eraseMe failed: ${erased.error}`);
      const summary = eventOf(erased.events, 'redaction', 'SubjectErased');
      assert.ok(summary, 'no Redaction.SubjectErased event');
      assert.equal(summary.data.erased.toNumber(), 3);
      assert.equal(summary.data.retained.toNumber(), 0);
      assert.ok(summary.data.complete.isTrue);
      const opened = eventOf(erased.events, 'redaction', 'ErasureCaseOpened');
      assert.deepEqual(opened.data.custodians.map((who) => who.toString()), [custodian.address]);
      assert.deepEqual(opened.data.recipients.map((who) => who.toString()), [researcher.address]);
      const caseId = opened.data.case.toNumber();

      // Every runtime API now answers "redacted", with the tombstone, rather than "not found".
      const anchorNow = await api.call.anchorApi.anchor(root);
      assert.ok(anchorNow.isRedacted, `anchorApi.anchor: ${anchorNow}`);
      assert.equal(anchorNow.asRedacted.kind.toString(), 'Anchor');
      assert.equal(anchorNow.asRedacted.case.toNumber(), caseId);
      const consentNow = await api.call.consentApi.consent(consentId);
      assert.ok(consentNow.isRedacted, `consentApi.consent: ${consentNow}`);
      const accessNow = await access();
      assert.ok(accessNow.isErr && accessNow.asErr.isRedacted, `consentApi.checkAccess: ${accessNow}`);
      const verdict = await api.call.anchorApi.verifyVariant(root, proof);
      assert.ok(verdict.isErr && verdict.asErr.isRedacted, `anchorApi.verifyVariant: ${verdict}`);
      const enrolmentNow = await api.call.marketApi.enrolment(0, gina.address);
      assert.ok(enrolmentNow.isRedacted, `marketApi.enrolment: ${enrolmentNow}`);
      const tombstone = await api.call.redactionApi.tombstone({ Anchor: root });
      assert.ok(tombstone.isSome && tombstone.unwrap().request.isNone, `redactionApi.tombstone: ${tombstone}`);
      assert.equal((await api.call.anchorApi.anchorsOf(gina.address)).length, 0);
      assert.equal((await api.call.consentApi.consentsOf(gina.address)).length, 0);
      // So does the CLI, checking the proof she made before against the chain.
      const verify = spawnSync(cli, ['verify', proofPath, '--node', node.wsUrl, '--subject', gina.address],
        { encoding: 'utf8', timeout: 120_000 });
      assert.notEqual(verify.status, 0, `genochain verify succeeded: ${verify.stdout}`);
      assert.match(verify.stderr, /INVALID on chain: anchor .* was erased at block #\d+/, verify.stderr);

      // The researcher and the custodian confirm deleting their copies; the case is complete and goes.
      const pendingCase = (await api.call.redactionApi.erasureCase(caseId)).unwrap();
      assert.deepEqual(pendingCase.pending.map((who) => who.toString()), [custodian.address]);
      assert.deepEqual(pendingCase.pendingRecipients.map((who) => who.toString()), [researcher.address]);
      assert.equal(pendingCase.overdue.length, 0);
      const researcherConfirmed = await submit(api, node, api.tx.redaction.confirmErasure(caseId), researcher,
        "the researcher's confirmation");
      assert.equal(researcherConfirmed.error, undefined, `confirmErasure failed: ${researcherConfirmed.error}`);
      const confirmed = await submit(api, node, api.tx.redaction.confirmErasure(caseId), custodian,
        'the confirmation');
      assert.equal(confirmed.error, undefined, `confirmErasure failed: ${confirmed.error}`);
      assert.ok(eventOf(confirmed.events, 'redaction', 'ErasureCaseCompleted'), 'no ErasureCaseCompleted event');
      assert.ok((await api.call.redactionApi.erasureCase(caseId)).isNone);

      // Nothing is left to erase.
      const again = await submit(api, node, api.tx.redaction.eraseMe(), gina, 'a second erasure');
      assert.equal(again.error, 'redaction.NothingToErase');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  // Last: the state every journey above left, for the try-runtime checks that `make test` runs
  // next (runtime/tests/try_runtime.rs).
  it('leaves a state with consents, anchors, studies and erasures: a snapshot for try-runtime', async () => {
    const path = process.env.GENOCHAIN_SNAPSHOT || join(repoRoot, 'e2e', '.snapshots', 'journey.json');
    const snapshot = await within(CONNECT_TIMEOUT_MS, writeSnapshot(node.wsUrl, path), node,
      'taking a snapshot of the state');
    assert.ok(snapshot.pairs.length > 100, `only ${snapshot.pairs.length} storage pairs`);
  });
});
