// The portal's shell: connects to the node, lets the contributor choose an account (and a
// person they act for as a guardian), and shows one page at a time by the address's #fragment.

import { accounts, connect, endpointOf } from './chain.js';
import { el, field, say } from './dom.js';
import { consentsPage } from './pages/consents.js';
import { dataPage } from './pages/data.js';
import { erasurePage } from './pages/erasure.js';
import { studiesPage } from './pages/studies.js';
import { Cancelled, transact } from './tx.js';
import { clockOf, shorten } from './words.js';

/** The pages, by the fragment that shows them. */
const PAGES = {
  data: { title: 'My data', render: dataPage },
  consents: { title: 'My consents', render: consentsPage },
  studies: { title: 'Studies', render: studiesPage },
  erasure: { title: 'Erasure', render: erasurePage },
};
const DEFAULT_PAGE = 'consents';

/** Proxy types that let a guardian act on a subject's consents. */
const GUARDIAN_PROXIES = ['Consent', 'NonTransfer', 'Any'];

const state = { api: null, accounts: [], names: new Map(), signer: null, actingFor: null };

/** Where the chosen account is remembered between visits. */
const CHOSEN_ACCOUNT = 'genochain-portal-account';

const status = document.getElementById('connection');
const main = document.getElementById('page');

/** An account's name if the portal knows it, its shortened address otherwise. */
function nameOf(address) {
  return state.names.get(address) ?? shorten(address);
}

/** The page's context: what every page reads and how it sends a transaction. */
async function contextFor() {
  const { api } = state;
  const subject = state.actingFor ?? state.signer.address;
  const anchors = [...await api.call.anchorApi.anchorsOf(subject)];
  const anchorIds = new Set(anchors.map(([id]) => id.toHex()));
  // The datasets custodians registered for the subject, confirmed or not.
  const accessionIds = [...await api.query.consent.accessionsBySubject(subject)];
  const accessions = (await Promise.all(accessionIds.map(async (id) => [id, await api.query.consent.accessions(id)])))
    .filter(([, accession]) => accession.isSome)
    .map(([id, accession]) => [id, accession.unwrap()]);
  const accessionHexes = new Set(accessions.map(([id]) => id.toHex()));
  return {
    api,
    subject,
    anchors,
    accessions,
    clock: await clockOf(api),
    nameOf,
    datasetInWords: (id) => {
      if (anchorIds.has(id)) return `your genome ${shorten(id)}`;
      return accessionHexes.has(id) ? `your dataset ${shorten(id)}` : `dataset ${shorten(id)}`;
    },
    /**
     * Signs `call` (through the subject's proxy when acting for them), gives its events to
     * `included` once it succeeded in a block, then shows the page again.
     */
    act: async (call, what, included = () => {}) => {
      const tx = state.actingFor ? api.tx.proxy.proxy(state.actingFor, null, call) : call;
      const label = state.actingFor ? `${what}, for ${nameOf(state.actingFor)}` : what;
      try {
        included((await transact(api, state.signer, tx, label)).events);
      } catch (error) {
        if (!(error instanceof Cancelled)) console.warn(error);
        return;
      }
      await show({ fresh: false });
    },
  };
}

/** Renders started so far: only the latest may fill the page. */
let renders = 0;

/**
 * Shows the page the fragment names. A new page or account (`fresh`) empties it at once, so that
 * nothing of the previous one can be acted on while the chain is read; after a transaction the
 * page stays until its new content replaces it. A render overtaken by a later one is dropped.
 */
async function show({ fresh = true } = {}) {
  const render = ++renders;
  const name = location.hash.slice(1) || DEFAULT_PAGE;
  const page = PAGES[name] ?? PAGES[DEFAULT_PAGE];
  for (const link of document.querySelectorAll('nav a')) {
    if (link.getAttribute('href') === `#${name}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${page.title} — Genochain`;
  if (!state.signer) {
    main.replaceChildren(el('h2', {}, page.title),
      el('p', {}, 'No account to use: open the Polkadot.js extension and allow this page, or use a development chain.'));
    return;
  }
  if (fresh) main.replaceChildren(el('h2', {}, page.title), el('p', {}, 'Reading the chain…'));
  main.setAttribute('aria-busy', 'true');
  const content = el('div');
  try {
    await page.render(await contextFor(), content);
  } catch (error) {
    content.replaceChildren(el('h2', {}, page.title), el('p', { class: 'message error', role: 'alert' },
      `The page could not be read from the node: ${error.message}`));
  }
  if (render !== renders) return;
  main.replaceChildren(...content.childNodes);
  main.removeAttribute('aria-busy');
}

/** The account chooser. */
function accountChooser() {
  const select = document.getElementById('account');
  select.replaceChildren(...state.accounts.map((account) =>
    el('option', { value: account.address }, `${account.name} (${account.origin}) ${shorten(account.address)}`)));
  if (state.signer) select.value = state.signer.address;
  select.addEventListener('change', () => {
    state.signer = state.accounts.find((account) => account.address === select.value);
    localStorage.setItem(CHOSEN_ACCOUNT, select.value);
    // Whom the new account may act for is its own matter.
    state.actingFor = null;
    guardianControls();
    show();
  });
}

/** The guardian's "acting for" field. */
function guardianControls() {
  const ward = el('input', { type: 'text', name: 'acting-for', autocomplete: 'off', placeholder: 'their address' });
  const message = el('p', { class: 'message', role: 'status' });
  const form = el('form', { class: 'guardian' },
    field('Acting for (as their guardian)', ward,
      'Leave empty to act for yourself. To act for someone, your account must be their Consent proxy.'),
    el('button', { type: 'submit' }, 'Act for them'),
    message);
  form.addEventListener('submit', async (submitted) => {
    submitted.preventDefault();
    const address = ward.value.trim();
    if (address === '') {
      state.actingFor = null;
      say(message, 'Acting for yourself.');
      await show();
      return;
    }
    try {
      const [proxies] = await state.api.query.proxy.proxies(address);
      const allowed = proxies.some((proxy) => proxy.delegate.toString() === state.signer.address &&
        GUARDIAN_PROXIES.includes(proxy.proxyType.type));
      if (!allowed) {
        say(message, `${nameOf(state.signer.address)} is not a Consent proxy of ${nameOf(address)}: they add it with proxy.addProxy.`, true);
        return;
      }
    } catch (error) {
      say(message, `"${address}" is not an account address (${error.message}).`, true);
      return;
    }
    state.actingFor = address;
    say(message, `Acting for ${nameOf(address)}: what you sign goes through your proxy.`);
    await show();
  });
  document.getElementById('guardian').replaceChildren(form);
}

async function start() {
  const url = endpointOf(location);
  try {
    state.api = await connect(url);
  } catch (error) {
    status.textContent = `Not connected: ${error.message}`;
    status.className = 'message error';
    return;
  }
  const chain = await state.api.rpc.system.chain();
  status.textContent = `Connected to ${chain} at ${url}`;
  state.api.on('disconnected', () => { status.textContent = `Connection to ${url} lost; reconnecting…`; });
  state.api.on('connected', () => { status.textContent = `Connected to ${chain} at ${url}`; });
  ({ signers: state.accounts, names: state.names } = await accounts(state.api));
  const chosen = localStorage.getItem(CHOSEN_ACCOUNT);
  state.signer = state.accounts.find((account) => account.address === chosen) ?? state.accounts[0] ?? null;
  accountChooser();
  guardianControls();
  window.addEventListener('hashchange', show);
  await show();
}

start();
