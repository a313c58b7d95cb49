// Studies: the open studies with their reward, purpose and deadline, enrolling a genome in one;
// what the contributor earned (paid, pending, enrolled), each payout with its block and amount;
// withdrawing from a study not yet delivered.

import { el, field } from '../dom.js';
import { CATEGORY } from '../duo.js';
import { walkEvents } from '../events.js';
import {
  blockNumber, dateOf, gene, listed, purposeInWords, shorten,
} from '../words.js';

/** Open studies shown at most: one page of the runtime API. */
const STUDIES_A_PAGE = 64;
/** Payouts listed at most. */
const PAYOUTS_LISTED = 50;

/** A study's offer in words. */
function studyInWords(ctx, study) {
  const { terms } = study;
  const purpose = purposeInWords(terms.purpose);
  const categories = listed([...terms.categories].map((c) => CATEGORY[c.type]?.label ?? c.type));
  const deadline = terms.enrolmentDeadline.toNumber();
  return `${ctx.nameOf(study.researcher.toString())} pays ${gene(ctx.api, terms.reward)} a contributor ` +
    `for the ${categories} of a genome on ${terms.assembly.type}` +
    `${terms.provenance.isAttested ? ' attested by a lab' : ''}, for ${purpose}. ` +
    `Enrol by ${dateOf(ctx.clock, deadline)} (block ${blockNumber(deadline)}); ` +
    `${study.freeSlots} of ${terms.maxContributors} places free.`;
}

/** The subject's genomes a study may take: current ones on its assembly. */
function eligibleAnchors(ctx, study) {
  return ctx.anchors.filter(([, anchor]) => anchor.supersededBy.isNone &&
    anchor.assembly.type === study.terms.assembly.type &&
    (!study.terms.provenance.isAttested || anchor.attestation.isSome));
}

/** One open study, with the form that enrols a genome in it. */
function studyItem(ctx, study, enrolled) {
  const id = study.id.toString();
  const anchors = eligibleAnchors(ctx, study);
  let action;
  if (enrolled) {
    action = el('p', { class: 'help' }, 'You are enrolled.');
  } else if (anchors.length === 0) {
    action = el('p', { class: 'help' }, `None of your genomes fits: it takes a current genome on ${study.terms.assembly.type}` +
      `${study.terms.provenance.isAttested ? ' attested by a lab' : ''}.`);
  } else {
    const choice = el('select', { name: 'anchor' }, anchors.map(([anchorId]) =>
      el('option', { value: anchorId.toHex() }, `Genome ${shorten(anchorId.toHex())}`)));
    action = el('form', {
      class: 'enrol',
      onsubmit: (submitted) => {
        submitted.preventDefault();
        ctx.act(ctx.api.tx.dataMarket.enroll(id, choice.value), `Enrol genome ${shorten(choice.value)} in study #${id}`);
      },
    }, field('Genome to enrol', choice,
      'Enrolling grants the study a consent on its terms, until its delivery deadline; the custodian then delivers the data and you are paid.'),
    el('button', { type: 'submit' }, `Enrol in study #${id}`));
  }
  return el('li', { class: 'study', dataset: { studyId: id } },
    el('h4', {}, `Study #${id}`),
    el('p', { class: 'words' }, studyInWords(ctx, study)),
    action);
}

/** An enrolment's state in words. */
function enrolmentInWords(ctx, enrolment) {
  const { status } = enrolment;
  if (status.isEnrolled) return 'waiting for the custodian to deliver your data';
  if (status.isDelivered) {
    const at = status.asDelivered.payableAt.toNumber();
    return `delivered; paid at block ${blockNumber(at)} (${dateOf(ctx.clock, at)}) unless the researcher disputes it`;
  }
  const { reason, decideBy } = status.asDisputed;
  return `disputed by the researcher (${reason.type}); the ethics committee decides by block ${blockNumber(decideBy)}, ` +
    'after which you are paid';
}

/** What the contributor earned and may earn, and the payouts found in recent blocks. */
function earningsSection(ctx, earnings, payouts) {
  const rows = [
    ['Paid', earnings.paid],
    ['Delivered, to be paid', earnings.pending],
    ['Enrolled, waiting for delivery', earnings.enrolled],
  ];
  return el('section', { 'aria-labelledby': 'earnings-heading' },
    el('h3', { id: 'earnings-heading' }, 'What I earned'),
    el('dl', { class: 'earnings' }, rows.flatMap(([label, amount]) => [el('dt', {}, label), el('dd', {}, gene(ctx.api, amount))])),
    earnings.enrolments.length === 0 ? null : el('ul', { class: 'enrolments' }, earnings.enrolments.map((enrolment) => {
      const study = enrolment.study.toString();
      return el('li', { dataset: { studyId: study } },
        `Study #${study}, genome ${shorten(enrolment.anchor.toHex())} (consent #${enrolment.consent}): ${enrolmentInWords(ctx, enrolment)}.`,
        enrolment.status.isEnrolled
          ? el('button', {
            type: 'button',
            onclick: () => ctx.act(ctx.api.tx.dataMarket.withdraw(study), `Withdraw from study #${study}`),
          }, `Withdraw from study #${study}`)
          : null);
    })),
    el('h4', {}, 'Payouts'),
    payouts.list.length === 0
      ? el('p', {}, payouts.complete ? 'No payout yet.' : 'No payout in the blocks the node keeps.')
      : el('ol', { class: 'payouts' }, payouts.list.map((payout) =>
        el('li', {}, `Block ${blockNumber(payout.block)}: ${gene(ctx.api, payout.reward)} from study #${payout.study}`))),
    payouts.complete ? null : el('p', { class: 'help' }, 'Older payouts are not listed: the node keeps only recent blocks\' events.'));
}

/** The payouts to `contributor` in recent blocks, newest first. */
async function payoutsTo(api, contributor) {
  const list = [];
  const { complete } = await walkEvents(api, (event, block) => {
    if (api.events.dataMarket.ContributorPaid.is(event) && event.data.contributor.toString() === contributor) {
      list.push({ block, reward: event.data.reward, study: event.data.studyId.toString() });
    }
  }, () => list.length >= PAYOUTS_LISTED);
  return { list, complete };
}

/** Renders the page into `main`. */
export async function studiesPage(ctx, main) {
  const { api } = ctx;
  const [page, earnings, payouts] = await Promise.all([
    api.call.marketApi.openStudies(null, STUDIES_A_PAGE),
    api.call.marketApi.earnings(ctx.subject),
    payoutsTo(api, ctx.subject),
  ]);
  const enrolledIn = new Set(earnings.enrolments.map((enrolment) => enrolment.study.toString()));
  main.replaceChildren(
    el('h2', {}, 'Studies'),
    earningsSection(ctx, earnings, payouts),
    el('section', { 'aria-labelledby': 'open-heading' },
      el('h3', { id: 'open-heading' }, 'Open studies'),
      page.studies.length === 0
        ? el('p', {}, 'No study is open.')
        : el('ul', { class: 'studies' }, page.studies.map((study) => studyItem(ctx, study, enrolledIn.has(study.id.toString())))),
      page.next.isSome ? el('p', { class: 'help' }, `More studies follow study #${page.next.unwrap()}.`) : null));
}
