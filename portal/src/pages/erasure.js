// Erasure: "erase me", after a confirmation that lists what will go and what stays; then the
// erasure case and who has confirmed deleting their copies. The chain does not link a case to
// its subject (it names no subject), so this browser remembers the cases it opened.

import { el, say } from '../dom.js';
import { blockNumber, dateOf, listed, shorten } from '../words.js';

/** Where this browser remembers the erasure cases a subject opened, by address. */
const CASES = 'genochain-portal-erasure-cases';

function rememberedCases(subject) {
  try {
    return JSON.parse(localStorage.getItem(CASES) || '{}')[subject] ?? [];
  } catch {
    return [];
  }
}

function rememberCase(subject, caseId) {
  let all = {};
  try {
    all = JSON.parse(localStorage.getItem(CASES) || '{}');
  } catch {
    // A damaged entry is replaced.
  }
  all[subject] = [...new Set([...(all[subject] ?? []), caseId])];
  localStorage.setItem(CASES, JSON.stringify(all));
}

/** What erasing the subject removes, and what it keeps, as lists of words. */
async function inventory(ctx) {
  const { api } = ctx;
  const [consents, earnings] = await Promise.all([
    api.call.consentApi.consentsOf(ctx.subject),
    api.call.marketApi.earnings(ctx.subject),
  ]);
  const goes = [
    ...ctx.anchors.map(([id]) => `your genome ${shorten(id.toHex())} (its custodian is asked to delete its copy)`),
    ...[...consents].map((view) => `consent #${view.id} to ${view.terms.grantee.isAccount ? ctx.nameOf(view.terms.grantee.asAccount.toString()) : 'any accredited researcher'}`),
    ...ctx.accessions.map(([id]) => `dataset ${shorten(id.toHex())} (its custodian is asked to delete it)`),
    ...earnings.enrolments.filter((e) => e.status.isEnrolled).map((e) => `your enrolment in study #${e.study} (withdrawn)`),
  ];
  if (earnings.paid.toBigInt() > 0n) goes.push('the total you were paid');
  const stays = earnings.enrolments.filter((e) => !e.status.isEnrolled)
    .map((e) => `your delivered enrolment in study #${e.study}: you are still paid for it, then it goes`);
  return { goes, stays };
}

/** An erasure case: who has confirmed deleting their copies, who has not, and the deadline. */
async function caseItem(ctx, caseId) {
  const found = await ctx.api.call.redactionApi.erasureCase(caseId);
  if (found.isNone) {
    return el('li', { dataset: { caseId } }, `Case #${caseId}: every custodian and recipient has confirmed deleting your data.`);
  }
  const view = found.unwrap();
  const names = (list) => (list.length === 0 ? 'nobody' : listed(list.map((a) => ctx.nameOf(a.toString()))));
  const deadline = view.deadline.toNumber();
  return el('li', { dataset: { caseId } },
    el('p', {}, `Case #${caseId}, opened at block ${blockNumber(view.openedAt)}; confirmations due by ` +
      `${dateOf(ctx.clock, deadline)} (block ${blockNumber(deadline)}).`),
    el('ul', {},
      el('li', {}, `Custodians who confirmed deletion: ${names(view.confirmed)}.`),
      el('li', {}, `Custodians yet to confirm: ${names(view.pending)}.`),
      el('li', {}, `Recipients who confirmed deletion: ${names(view.confirmedRecipients)}.`),
      el('li', {}, `Recipients yet to confirm: ${names(view.pendingRecipients)}.`),
      view.overdue.length > 0 ? el('li', { class: 'message error' }, `Overdue: ${names(view.overdue)}.`) : null));
}

/** Renders the page into `main`. */
export async function erasurePage(ctx, main) {
  const { goes, stays } = await inventory(ctx);
  const cases = rememberedCases(ctx.subject);
  const message = el('p', { class: 'message', role: 'status' });
  const confirmation = el('input', { type: 'checkbox', name: 'understood', id: 'erase-understood' });
  const form = el('form', { class: 'erase' },
    el('p', {}, 'Erasing removes from the chain\'s state:'),
    goes.length === 0 ? el('p', {}, 'Nothing: the chain keeps no record of yours.') : el('ul', { class: 'goes' }, goes.map((item) => el('li', {}, item))),
    stays.length === 0 ? null : el('p', {}, 'It keeps, until settled:'),
    stays.length === 0 ? null : el('ul', {}, stays.map((item) => el('li', {}, item))),
    el('p', { class: 'help' }, 'Every deposit comes back; erasing costs only the transaction fee. Each record leaves a tombstone naming no one. It cannot be undone. Guardians acting through a Consent proxy cannot erase: the subject, or a NonTransfer proxy, decides it.'),
    el('label', {}, confirmation, ' I understand that this cannot be undone'),
    el('button', { type: 'submit', disabled: goes.length === 0 }, 'Erase me'),
    message);
  form.addEventListener('submit', async (submitted) => {
    submitted.preventDefault();
    if (!confirmation.checked) {
      say(message, 'Tick the box first: erasure cannot be undone.', true);
      return;
    }
    await ctx.act(ctx.api.tx.redaction.eraseMe(), 'Erase me', (events) => {
      for (const { event } of events) {
        if (ctx.api.events.redaction.SubjectErased.is(event)) rememberCase(ctx.subject, event.data.case.toString());
      }
    });
  });
  main.replaceChildren(
    el('h2', {}, 'Erasure'),
    el('section', { 'aria-labelledby': 'erase-heading' }, el('h3', { id: 'erase-heading' }, 'Erase me'), form),
    el('section', { 'aria-labelledby': 'cases-heading' },
      el('h3', { id: 'cases-heading' }, 'My erasure cases'),
      cases.length === 0
        ? el('p', {}, 'None opened from this browser.')
        : el('ul', { class: 'cases' }, await Promise.all(cases.map((caseId) => caseItem(ctx, caseId))))));
}
