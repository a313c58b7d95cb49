// The contributor portal (portal/) in headless Chromium against a `--dev` node: a contributor
// picks their development account, grants a consent through the form (the fee shown before
// signing), reads it in words, sees the custodian's access appear in its log, is told in words
// why the chain refuses a stale revocation, and revokes; enrols their genome in the development
// study, is paid once the custodian delivers, and erases themselves, following the case as the
// custodian confirms deletion; the pages at a phone's width and from the keyboard.
// Screenshots of each page go to $PORTAL_SCREENSHOTS (e2e/.logs/screenshots by default).

import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { chromium } from 'playwright-core';
import { freePort, repoRoot } from '../lib/devnode.js';
import { anchorGenome, startDevChain, submit, within } from '../lib/chain.js';
import { serve } from '../../portal/serve.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SCREENSHOTS = process.env.PORTAL_SCREENSHOTS || join(repoRoot, 'e2e', '.logs', 'screenshots');
/** How long the page may take to show what the chain did. */
const PAGE_TIMEOUT_MS = 60_000;

describe('the contributor portal, in Chromium', () => {
  let node;
  let api;
  let server;
  let browser;
  let page;
  let bob;
  let custodian;
  let researcher;
  let portalUrl;

  before(async () => {
    if (!existsSync(join(repoRoot, 'portal', 'dist', 'index.html'))) {
      throw new Error("the portal is not built: run 'npm run build' in portal/ (make test does)");
    }
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: scripts/setup.sh test installs Debian's chromium`);
    }
    ({ node, api } = await startDevChain('portal'));
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    bob = keyring.addFromUri('//Bob');
    custodian = keyring.addFromUri('//Custodian');
    researcher = keyring.addFromUri('//Researcher');

    server = await serve({ port: 0 });
    portalUrl = `http://127.0.0.1:${server.address().port}/?rpc=${encodeURIComponent(node.wsUrl)}`;
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await watched(await browser.newPage({ viewport: { width: 1100, height: 900 } }));
  });

  /** What the pages logged, printed when a test fails so that it explains itself. */
  const logged = [];
  async function watched(newPage) {
    newPage.setDefaultTimeout(PAGE_TIMEOUT_MS);
    newPage.on('console', (message) => logged.push(`console.${message.type()}: ${message.text()}`));
    newPage.on('pageerror', (error) => logged.push(`page error: ${error.message}`));
    return newPage;
  }

  afterEach(async (context) => {
    if (context.passed === false || context.error) {
      const text = await page?.locator('body').innerText().catch((error) => `(unreadable: ${error.message})`);
      console.error(`--- the page, as the test failed:\n${text}\n--- its log:\n${logged.slice(-40).join('\n')}`);
    }
    logged.length = 0;
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await new Promise((done) => (server ? server.close(done) : done()));
    await api?.disconnect().catch(() => {});
    await node?.stop();
  });

  it('says which node it cannot reach', async () => {
    const nowhere = await watched(await browser.newPage());
    // A port nothing listens on.
    const nobody = `ws://127.0.0.1:${await freePort()}`;
    try {
      await nowhere.goto(`http://127.0.0.1:${server.address().port}/?rpc=${encodeURIComponent(nobody)}#consents`);
      await nowhere.getByText(`the node at ${nobody} cannot be reached`).waitFor();
    } catch (error) {
      throw new Error(`${error.message}\n--- the page:\n${await nowhere.locator('body').innerText()}`);
    } finally {
      await nowhere.close();
    }
  });

  it('grants a consent, shows it in words with its accesses, explains a refusal, and revokes', async () => {
    // Bob's genome, anchored with the custodian keeping it: the dataset his consent names.
    const dataset = await anchorGenome(api, node, bob, custodian, 'b0', "Bob's anchor");

    await page.goto(`${portalUrl}#consents`);
    await page.getByText('Connected to').waitFor();
    await page.getByLabel('You are').selectOption(bob.address);
    await page.getByRole('heading', { name: 'Grant a consent' }).waitFor();
    await page.getByText('You have granted no consent yet.').waitFor();

    // The form: the researcher, Bob's genome, its variants, health research, non-commercial.
    const form = page.locator('form.grant');
    await form.getByLabel('Its address').fill(researcher.address);
    await form.getByLabel('Which data').selectOption(dataset);
    await form.getByLabel('Health and medical research').check();
    await form.getByLabel('Non-commercial use only').check();
    // A condition that needs what the form lacks is refused before anything is signed.
    await form.getByLabel('Limited in time').check();
    await form.getByRole('button', { name: 'Grant consent' }).click();
    await form.getByText('"Limited in time" needs an end date.').waitFor();
    await form.getByLabel('Limited in time').uncheck();
    await form.getByLabel('The signed consent document').setInputFiles({
      name: 'consent.pdf', mimeType: 'application/pdf', buffer: Buffer.from('the consent Bob signed'),
    });
    await page.screenshot({ path: join(SCREENSHOTS, 'consents-grant-form.png'), fullPage: true });
    await form.getByRole('button', { name: 'Grant consent' }).click();

    // The fee, before signing.
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/\d GENE in fees/).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-with-fee.png') });
    await dialog.getByRole('button', { name: 'Sign and send' }).click();
    await page.locator('#transaction').getByText(/^In block #\d+/).waitFor();

    const consent = page.locator('li.consent').first();
    await consent.getByText('in force').waitFor();
    const words = await consent.locator('.words').textContent();
    assert.match(words, /^Researcher may use the genetic variants of your genome 0x[0-9a-f]{4}…[0-9a-f]{4} for health and medical research, non-commercial use only, with no end date; no access yet\.$/,
      `the consent in words: ${words}`);
    const consentId = Number(await consent.getAttribute('data-consent-id'));
    const onChain = (await api.query.consent.consents(consentId)).unwrap();
    assert.equal(onChain.subject.toString(), bob.address);
    assert.deepEqual(onChain.terms.purpose.modifiers.map((m) => m.type), ['NonCommercialUse']);

    // The custodian records the researcher's access: it appears in the log, in words.
    const hmb = { purpose: 'HealthMedicalBiomedical' };
    const recorded = await submit(api, node, api.tx.consent.recordAccess(consentId, researcher.address,
      dataset, 'Variants', hmb), custodian, 'the access');
    assert.equal(recorded.error, undefined, `access refused: ${recorded.error}`);
    const accessBlock = (await api.rpc.chain.getHeader(recorded.blockHash)).number.toNumber();
    // The page remembers Bob as the account in use.
    await page.reload();
    await consent.getByText(`1 access, last at block #${accessBlock.toLocaleString('en')}`).waitFor();
    await consent.getByText('Access log (1)').click();
    await consent.getByText(new RegExp(`^Block #${accessBlock.toLocaleString('en')}: Custodian released the ` +
      'genetic variants of your genome .* to Researcher for health and medical research\\.$')).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'consents.png'), fullPage: true });

    // Revoked elsewhere meanwhile (another device, a guardian): the page's revocation is stale,
    // and the chain's refusal is shown in words.
    const revoked = await submit(api, node, api.tx.consent.revoke(consentId), bob, 'the revocation elsewhere');
    assert.equal(revoked.error, undefined);
    await consent.getByRole('button', { name: 'Revoke' }).click();
    await dialog.getByRole('button', { name: 'Sign and send' }).click();
    await page.locator('#transaction').getByText(
      /^Failed: The consent is revoked already\. \(consent\.AlreadyRevoked\) \(in block #\d+/).waitFor();

    // Shown again: revoked, with its deposit to take back.
    // The page remembers Bob as the account in use.
    await page.reload();
    await consent.getByText('revoked', { exact: true }).waitFor();
    await consent.getByRole('button', { name: 'Remove' }).click();
    await dialog.getByRole('button', { name: 'Sign and send' }).click();
    await page.getByText('You have granted no consent yet.').waitFor();
    assert.ok((await api.query.consent.consents(consentId)).isNone, 'the consent is still kept');
  });

  it('enrols in a study, is paid, sees its data, and erases itself', async () => {
    const { studies } = await api.call.marketApi.openStudies(null, 16);
    const study = studies.find((view) => view.terms.reward.toBigInt() > 0n);
    assert.ok(study, 'the development chain has no open study');
    const studyId = study.id.toNumber();
    // The genome Bob enrols, anchored with the custodian keeping it.
    const genomeId = await anchorGenome(api, node, bob, custodian, 'b1', "Bob's genome for the study");

    await page.goto(`${portalUrl}#studies`);
    await page.getByLabel('You are').selectOption(bob.address);
    await page.locator('ol.payouts, p').getByText('No payout yet.').waitFor();
    const item = page.locator(`li.study[data-study-id="${studyId}"]`);
    await item.getByText(/^Researcher pays 10 GENE a contributor for the genetic variants of a genome on GRCh38, for health and medical research\. Enrol by \d{4}-\d\d-\d\d/).waitFor();
    await item.getByLabel('Genome to enrol').selectOption(genomeId);
    await item.getByRole('button', { name: `Enrol in study #${studyId}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign and send' }).click();
    const enrolment = page.locator(`ul.enrolments li[data-study-id="${studyId}"]`);
    await enrolment.getByText('waiting for the custodian to deliver your data').waitFor();

    // My data: the genome, who keeps it, and the consent the enrolment made covering it.
    await page.goto(`${portalUrl}#data`);
    const genome = page.locator(`li.dataset[data-dataset-id="${genomeId}"]`);
    await genome.getByText(/Fingerprint 0x[0-9a-f]{4}…[0-9a-f]{4} of 1,000 variants, on GRCh38, scheme V1; kept by Custodian; not attested by a lab/).waitFor();
    await genome.locator('ul.coverage').getByText(/^Consent #\d+ \(in force\): Researcher$/).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'data.png'), fullPage: true });

    // The custodian delivers; the chain pays Bob when the dispute window has passed.
    const delivered = await submit(api, node, api.tx.dataMarket.confirmDelivery(studyId, bob.address),
      custodian, 'the delivery');
    assert.equal(delivered.error, undefined, `delivery refused: ${delivered.error}`);
    const paidAt = await within(PAGE_TIMEOUT_MS, new Promise((resolve) => {
      const unsubscribe = api.query.system.events((records) => {
        const paid = records.find(({ event }) => api.events.dataMarket.ContributorPaid.is(event) &&
          event.data.contributor.toString() === bob.address);
        if (paid) {
          unsubscribe.then((stop) => stop());
          api.rpc.chain.getHeader().then((header) => resolve(header.number.toNumber()));
        }
      });
    }), node, 'waiting for the payout');
    await page.goto(`${portalUrl}#studies`);
    await page.locator('dl.earnings').getByText('10 GENE').waitFor();
    const payout = await page.locator('ol.payouts li').first().textContent();
    assert.match(payout, new RegExp(`^Block #[\\d,]+: 10 GENE from study #${studyId}$`));
    assert.ok(Number(payout.match(/#([\d,]+)/)[1].replaceAll(',', '')) <= paidAt);
    await page.screenshot({ path: join(SCREENSHOTS, 'studies.png'), fullPage: true });

    // Erasure: what goes is listed first; nothing is signed until the box is ticked.
    await page.goto(`${portalUrl}#erasure`);
    const erase = page.locator('form.erase');
    await erase.locator('ul.goes').getByText(`your genome ${genomeId.slice(0, 6)}…${genomeId.slice(-4)}`).waitFor();
    await erase.getByRole('button', { name: 'Erase me' }).click();
    await erase.getByText('Tick the box first: erasure cannot be undone.').waitFor();
    await erase.getByLabel('I understand that this cannot be undone').check();
    await erase.getByRole('button', { name: 'Erase me' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign and send' }).click();
    const erasureCase = page.locator('ul.cases > li').first();
    await erasureCase.getByText('Custodians yet to confirm: Custodian.').waitFor();
    assert.equal((await api.call.anchorApi.anchorsOf(bob.address)).length, 0, "Bob's anchors are still kept");

    // The custodian confirms deleting its copy; the researcher, who received the data, has not.
    const caseId = Number(await erasureCase.getAttribute('data-case-id'));
    const confirmed = await submit(api, node, api.tx.redaction.confirmErasure(caseId), custodian,
      'the custodian\'s confirmation');
    assert.equal(confirmed.error, undefined, `confirmation refused: ${confirmed.error}`);
    await page.reload();
    await erasureCase.getByText('Custodians who confirmed deletion: Custodian.').waitFor();
    await erasureCase.getByText('Recipients yet to confirm: Researcher.').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'erasure.png'), fullPage: true });
  });

  it('lets a guardian grant for the person they act for, through a Consent proxy', async () => {
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const charlie = keyring.addFromUri('//Charlie');
    const dave = keyring.addFromUri('//Dave');
    await page.goto(`${portalUrl}#consents`);
    await page.getByLabel('You are').selectOption(dave.address);
    const guardian = page.locator('form.guardian');

    // Not yet Charlie's proxy: the page says so and acts for nobody else.
    await guardian.getByLabel('Acting for (as their guardian)').fill(charlie.address);
    await guardian.getByRole('button', { name: 'Act for them' }).click();
    await guardian.getByText(/^Dave is not a Consent proxy of Charlie/).waitFor();

    const added = await submit(api, node, api.tx.proxy.addProxy(dave.address, 'Consent', 0), charlie,
      "Charlie's proxy");
    assert.equal(added.error, undefined, `proxy refused: ${added.error}`);
    await guardian.getByRole('button', { name: 'Act for them' }).click();
    await guardian.getByText('Acting for Charlie: what you sign goes through your proxy.').waitFor();

    const form = page.locator('form.grant');
    await form.getByLabel('Any researcher accredited by the consortium, now or later').check();
    await form.getByLabel('Research on one disease only').check();
    await form.getByLabel('Disease (MONDO number)').fill('MONDO:0004992');
    await form.getByLabel('Only in one region').check();
    await form.getByLabel('Region (two-letter code)').fill('fr');
    await form.getByLabel('The signed consent document').setInputFiles({
      name: 'consent.pdf', mimeType: 'application/pdf', buffer: Buffer.from("Charlie's consent, signed by his guardian"),
    });
    await form.getByRole('button', { name: 'Grant consent' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Grant a consent, for Charlie').waitFor();
    await dialog.getByText(/^Dave \(/).waitFor();
    await dialog.getByRole('button', { name: 'Sign and send' }).click();
    const consent = page.locator('li.consent').first();
    await consent.getByText(/^Any accredited researcher may use the genetic variants of all your data for research on disease MONDO:4992 only, only in FR, with no end date; no access yet\.$/).waitFor();
    const consentId = Number(await consent.getAttribute('data-consent-id'));
    const record = (await api.query.consent.consents(consentId)).unwrap();
    assert.equal(record.subject.toString(), charlie.address, 'the consent is not Charlie\'s');

    // Dave enrols Charlie's genome in the study, then withdraws it, both through the proxy.
    const genomeId = await anchorGenome(api, node, charlie, custodian, 'c3', "Charlie's genome");
    await page.getByRole('link', { name: 'Studies' }).click();
    const study = page.locator('li.study').first();
    const studyId = await study.getAttribute('data-study-id');
    await study.getByLabel('Genome to enrol').selectOption(genomeId);
    await study.getByRole('button', { name: `Enrol in study #${studyId}` }).click();
    await dialog.getByRole('button', { name: 'Sign and send' }).click();
    const enrolment = page.locator(`ul.enrolments li[data-study-id="${studyId}"]`);
    await enrolment.getByText('waiting for the custodian to deliver your data').waitFor();
    assert.equal((await api.call.marketApi.earnings(charlie.address)).enrolments.length, 1);
    await enrolment.getByRole('button', { name: `Withdraw from study #${studyId}` }).click();
    await dialog.getByRole('button', { name: 'Sign and send' }).click();
    await enrolment.waitFor({ state: 'detached' });
    assert.equal((await api.call.marketApi.earnings(charlie.address)).enrolments.length, 0);
  });

  it('grants a consent that waits for an approver, and shows who approved it', async () => {
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const [ferdie, alice] = [keyring.addFromUri('//Ferdie'), keyring.addFromUri('//Alice')];
    await page.goto(`${portalUrl}#consents`);
    await page.getByLabel('You are').selectOption(ferdie.address);
    const form = page.locator('form.grant');
    await form.getByLabel('Its address').fill(researcher.address);
    await form.getByRole('radio', { name: /^\s*Any research GRU\s*$/ }).check();
    await form.getByLabel('Approvers (optional)').fill(alice.address);
    await form.getByLabel('How many of them must approve').fill('1');
    await form.getByLabel('The signed consent document').setInputFiles({
      name: 'consent.pdf', mimeType: 'application/pdf', buffer: Buffer.from("Ferdie's consent"),
    });
    await form.getByRole('button', { name: 'Grant consent' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign and send' }).click();
    const consent = page.locator('li.consent').first();
    await consent.getByText('waiting for approval').waitFor();
    await consent.getByText(/; waiting for Alice; no access yet\.$/).waitFor();

    // Alice, the approver, approves (in her own wallet): in force, and said by whom.
    const consentId = Number(await consent.getAttribute('data-consent-id'));
    const approved = await submit(api, node, api.tx.consent.approve(consentId), alice, "Alice's approval");
    assert.equal(approved.error, undefined, `approval refused: ${approved.error}`);
    await page.reload();
    await consent.getByText('in force').waitFor();
    await consent.getByText(/^Researcher may use the genetic variants of all your data for any research, with no end date; approved by Alice; no access yet\.$/).waitFor();
  });

  it('shows the datasets a custodian registers, which the contributor confirms or refuses', async () => {
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const eve = keyring.addFromUri('//Eve');
    const [hers, notHers] = [`0x${'e1'.repeat(32)}`, `0x${'e2'.repeat(32)}`];
    for (const dataset of [hers, notHers]) {
      const registered = await submit(api, node, api.tx.consent.registerAccession(dataset, eve.address),
        custodian, 'an accession for Eve');
      assert.equal(registered.error, undefined, `registration refused: ${registered.error}`);
    }
    await page.goto(`${portalUrl}#data`);
    await page.getByLabel('You are').selectOption(eve.address);
    const [first, second] = [hers, notHers].map((id) => page.locator(`li.dataset[data-dataset-id="${id}"]`));
    await first.getByText('Registered by Custodian as yours; until you confirm it, no consent may name it.').waitFor();
    await second.getByText('Registered by Custodian as yours').waitFor();

    await first.getByRole('button', { name: 'Confirm it is mine' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign and send' }).click();
    await first.getByText('Kept by Custodian; you confirmed it is yours.').waitFor();
    await second.getByRole('button', { name: 'It is not mine: remove' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign and send' }).click();
    await second.waitFor({ state: 'detached' });
    assert.ok((await api.query.consent.accessions(notHers)).isNone, 'the refused dataset is still registered');
    assert.ok((await api.query.consent.accessions(hers)).unwrap().confirmed.isTrue);

    // The confirmed dataset is one the grant form offers.
    await page.getByRole('link', { name: 'My consents' }).click();
    await page.locator('form.grant').getByLabel('Which data').selectOption(hers);
  });

  it('fits a phone-width screen and works from the keyboard', async () => {
    const phone = await watched(await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true }));
    await phone.goto(`${portalUrl}#consents`);
    await phone.getByRole('heading', { name: 'Grant a consent' }).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
    // Every input has a label; the first Tab reaches the skip link.
    const unlabelled = await phone.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
      .filter((input) => input.labels.length === 0 && !input.getAttribute('aria-label'))
      .map((input) => input.name || input.id));
    assert.deepEqual(unlabelled, []);
    await phone.keyboard.press('Tab');
    assert.equal(await phone.evaluate(() => document.activeElement.textContent), 'Skip to the page');
    await phone.screenshot({ path: join(SCREENSHOTS, 'consents-phone.png'), fullPage: true });
    await phone.close();
  });
});
