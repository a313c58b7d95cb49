// The custodian gateway beside a dev node: a custodian uploads a subject's genome; a researcher
// signs in with their chain key and downloads it under the subject's consent, the access recorded
// on chain, through the gateway's API and with `genochain fetch`; a commercial use the consent
// excludes, another subject's data, a revoked consent and a stopped chain are refused; bad input
// is refused with a clear 4xx and changes nothing; a download cut off by a gateway restart
// completes after it; the consent reads as FHIR R5 and maps back to the same grant; a GA4GH visa
// stands for the chain's decision until the chain changes its mind; and the subject's erasure
// deletes the object and the gateway confirms on chain.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import { signatureVerify } from '@polkadot/util-crypto';
import { debugBinary } from '../lib/devnode.js';
import { startGateway } from '../lib/gateway.js';
import {
  anchorGenome, anchorId, GENE, startDevChain, submit,
} from '../lib/chain.js';

const ERASURE_TIMEOUT_MS = 120_000;
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
/** A genome-sized object: more than one 64 KiB sealed chunk, and more than one read. */
const genome = (seed, size) => {
  const bytes = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i += 1) bytes[i] = (i * seed) % 251;
  return bytes;
};

describe('genochain-gateway beside genochain-node --dev', () => {
  let node;
  let api;
  let gateway;
  let work;
  let keyFile;
  let dataDir;
  let adminToken;
  let alice;
  let custodian;
  let researcher;
  let hana;
  let ivan;

  // Objects over 1 MiB are never kept opened in memory (a quarter of 4 MiB): the large genome of
  // the restart test streams from the store, so that a restart cuts its download off.
  const startOurGateway = (port) => startGateway({
    wsUrl: node.wsUrl,
    dataDir,
    keyFile,
    port,
    args: ['--max-upload', '32000000', '--challenge-ttl', '5', '--hot-cache-mib', '4',
      '--max-accesses-per-minute', '30'],
  });

  before(async () => {
    ({ node, api } = await startDevChain('gateway'));
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    alice = keyring.addFromUri('//Alice');
    custodian = keyring.addFromUri('//Custodian');
    researcher = keyring.addFromUri('//Researcher');
    hana = keyring.addFromUri('//Hana');
    ivan = keyring.addFromUri('//Ivan');
    for (const who of [hana, ivan]) {
      const funded = await submit(api, node, api.tx.balances.transferKeepAlive(who.address, 100n * GENE), alice,
        'funds');
      assert.equal(funded.error, undefined, `transfer failed: ${funded.error}`);
    }
    work = mkdtempSync(join(tmpdir(), 'genochain-gateway-'));
    keyFile = join(work, 'custodian.suri');
    writeFileSync(keyFile, '//Custodian\n', { mode: 0o600 });
    dataDir = join(work, 'data');
    gateway = await startOurGateway();
    adminToken = readFileSync(join(dataDir, 'admin.token'), 'utf8').trim();
  });

  after(async () => {
    await gateway?.stop();
    await api?.disconnect().catch(() => {});
    await node?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Anchors a genome for `who`, kept by the custodian; resolves to the dataset id. */
  const anchorGenomeOf = (who, seed) => anchorGenome(api, node, who, custodian, seed, 'the anchor');

  /** The custodian's staff uploads `bytes` as `category` data of `dataset`. */
  const upload = (dataset, bytes, { category = 'Variants', token = adminToken, name = 'genome.vcf' } = {}) =>
    fetch(`${gateway.url}/custodian/objects?dataset=${dataset}&category=${category}&name=${name}`, {
      method: 'PUT', headers: { Authorization: `Bearer ${token}` }, body: bytes,
    });

  /**
   * An upload declaring `length` bytes that sends only its first 64 KiB: the gateway answers from
   * the declared length, before the body, so the client never writes into a closed connection.
   */
  const uploadDeclaring = (dataset, length) => new Promise((resolveResponse, rejectResponse) => {
    const request = httpRequest(`${gateway.url}/custodian/objects?dataset=${dataset}&category=Variants&name=big.vcf`, {
      method: 'PUT', headers: { Authorization: `Bearer ${adminToken}`, 'Content-Length': String(length) },
    }, (response) => {
      const pieces = [];
      response.on('data', (piece) => pieces.push(piece));
      response.on('end', () => resolveResponse(new Response(Buffer.concat(pieces), {
        status: response.statusCode, headers: response.headers,
      })));
    });
    request.on('error', rejectResponse);
    request.write(genome(3, 65_536));
  });

  const postJson = (path, body) => fetch(`${gateway.url}${path}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  /** A sign-in challenge for `who`: the text to sign. */
  const challengeFor = async (who) => (await (await postJson('/auth/challenge', { account: who.address })).json())
    .challenge;
  /** Answers `challenge` for `who` with `signer`'s signature of it. */
  const answer = (who, challenge, signer = who) => postJson('/auth/token', {
    account: who.address, challenge, signature: u8aToHex(signer.sign(stringToU8a(challenge))),
  });

  /** Signs `who` in: a challenge, signed with their key, for a bearer token. */
  async function signIn(who) {
    const response = await answer(who, await challengeFor(who));
    return { response, body: await response.json() };
  }

  const requestAccess = (token, objectId, use) =>
    fetch(`${gateway.url}/ga4gh/drs/v1/objects/${objectId}/access/gateway`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ use }),
    });

  const hmb = { purpose: 'HealthMedicalBiomedical' };
  /** Terms letting the researcher use the variants of `data` for HMB research under `modifiers`. */
  const hmbTerms = (data, modifiers = []) => ({
    grantee: { Account: researcher.address },
    scope: { data, categories: ['Variants'] },
    purpose: { permission: 'HealthMedicalBiomedical', modifiers },
    validFrom: 0,
    validUntil: null,
    documentHash: `0x${'dc'.repeat(32)}`,
    approvers: [],
    approvalThreshold: 0,
  });
  let hanasDataset;
  let hanasObject;
  let hanasBytes;
  let consentId;
  let token;

  it('takes a custodian upload of a dataset it keeps, and refuses bad ones with nothing stored', async () => {
    hanasDataset = await anchorGenomeOf(hana, 'a7');
    hanasBytes = genome(7, 1_500_000);
    const uploaded = await upload(hanasDataset, hanasBytes);
    assert.equal(uploaded.status, 201, await uploaded.clone().text());
    hanasObject = await uploaded.json();
    assert.equal(hanasObject.size, hanasBytes.length);
    assert.deepEqual(hanasObject.checksums, [{ type: 'sha-256', checksum: sha256(hanasBytes) }]);
    assert.match(hanasObject.self_uri, /^drs:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}$/);
    const stored = () => readdirSync(join(dataDir, 'objects', hanasDataset));
    assert.deepEqual(stored(), [hanasObject.id]);

    // Refused before their bodies are read: small bodies, which the client has written whole by
    // the time the gateway answers and closes (a large one can meet a closed connection).
    const small = genome(5, 4096);
    const refusals = [
      [await upload(hanasDataset, small, { token: 'wrong'.repeat(13) }), 401],
      [await uploadDeclaring(hanasDataset, 32_000_001), 413],
      [await upload(hanasDataset, small, { category: 'Dreams' }), 400],
      [await upload(hanasDataset, small, { name: '..%2F..%2Fetc%2Fpasswd' }), 400],
      [await upload(`0x${'ee'.repeat(32)}`, small), 422],
    ];
    for (const [response, status] of refusals) {
      const body = await response.json();
      assert.equal(response.status, status, JSON.stringify(body));
      assert.equal(response.headers.get('content-type'), 'application/problem+json');
      assert.ok(body.title && body.detail, JSON.stringify(body));
    }
    assert.deepEqual(stored(), [hanasObject.id], 'a refused upload left something behind');
  });

  it('signs in an accredited researcher by their chain key, and no one else', async () => {
    const { response, body } = await signIn(researcher);
    assert.equal(response.status, 200, JSON.stringify(body));
    token = body.access_token;

    const notAccredited = await signIn(ivan);
    assert.equal(notAccredited.response.status, 403, JSON.stringify(notAccredited.body));
    assert.equal(notAccredited.body.refusal, 'NotAccredited');

    const forged = await answer(researcher, await challengeFor(researcher), ivan);
    assert.equal(forged.status, 401);
    assert.match((await forged.json()).detail, /signature/);

    const late = await challengeFor(researcher);
    await new Promise((resolveWait) => setTimeout(resolveWait, 6_000));
    const expired = await answer(researcher, late);
    assert.equal(expired.status, 401);
    assert.match((await expired.json()).detail, /expired/);

    const anonymous = await fetch(`${gateway.url}/ga4gh/drs/v1/objects/${hanasObject.id}`);
    assert.equal(anonymous.status, 401);
  });

  it('releases an object under consent, recorded on chain, with the consent and transaction in headers', async () => {
    const granted = await submit(api, node, api.tx.consent.grant(hmbTerms('AllData', ['NonCommercialUse'])),
      hana, 'the grant');
    assert.equal(granted.error, undefined, `grant failed: ${granted.error}`);
    consentId = granted.events.find(({ event }) => api.events.consent.ConsentGranted.is(event))
      .event.data.consentId.toNumber();
    const before = (await api.query.consent.consents(consentId)).unwrap();

    const described = await fetch(`${gateway.url}/ga4gh/drs/v1/objects/${hanasObject.id}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(described.status, 200);
    assert.deepEqual((await described.json()).access_methods, [{ type: 'https', access_id: 'gateway' }]);

    const access = await requestAccess(token, hanasObject.id, hmb);
    const granting = await access.json();
    assert.equal(access.status, 200, JSON.stringify(granting));
    assert.equal(granting.consent_id, consentId);

    // On chain: one more access, a new access-log hash, in the block the gateway names.
    const after = (await api.query.consent.consents(consentId)).unwrap();
    assert.equal(after.accesses.toNumber(), before.accesses.toNumber() + 1);
    assert.notEqual(after.accessLog.toHex(), before.accessLog.toHex());
    const blockHash = await api.rpc.chain.getBlockHash(granting.block_number);
    const block = await api.rpc.chain.getBlock(blockHash);
    assert.ok(block.block.extrinsics.some((tx) => tx.hash.toHex() === granting.transaction),
      `transaction ${granting.transaction} is not in block #${granting.block_number}`);

    const download = await fetch(granting.url);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('genochain-consent-id'), String(consentId));
    assert.equal(download.headers.get('genochain-access-transaction'), granting.transaction);
    const bytes = Buffer.from(await download.arrayBuffer());
    assert.equal(sha256(bytes), sha256(hanasBytes));
  });

  it('lets a researcher fetch with the CLI: checked against the SHA-256, a refusal exits with 4', async () => {
    const cli = debugBinary('genochain');
    const fetchObject = (use, output) => spawnSync(cli, ['fetch', hanasObject.self_uri, '--suri', '//Researcher',
      '--use', use, '--output', output, '--json'], { encoding: 'utf8' });
    const output = join(work, 'fetched.vcf');
    const fetched = fetchObject('HealthMedicalBiomedical', output);
    assert.equal(fetched.status, 0, fetched.stderr);
    const report = JSON.parse(fetched.stdout);
    assert.equal(report.consent_id, consentId);
    assert.equal(report.sha256, sha256(hanasBytes));
    assert.equal(sha256(readFileSync(output)), sha256(hanasBytes));

    const refusedOutput = join(work, 'refused.vcf');
    const refused = fetchObject('{"purpose": "HealthMedicalBiomedical", "commercial": true}', refusedOutput);
    assert.equal(refused.status, 4, refused.stderr);
    assert.match(refused.stderr, /UseNotPermitted\(CommercialUse\)/);
    assert.ok(!existsSync(refusedOutput), 'a refused fetch wrote a file');

    const again = fetchObject('HealthMedicalBiomedical', output);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /exists already/);
    assert.equal(sha256(readFileSync(output)), sha256(hanasBytes), 'an existing file was overwritten');
  });

  it('records concurrent accesses from one nonce sequence, batched', async () => {
    const before = (await api.query.consent.consents(consentId)).unwrap().accesses.toNumber();
    const answers = await Promise.all([1, 2, 3, 4].map(async () => {
      const response = await requestAccess(token, hanasObject.id, hmb);
      return { status: response.status, body: await response.json() };
    }));
    for (const { status, body } of answers) assert.equal(status, 200, JSON.stringify(body));
    // Gathered while a transaction is on its way: one or two transactions for the four.
    const transactions = new Set(answers.map(({ body }) => body.transaction));
    assert.ok(transactions.size <= 2, `${transactions.size} transactions for 4 concurrent accesses`);
    const after = (await api.query.consent.consents(consentId)).unwrap().accesses.toNumber();
    assert.equal(after, before + 4);
  });

  it('renders a consent as FHIR R5, and the CLI turns it back into the same grant', async () => {
    const read = await fetch(`${gateway.url}/fhir/Consent/${consentId}`);
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('content-type'), 'application/fhir+json');
    const resource = await read.json();
    assert.equal(resource.resourceType, 'Consent');
    assert.equal(resource.id, String(consentId));
    assert.equal(resource.status, 'active');
    assert.equal(resource.subject.identifier.value, hana.address);
    assert.deepEqual(resource.provision[0].purpose.map(({ code }) => code), ['DUO:0000006', 'DUO:0000046']);

    // The CLI renders the same resource; the times come from the clock at each one's finalized block.
    const cli = debugBinary('genochain');
    const run = (...args) => spawnSync(cli, args, { encoding: 'utf8' });
    const rendered = run('consent', 'to-fhir', String(consentId), '--node', node.wsUrl);
    assert.equal(rendered.status, 0, rendered.stderr);
    const withoutTimes = ({ provision: [{ period, ...provision }], ...rest }) => ({ ...rest, provision });
    assert.deepEqual(withoutTimes(JSON.parse(rendered.stdout)), withoutTimes(resource));

    // Back to terms: exactly those on chain, and a Consent.grant call that makes the same consent.
    const file = join(work, 'consent.fhir.json');
    writeFileSync(file, JSON.stringify(resource));
    const mapped = run('consent', 'from-fhir', file, '--node', node.wsUrl);
    assert.equal(mapped.status, 0, mapped.stderr);
    const granting = JSON.parse(mapped.stdout);
    const onChain = (await api.query.consent.consents(consentId)).unwrap().terms.toHex();
    assert.equal(granting.subject, hana.address);
    assert.equal(granting.terms.grantee.Account, researcher.address);
    assert.equal(granting.terms_scale, onChain);
    const regranted = await submit(api, node, api.tx(api.createType('Call', granting.grant_call)), hana,
      'the grant from FHIR');
    assert.equal(regranted.error, undefined, `grant from FHIR failed: ${regranted.error}`);
    const copyId = regranted.events.find(({ event }) => api.events.consent.ConsentGranted.is(event))
      .event.data.consentId.toNumber();
    assert.equal((await api.query.consent.consents(copyId)).unwrap().terms.toHex(), onChain);
    const revoked = await submit(api, node, api.tx.consent.revoke(copyId), hana, 'revoking the copy');
    assert.equal(revoked.error, undefined, `revoke failed: ${revoked.error}`);

    // What cannot be mapped is refused by field; unknown and malformed ids are FHIR errors.
    writeFileSync(file, JSON.stringify({ ...resource, decision: 'deny' }));
    const denied = run('consent', 'from-fhir', file);
    assert.equal(denied.status, 1);
    assert.match(denied.stderr, /cannot be granted: decision: /);
    for (const [id, status, code] of [['999999', 404, 'not-found'], ['abc', 400, 'invalid']]) {
      const answer = await fetch(`${gateway.url}/fhir/Consent/${id}`);
      assert.equal(answer.status, status);
      const outcome = await answer.json();
      assert.equal(outcome.resourceType, 'OperationOutcome');
      assert.equal(outcome.issue[0].code, code);
    }
    const unknown = run('consent', 'to-fhir', '999999', '--node', node.wsUrl);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /has no consent 999999/);
  });

  let hanasVisa;
  const visaAccess = (objectId, passports) => fetch(`${gateway.url}/ga4gh/drs/v1/objects/${objectId}/access/gateway`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ passports }),
  });

  it('issues a GA4GH visa for a use a consent covers, and takes it back in place of a sign-in', async () => {
    const issue = (body) => fetch(`${gateway.url}/ga4gh/passport/v1/visas`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const issued = await issue({ dataset: hanasDataset, category: 'Variants', use: hmb });
    const answer = await issued.json();
    assert.equal(issued.status, 200, JSON.stringify(answer));
    assert.equal(answer.consent_id, consentId);
    hanasVisa = answer.visa;

    // Checked as any JOSE library would: the JWKS key verifies the ES256 signature, and the
    // custodian's chain key vouches for that key.
    const { keys: [jwk] } = await (await fetch(`${gateway.url}/.well-known/jwks.json`)).json();
    const [encodedHeader, encodedClaims, signature] = hanasVisa.split('.');
    const header = JSON.parse(Buffer.from(encodedHeader, 'base64url'));
    assert.deepEqual(header, { alg: 'ES256', typ: 'JWT', kid: jwk.kid, jku: `${gateway.url}/.well-known/jwks.json` });
    const { kty, crv, x, y } = jwk;
    const publicKey = createPublicKey({ key: { kty, crv, x, y }, format: 'jwk' });
    assert.ok(verify('sha256', Buffer.from(`${encodedHeader}.${encodedClaims}`),
      { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url')), 'the ES256 signature');
    assert.equal(jwk.genochain_custodian, custodian.address);
    assert.ok(signatureVerify(stringToU8a(`genochain-visa-key:${jwk.kid}`), jwk.genochain_binding,
      custodian.address).isValid, "the custodian's binding of the visa key");
    const claims = JSON.parse(Buffer.from(encodedClaims, 'base64url'));
    assert.equal(claims.sub, researcher.address);
    assert.equal(claims.iss, gateway.url);
    assert.deepEqual({ ...claims.ga4gh_visa_v1, asserted: 0 }, {
      type: 'ControlledAccessGrants', asserted: 0, value: `urn:genochain:dataset:${hanasDataset}`,
      source: gateway.url, by: 'dac',
    });
    assert.equal(claims.genochain.consent_id, consentId);
    assert.equal(claims.exp - claims.iat, 3600, 'an open-ended consent: the gateway\'s visa lifetime');

    // Presented without a sign-in: the chain is asked again, and the access recorded.
    const before = (await api.query.consent.consents(consentId)).unwrap().accesses.toNumber();
    const byVisa = await visaAccess(hanasObject.id, [hanasVisa]);
    const granting = await byVisa.json();
    assert.equal(byVisa.status, 200, JSON.stringify(granting));
    assert.equal(granting.consent_id, consentId);
    assert.equal((await api.query.consent.consents(consentId)).unwrap().accesses.toNumber(), before + 1);
    const [h, , sig] = hanasVisa.split('.');
    const forged = { ...claims, sub: ivan.address };
    for (const bad of [`${h}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${sig}`, 'not.a.visa']) {
      const refused = await visaAccess(hanasObject.id, [bad]);
      assert.equal(refused.status, 401, JSON.stringify(await refused.json()));
    }
    assert.equal((await api.query.consent.consents(consentId)).unwrap().accesses.toNumber(), before + 1);

    // No visa for what the chain refuses; and one never outlasts its consent.
    const commercial = await issue({ dataset: hanasDataset, category: 'Variants', use: { ...hmb, commercial: true } });
    const commercialBody = await commercial.json();
    assert.equal(commercial.status, 403, JSON.stringify(commercialBody));
    assert.equal(commercialBody.refusal, 'UseNotPermitted(CommercialUse)');
    const head = (await api.rpc.chain.getHeader()).number.toNumber();
    const ending = await submit(api, node, api.tx.consent.grant({
      ...hmbTerms({ Dataset: hanasDataset }), scope: { data: { Dataset: hanasDataset }, categories: ['Phenotype'] },
      validUntil: head + 40,
    }), hana, 'a consent ending soon');
    assert.equal(ending.error, undefined, `grant failed: ${ending.error}`);
    const short = await issue({ dataset: hanasDataset, category: 'Phenotype', use: hmb });
    const shortBody = await short.json();
    assert.equal(short.status, 200, JSON.stringify(shortBody));
    const shortClaims = JSON.parse(Buffer.from(shortBody.visa.split('.')[1], 'base64url'));
    assert.equal(shortBody.expires_at, shortClaims.exp);
    assert.ok(shortClaims.exp - shortClaims.iat < 40 * 6, `the visa lasts ${shortClaims.exp - shortClaims.iat} s`);
    const endingId = ending.events.find(({ event }) => api.events.consent.ConsentGranted.is(event))
      .event.data.consentId.toNumber();
    const revokedEnding = await submit(api, node, api.tx.consent.revoke(endingId), hana, 'revoking it');
    assert.equal(revokedEnding.error, undefined, `revoke failed: ${revokedEnding.error}`);
  });

  it('refuses what no consent covers: a commercial use, another subject\'s data, a revoked consent', async () => {
    const commercial = await requestAccess(token, hanasObject.id, { ...hmb, commercial: true });
    const commercialBody = await commercial.json();
    assert.equal(commercial.status, 403, JSON.stringify(commercialBody));
    assert.equal(commercialBody.refusal, 'UseNotPermitted(CommercialUse)');

    const ivansDataset = await anchorGenomeOf(ivan, 'b8');
    const ivans = await (await upload(ivansDataset, genome(11, 70_000))).json();
    const crossSubject = await requestAccess(token, ivans.id, hmb);
    const crossBody = await crossSubject.json();
    assert.equal(crossSubject.status, 403, JSON.stringify(crossBody));
    assert.equal(crossBody.refusal, 'ConsentNotFound');

    const revoked = await submit(api, node, api.tx.consent.revoke(consentId), hana, 'the revocation');
    assert.equal(revoked.error, undefined, `revoke failed: ${revoked.error}`);
    const afterRevocation = await requestAccess(token, hanasObject.id, hmb);
    const revokedBody = await afterRevocation.json();
    assert.equal(afterRevocation.status, 403, JSON.stringify(revokedBody));
    assert.equal(revokedBody.refusal, 'Revoked');
    assert.match(revokedBody.detail, /Revoked/);
    // The visa issued before is worth nothing now: the chain is asked again.
    const byVisa = await visaAccess(hanasObject.id, [hanasVisa]);
    const byVisaBody = await byVisa.json();
    assert.equal(byVisa.status, 403, JSON.stringify(byVisaBody));
    assert.equal(byVisaBody.refusal, 'Revoked');
  });

  it('answers bad requests with a clear 4xx', async () => {
    const auth = { Authorization: `Bearer ${token}` };
    const cases = [
      [`/ga4gh/drs/v1/objects/${'0'.repeat(32)}`, 404],
      ['/ga4gh/drs/v1/objects/..%2F..%2F..%2Fetc%2Fpasswd', 400],
      [`/ga4gh/drs/v1/objects/${hanasObject.id.toUpperCase()}`, 400],
      [`/ga4gh/drs/v1/download/${'1'.repeat(32)}`, 404],
    ];
    for (const [path, status] of cases) {
      const response = await fetch(`${gateway.url}${path}`, { headers: auth });
      const body = await response.json();
      assert.equal(response.status, status, `${path}: ${JSON.stringify(body)}`);
      assert.ok(body.detail, `${path}: ${JSON.stringify(body)}`);
    }
    const noUse = await fetch(`${gateway.url}/ga4gh/drs/v1/objects/${hanasObject.id}/access/gateway`, {
      method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{"use": "all of it"}',
    });
    assert.equal(noUse.status, 400);
    const otherMethod = await fetch(`${gateway.url}/ga4gh/drs/v1/objects/${hanasObject.id}/access/ftp`, {
      method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ use: hmb }),
    });
    assert.equal(otherMethod.status, 404);
  });

  it('completes a download cut off by a gateway restart, after a new access', async () => {
    // A new consent for the restart (the first was revoked).
    const granted = await submit(api, node, api.tx.consent.grant(hmbTerms({ Dataset: hanasDataset })), hana,
      'the second grant');
    assert.equal(granted.error, undefined, `grant failed: ${granted.error}`);
    // Larger than what the kernel's socket buffers hold on loopback, so that the kill cuts it off.
    const bigBytes = genome(13, 24_000_000);
    const big = await (await upload(hanasDataset, bigBytes, { name: 'genome.bam' })).json();
    const access = await (await requestAccess(token, big.id, hmb)).json();
    const download = await fetch(access.url);
    const reader = download.body.getReader();
    const first = await reader.read();
    assert.ok(first.value.length > 0 && first.value.length < bigBytes.length, 'the first read was everything');
    const { port } = gateway;
    await gateway.kill();
    await assert.rejects(async () => {
      for (;;) {
        const { done } = await reader.read();
        if (done) throw new Error('the download ended cleanly though the gateway was killed');
      }
    }, (error) => !/ended cleanly/.test(error.message));

    gateway = await startOurGateway(port);
    // Sessions live in memory: sign in again, ask again (a new recorded access), download whole.
    token = (await signIn(researcher)).body.access_token;
    const again = await (await requestAccess(token, big.id, hmb)).json();
    assert.ok(again.url, JSON.stringify(again));
    const bytes = Buffer.from(await (await fetch(again.url)).arrayBuffer());
    assert.equal(sha256(bytes), sha256(bigBytes));
  });

  it('deletes a subject\'s objects and keys on erasure, and confirms on chain', async () => {
    const erased = await submit(api, node, api.tx.redaction.eraseMe(), hana, 'the erasure');
    assert.equal(erased.error, undefined, `eraseMe failed: ${erased.error}`);
    const opened = erased.events.find(({ event }) => api.events.redaction.ErasureCaseOpened.is(event));
    assert.ok(opened, 'no ErasureCaseOpened');
    const caseId = opened.event.data.case.toNumber();
    assert.ok(opened.event.data.custodians.some((who) => who.toString() === custodian.address));

    const deadline = Date.now() + ERASURE_TIMEOUT_MS;
    for (;;) {
      const pending = await api.call.redactionApi.erasureCase(caseId);
      const confirmedByCustodian = pending.isNone ||
        pending.unwrap().confirmed.some((who) => who.toString() === custodian.address);
      if (confirmedByCustodian) break;
      if (Date.now() > deadline) throw gateway.failure(`the gateway did not confirm erasure case ${caseId}`);
      await new Promise((resolveWait) => setTimeout(resolveWait, 1_000));
    }
    const left = existsSync(join(dataDir, 'objects', hanasDataset))
      ? readdirSync(join(dataDir, 'objects', hanasDataset)) : [];
    assert.deepEqual(left, [], "Hana's objects are still stored");
    const gone = await fetch(`${gateway.url}/ga4gh/drs/v1/objects/${hanasObject.id}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(gone.status, 404);
    // Her consent is erased with the rest: FHIR readers are told it is gone.
    const erasedConsent = await fetch(`${gateway.url}/fhir/Consent/${consentId}`);
    assert.equal(erasedConsent.status, 410);
    assert.match((await erasedConsent.json()).issue[0].diagnostics, /erased at block/);
  });

  it('limits the accesses one researcher can have recorded: 429, nothing recorded past it', async () => {
    const ivansDataset = anchorId(ivan.address, `0x${'b8'.repeat(32)}`);
    const ivans = readdirSync(join(dataDir, 'objects', ivansDataset))[0];
    const granted = await submit(api, node, api.tx.consent.grant(hmbTerms({ Dataset: ivansDataset })), ivan,
      "Ivan's grant");
    assert.equal(granted.error, undefined, `grant failed: ${granted.error}`);
    const ivansConsent = granted.events.find(({ event }) => api.events.consent.ConsentGranted.is(event))
      .event.data.consentId.toNumber();
    const answers = await Promise.all(Array.from({ length: 40 }, async () => {
      const response = await requestAccess(token, ivans, hmb);
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
    }));
    const allowed = answers.filter(({ status }) => status === 200);
    const limited = answers.filter(({ status }) => status === 429);
    assert.equal(allowed.length + limited.length, 40,
      JSON.stringify(answers.filter(({ status }) => status !== 200 && status !== 429)));
    assert.ok(allowed.length <= 30 && limited.length >= 10, `${allowed.length} allowed, ${limited.length} limited`);
    for (const { retryAfter, body } of limited) {
      assert.ok(Number(retryAfter) > 0 && Number(retryAfter) <= 61, `Retry-After: ${retryAfter}`);
      assert.equal(body.type, 'https://genochain.org/problems/too-many-accesses');
    }
    const recorded = (await api.query.consent.consents(ivansConsent)).unwrap().accesses.toNumber();
    assert.equal(recorded, allowed.length, 'a limited request was recorded on chain');
  });

  it('refuses every release while the chain cannot be reached: it fails closed', async () => {
    const ivansDataset = anchorId(ivan.address, `0x${'b8'.repeat(32)}`);
    const ivans = readdirSync(join(dataDir, 'objects', ivansDataset))[0];
    await api.disconnect();
    api = undefined;
    await node.stop();
    const refused = await requestAccess(token, ivans, hmb);
    const body = await refused.json();
    assert.equal(refused.status, 503, JSON.stringify(body));
    assert.match(body.title, /chain cannot be reached/);
  });
});
