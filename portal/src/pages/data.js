// My data: the subject's anchored genomes (root, assembly, the lab that attested them, whether a
// newer version replaced them) and the datasets custodians registered for them, each with the
// consents that cover it.

import { el } from '../dom.js';
import { STATES, blockNumber, dateOf, shorten } from '../words.js';

/** The consents of `consents` that cover dataset `id` (all data, or that dataset). */
function coveringConsents(consents, id) {
  return consents.filter((view) => view.terms.scope.data.isAllData ||
    view.terms.scope.data.asDataset.toHex() === id);
}

/** The list of consents covering a dataset, in words. */
function coverage(ctx, consents) {
  if (consents.length === 0) return el('p', { class: 'help' }, 'No consent covers it: nobody may use it.');
  return el('ul', { class: 'coverage' }, consents.map((view) => el('li', {},
    el('a', { href: '#consents' }, `Consent #${view.id}`),
    ` (${STATES[view.state.type] ?? view.state.type}): `,
    view.terms.grantee.isAccount ? ctx.nameOf(view.terms.grantee.asAccount.toString()) : 'any accredited researcher')));
}

/** One anchored genome. */
function anchorItem(ctx, id, anchor, consents) {
  const hex = id.toHex();
  const facts = [
    `Fingerprint ${shorten(anchor.root.toHex())} of ${anchor.leafCount.toNumber().toLocaleString('en')} variants, ` +
      `on ${anchor.assembly.type}, scheme ${anchor.scheme.type}`,
    anchor.custodian.isSome ? `kept by ${ctx.nameOf(anchor.custodian.unwrap().toString())}` : 'kept by no custodian',
    anchor.attestation.isSome
      ? `attested by ${ctx.nameOf(anchor.attestation.unwrap().lab.toString())} at block ${blockNumber(anchor.attestation.unwrap().at)}`
      : 'not attested by a lab',
    `anchored at block ${blockNumber(anchor.anchoredAt)} (${dateOf(ctx.clock, anchor.anchoredAt)})`,
  ];
  if (anchor.supersededBy.isSome) {
    facts.push(`superseded by ${shorten(anchor.supersededBy.unwrap().toHex())}`);
  }
  return el('li', { class: 'dataset', dataset: { datasetId: hex } },
    el('h4', {}, `Genome ${shorten(hex)}`, anchor.supersededBy.isSome ? el('span', { class: 'state' }, ' superseded') : null),
    el('p', {}, `${facts.join('; ')}.`),
    el('p', { class: 'label' }, 'Consents that cover it:'),
    coverage(ctx, coveringConsents(consents, hex)));
}

/** One dataset a custodian registered for the subject. */
function accessionItem(ctx, id, accession, consents) {
  const hex = id.toHex();
  const custodian = ctx.nameOf(accession.custodian.toString());
  const actions = [];
  if (!accession.confirmed.isTrue) {
    actions.push(el('button', {
      type: 'button',
      onclick: () => ctx.act(ctx.api.tx.consent.confirmAccession(hex), `Confirm dataset ${shorten(hex)} as yours`),
    }, 'Confirm it is mine'));
  }
  actions.push(el('button', {
    type: 'button',
    onclick: () => ctx.act(ctx.api.tx.consent.removeAccession(hex), `Remove dataset ${shorten(hex)}`),
  }, accession.confirmed.isTrue ? 'Remove' : 'It is not mine: remove'));
  return el('li', { class: 'dataset', dataset: { datasetId: hex } },
    el('h4', {}, `Dataset ${shorten(hex)}`),
    el('p', {}, accession.confirmed.isTrue
      ? `Kept by ${custodian}; you confirmed it is yours.`
      : `Registered by ${custodian} as yours; until you confirm it, no consent may name it.`),
    el('p', { class: 'label' }, 'Consents that cover it:'),
    coverage(ctx, accession.confirmed.isTrue ? coveringConsents(consents, hex) : []),
    el('div', { class: 'actions' }, actions));
}

/** Renders the page into `main`. */
export async function dataPage(ctx, main) {
  const { api } = ctx;
  const consents = [...await api.call.consentApi.consentsOf(ctx.subject)];
  main.replaceChildren(
    el('h2', {}, 'My data'),
    el('p', { class: 'help' }, 'Only fingerprints (salted hashes of your variants) are on the chain; your data stays with its custodian.'),
    el('h3', {}, 'Anchored genomes'),
    ctx.anchors.length === 0
      ? el('p', {}, 'No genome anchored yet.')
      : el('ul', { class: 'datasets' }, ctx.anchors.map(([id, anchor]) => anchorItem(ctx, id, anchor, consents))),
    el('h3', {}, 'Datasets registered by custodians'),
    ctx.accessions.length === 0
      ? el('p', {}, 'None.')
      : el('ul', { class: 'datasets' }, ctx.accessions.map(([id, accession]) => accessionItem(ctx, id, accession, consents))));
}
