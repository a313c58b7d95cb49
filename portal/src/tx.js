// Every transaction the portal makes: its fee shown before signing, its progress (in a block,
// finalized) and, when the chain refuses it, the chain's own explanation in words.

import { signingOf } from './chain.js';
import { gene } from './words.js';

/** What the chain's token errors mean for a contributor. */
const TOKEN_ERRORS = {
  FundsUnavailable: 'the account has not enough free GENE for this',
  OnlyProvider: 'this would leave the account without the balance that keeps it alive',
  BelowMinimum: 'the amount is below the least an account may hold',
  CannotCreate: 'the account cannot be created',
  UnknownAsset: 'the asset is unknown',
  Frozen: 'the funds are frozen',
  Unsupported: 'the operation is not supported',
  CannotCreateHold: 'the account cannot hold a deposit now',
  NotExpendable: 'this would spend funds the account must keep',
  Blocked: 'the account is blocked',
};

/** A refusal by the chain, in words: the pallet's documentation of its error, and its name. */
export function errorInWords(api, dispatchError) {
  if (dispatchError.isModule) {
    const { section, name, docs } = api.registry.findMetaError(dispatchError.asModule);
    const text = docs.join(' ').trim();
    return `${text || name} (${section}.${name})`;
  }
  if (dispatchError.isToken) {
    const kind = dispatchError.asToken.type;
    return `${TOKEN_ERRORS[kind] ?? kind} (Token.${kind})`;
  }
  if (dispatchError.isBadOrigin) return 'this account may not make this call (BadOrigin)';
  if (dispatchError.isArithmetic) return `a sum would overflow (Arithmetic.${dispatchError.asArithmetic.type})`;
  return dispatchError.type;
}

/**
 * The error of a call made through a proxy: the proxy's own transaction succeeds and reports
 * the call's result in its `ProxyExecuted` event.
 */
function innerError(api, events) {
  const executed = events.find(({ event }) => api.events.proxy?.ProxyExecuted.is(event));
  const result = executed?.event.data.result;
  return result?.isErr ? result.asErr : undefined;
}

/** The user said no to signing. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled before signing');
  }
}

/** Asks whether to sign `what` for `fee`; resolves to true or false. */
function confirmSigning(what, fee, signer) {
  const dialog = document.getElementById('confirm');
  dialog.querySelector('[data-what]').textContent = what;
  dialog.querySelector('[data-fee]').textContent = fee;
  dialog.querySelector('[data-signer]').textContent = signer;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'sign'), { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    dialog.querySelector('button[value="sign"]').focus();
  });
}

/** The panel that follows one transaction: a heading and its steps. */
function progressPanel(what) {
  const panel = document.getElementById('transaction');
  panel.hidden = false;
  panel.replaceChildren();
  const heading = document.createElement('h2');
  heading.textContent = what;
  const steps = document.createElement('ol');
  panel.append(heading, steps);
  return {
    step(text, kind = 'progress') {
      const item = document.createElement('li');
      item.textContent = text;
      item.className = kind;
      steps.append(item);
      panel.dataset.state = kind;
    },
  };
}

/**
 * Shows `tx`'s fee, asks `account` to sign it, submits it and follows it. Resolves with
 * `{ blockHash, blockNumber, events }` once it is in a block and succeeded (its finality is shown
 * as it comes); rejects with the chain's refusal in words, or with `Cancelled`.
 */
export async function transact(api, account, tx, what) {
  let info;
  try {
    info = await tx.paymentInfo(account.address);
  } catch (error) {
    const reason = `the node cannot price it: ${error.message}`;
    progressPanel(what).step(`Failed: ${reason}`, 'failed');
    throw new Error(reason);
  }
  const fee = `${gene(api, info.partialFee)} in fees`;
  if (!(await confirmSigning(what, fee, `${account.name} (${account.address})`))) {
    throw new Cancelled();
  }
  const panel = progressPanel(what);
  panel.step(`Fee: ${fee}. Waiting for the signature…`);
  const [signer, options] = await signingOf(account);
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (reason) => {
      panel.step(`Failed: ${reason}`, 'failed');
      if (!settled) {
        settled = true;
        reject(new Error(reason));
      }
    };
    tx.signAndSend(signer, options, async ({ status, events, dispatchError }) => {
      try {
        if (status.isReady) {
          panel.step('Signed and sent: waiting for a block');
        } else if (status.isInBlock || status.isFinalized) {
          const blockHash = status.isInBlock ? status.asInBlock : status.asFinalized;
          const blockNumber = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
          if (!settled) {
            const refusal = dispatchError ?? innerError(api, events);
            if (refusal) {
              fail(`${errorInWords(api, refusal)} (in block #${blockNumber})`);
              return;
            }
            settled = true;
            panel.step(`In block #${blockNumber}`);
            resolve({ blockHash, blockNumber, events });
          }
          if (status.isFinalized) panel.step(`Finalized in block #${blockNumber}`, 'done');
        } else if (status.isInvalid || status.isDropped || status.isUsurped) {
          fail(`the node dropped the transaction (${status.type})`);
        }
      } catch (error) {
        fail(error.message);
      }
    }).catch((error) => fail(`the node refused it: ${error.message}`));
  });
}
