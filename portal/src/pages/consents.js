// My consents: each consent in words with its accesses, revoke and remove, and the form that
// grants a new one, its purpose built from plain-language choices.

import { blake2AsHex } from '@polkadot/util-crypto';
import { el, field, say, uid } from '../dom.js';
import { walkEvents } from '../events.js';
import {
  CATEGORIES, CATEGORY, MODIFIERS, PERMISSIONS, diseaseCode, regionCode,
} from '../duo.js';
import {
  STATES, blockNumber, blockOf, consentInWords, listed, permissionInWords, shorten,
} from '../words.js';

/**
 * The accesses recorded under `consents`, newest first, from the `AccessRecorded` events of
 * the latest blocks: `{ byConsent: Map(id → [access]), complete }`, `complete` false when older
 * accesses lie beyond what the node keeps.
 */
export async function accessLog(api, consents) {
  const byConsent = new Map(consents.map((view) => [view.id.toString(), []]));
  let missing = consents.reduce((sum, view) => sum + view.accesses.toNumber(), 0);
  const { complete } = await walkEvents(api, (event, block) => {
    if (!api.events.consent.AccessRecorded.is(event)) return;
    const accesses = byConsent.get(event.data.consentId.toString());
    if (!accesses) return;
    accesses.push({
      block,
      custodian: event.data.custodian.toString(),
      accessor: event.data.accessor.toString(),
      dataset: event.data.dataset.toHex(),
      category: event.data.category.type,
      requested: event.data.requested,
    });
    missing -= 1;
  }, () => missing <= 0);
  return { byConsent, complete };
}

/** One access in words. */
function accessInWords(access, nameOf, datasetInWords) {
  const category = CATEGORY[access.category]?.label ?? access.category;
  return `Block ${blockNumber(access.block)}: ${nameOf(access.custodian)} released the ${category} of ` +
    `${datasetInWords(access.dataset)} to ${nameOf(access.accessor)} ` +
    `for ${permissionInWords(access.requested.purpose)}.`;
}

/** A consent of the list: its state, its sentence, its accesses and what can be done with it. */
function consentItem(ctx, view, accesses, logComplete) {
  const id = view.id.toString();
  const state = view.state.type;
  const lastAccess = accesses[0]?.block;
  const words = consentInWords(view, { ...ctx, lastAccess });
  const actions = [];
  if (state === 'Revoked' || state === 'Expired') {
    actions.push(el('button', {
      type: 'button',
      onclick: () => ctx.act(ctx.api.tx.consent.remove(id), `Remove consent #${id} and get its deposit back`),
    }, 'Remove'));
  } else {
    actions.push(el('button', {
      type: 'button',
      onclick: () => ctx.act(ctx.api.tx.consent.revoke(id), `Revoke consent #${id}`),
    }, 'Revoke'));
  }
  const count = view.accesses.toNumber();
  const log = count === 0 ? null : el('details', { class: 'accesses' },
    el('summary', {}, `Access log (${count})`),
    el('ol', {}, accesses.map((access) => el('li', {}, accessInWords(access, ctx.nameOf, ctx.datasetInWords)))),
    accesses.length < count && !logComplete
      ? el('p', { class: 'help' }, `${count - accesses.length} older ${count - accesses.length === 1 ? 'access is' : 'accesses are'} ` +
        'not listed: the node no longer keeps the state of the blocks they are in (an archive node keeps them all).')
      : null);
  return el('li', { class: 'consent', dataset: { consentId: id, state } },
    el('p', { class: 'consent-head' },
      el('span', { class: `state state-${state}` }, STATES[state] ?? state),
      ` Consent #${id}`),
    el('p', { class: 'words' }, words),
    log,
    el('div', { class: 'actions' }, actions));
}

/** The file's BLAKE2-256 hash, computed in the browser: the document itself goes nowhere. */
async function documentHash(file) {
  return blake2AsHex(new Uint8Array(await file.arrayBuffer()), 256);
}

/** The grant form; `ctx.act` signs and sends what it builds. */
function grantForm(ctx) {
  const { api, anchors, accessions, clock } = ctx;
  const message = el('p', { class: 'message', role: 'status' });
  const granteeName = `grantee-${uid('g')}`;
  const granteeAccount = el('input', { type: 'text', name: 'grantee-account', autocomplete: 'off',
    placeholder: 'the researcher\'s address' });
  const granteeChoices = el('fieldset', {},
    el('legend', {}, 'Who may use the data'),
    el('label', {}, el('input', { type: 'radio', name: granteeName, value: 'account', checked: true }), ' One account:'),
    field('Its address', granteeAccount, 'A researcher or an institution, by its account address.'),
    el('label', {}, el('input', { type: 'radio', name: granteeName, value: 'any' }),
      ' Any researcher accredited by the consortium, now or later'));

  const dataset = el('select', { name: 'dataset' },
    el('option', { value: 'all' }, 'All my data, present and future'),
    anchors.map(([id, anchor]) => el('option', { value: id.toHex() },
      `My genome ${shorten(id.toHex())} (${anchor.assembly.type})`)),
    // A registered dataset may be named once its subject has confirmed it.
    accessions.filter(([, accession]) => accession.confirmed.isTrue).map(([id, accession]) =>
      el('option', { value: id.toHex() }, `My dataset ${shorten(id.toHex())} (kept by ${ctx.nameOf(accession.custodian.toString())})`)));
  const categories = el('fieldset', {}, el('legend', {}, 'Which kinds of data'),
    CATEGORIES.map((category) => el('label', { class: 'choice' },
      el('input', { type: 'checkbox', name: 'category', value: category.name, checked: category.name === 'Variants' }),
      ` ${category.label}`)));

  const disease = el('input', { type: 'text', name: 'disease', inputmode: 'numeric', placeholder: 'MONDO number' });
  // The disease is asked for once "one disease" is chosen.
  const diseaseField = field('Disease (MONDO number)', disease);
  diseaseField.hidden = true;
  const permissions = el('fieldset', {
    onchange: (changed) => {
      if (changed.target.name === 'permission') diseaseField.hidden = changed.target.value !== 'DiseaseSpecific';
    },
  }, el('legend', {}, 'For what'),
    PERMISSIONS.map((permission, index) => {
      const helpId = uid('permission-help');
      return el('div', { class: 'choice' },
        el('label', {},
          el('input', { type: 'radio', name: 'permission', value: permission.name, checked: index === 0,
            'aria-describedby': helpId }),
          ` ${permission.label} `, el('abbr', { title: permission.term }, permission.code)),
        el('p', { id: helpId, class: 'help' }, permission.explain),
        permission.value === 'disease' ? diseaseField : null);
    }));

  const values = {
    region: el('input', { type: 'text', name: 'region', maxlength: '2', placeholder: 'FR' }),
    project: el('input', { type: 'text', name: 'project', placeholder: '0x…' }),
    researchType: el('input', { type: 'text', name: 'research-type', placeholder: 'OBI:0000070' }),
  };
  const modifiers = el('fieldset', {}, el('legend', {}, 'On which conditions (any number)'),
    MODIFIERS.map((modifier) => {
      const helpId = uid('modifier-help');
      // A modifier's value is asked for once the modifier is chosen.
      const value = modifier.value ? field(modifier.valueLabel, values[modifier.value]) : null;
      if (value) value.hidden = true;
      const box = el('input', {
        type: 'checkbox', name: 'modifier', value: modifier.name, 'aria-describedby': helpId,
        onchange: (changed) => { if (value) value.hidden = !changed.target.checked; },
      });
      return el('div', { class: 'choice' },
        el('label', {}, box, ` ${modifier.label} `, el('abbr', { title: modifier.term }, modifier.code)),
        el('p', { id: helpId, class: 'help' }, modifier.explain),
        value);
    }));

  const until = el('input', { type: 'date', name: 'until' });
  const approvers = el('textarea', { name: 'approvers', rows: '2', placeholder: 'one address a line' });
  const threshold = el('input', { type: 'number', name: 'threshold', min: '0', max: '4', value: '0' });
  const documentFile = el('input', { type: 'file', name: 'document' });

  const form = el('form', { class: 'grant', 'aria-labelledby': 'grant-heading' },
    el('h3', { id: 'grant-heading' }, 'Grant a consent'),
    granteeChoices,
    field('Which data', dataset),
    categories,
    permissions,
    modifiers,
    field('Until (optional)', until, `The last day the consent may be used; turned into a block by the chain's pace (a block about every ${Math.round(clock.blockMs / 1000)} s). Without it, the consent lasts until you revoke it.`),
    field('Approvers (optional)', approvers, 'Accounts that must approve before the consent is in force: a guardian, a physician, a data access committee. At most 4.'),
    field('How many of them must approve', threshold),
    field('The signed consent document', documentFile, 'Only its BLAKE2-256 hash goes on chain; the file stays on this device.'),
    el('button', { type: 'submit' }, 'Grant consent'),
    message);

  form.addEventListener('submit', async (submitted) => {
    submitted.preventDefault();
    let terms;
    try {
      terms = await termsOf(form, { clock, granteeName, disease, values, until, approvers, threshold, documentFile, granteeAccount, dataset });
    } catch (error) {
      say(message, error.message, true);
      return;
    }
    let call;
    try {
      call = api.tx.consent.grant(terms);
    } catch (error) {
      say(message, `These terms cannot be sent: ${error.message}`, true);
      return;
    }
    say(message, '');
    await ctx.act(call, 'Grant a consent');
  });
  return form;
}

/** The consent terms the form describes, or an error saying what is missing or wrong. */
async function termsOf(form, inputs) {
  const { clock, granteeName, disease, values, until, approvers, threshold, documentFile, granteeAccount, dataset } = inputs;
  const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((input) => input.value);
  const grantee = checked(granteeName)[0] === 'any'
    ? 'AnyAccreditedResearcher'
    : { Account: granteeAccount.value.trim() };
  if (grantee.Account === '') throw new Error('Name the account that may use the data, or choose any accredited researcher.');
  const categories = checked('category');
  if (categories.length === 0) throw new Error('Choose at least one kind of data.');
  const permissionName = checked('permission')[0];
  const permission = permissionName === 'DiseaseSpecific'
    ? { DiseaseSpecific: diseaseCode(disease.value) }
    : permissionName;
  const modifiers = checked('modifier').map((name) => {
    if (name === 'GeographicalRestriction') return { GeographicalRestriction: `0x${[...regionCode(values.region.value)].map((c) => c.charCodeAt(0).toString(16)).join('')}` };
    if (name === 'ProjectSpecific') {
      const project = values.project.value.trim();
      if (!/^0x[0-9a-fA-F]{64}$/.test(project)) throw new Error('A project id is 0x and 64 hexadecimal digits.');
      return { ProjectSpecific: project };
    }
    if (name === 'ResearchSpecific') {
      const term = values.researchType.value.trim();
      if (!/^[A-Za-z]+:\d+$/.test(term)) throw new Error('A research type is an ontology term such as OBI:0000070.');
      return { ResearchSpecific: blake2AsHex(term, 256) };
    }
    return name;
  });
  if (modifiers.includes('TimeLimit') && !until.value) throw new Error('"Limited in time" needs an end date.');
  if ((modifiers.includes('UserSpecific') || modifiers.includes('InstitutionSpecific')) && !grantee.Account) {
    throw new Error('"This user only" and "This institution only" need one named account.');
  }
  const approverList = approvers.value.split('\n').map((line) => line.trim()).filter(Boolean);
  const needed = Number(threshold.value || 0);
  if (approverList.length > 4) throw new Error('At most 4 approvers.');
  if (approverList.length === 0 ? needed !== 0 : needed < 1 || needed > approverList.length) {
    throw new Error(approverList.length === 0
      ? 'Without approvers, none can be required.'
      : `Between 1 and ${approverList.length} of the approvers must approve.`);
  }
  const file = documentFile.files[0];
  if (!file) throw new Error('Choose the signed consent document: its hash is part of the consent.');
  return {
    grantee,
    scope: { data: dataset.value === 'all' ? 'AllData' : { Dataset: dataset.value }, categories },
    purpose: { permission, modifiers },
    validFrom: clock.number,
    validUntil: until.value ? blockOf(clock, until.value) : null,
    documentHash: await documentHash(file),
    approvers: approverList,
    approvalThreshold: needed,
  };
}

/** Renders the page into `main`. */
export async function consentsPage(ctx, main) {
  const { api } = ctx;
  const consents = [...await api.call.consentApi.consentsOf(ctx.subject)];
  const log = await accessLog(api, consents);
  const items = consents.map((view) => consentItem(ctx, view, log.byConsent.get(view.id.toString()) ?? [], log.complete));
  main.replaceChildren(
    el('h2', {}, 'My consents'),
    items.length === 0
      ? el('p', {}, 'You have granted no consent yet.')
      : el('ul', { class: 'consents' }, items),
    el('p', { class: 'help' }, `Each consent holds a deposit, returned when it is removed; ${listed(['revoke it', 'let it expire'])} first.`),
    grantForm(ctx));
}

