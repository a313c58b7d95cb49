// What the chain keeps, in words a contributor reads: amounts of GENE, accounts, blocks as dates,
// and a consent as one sentence.

import { CATEGORY, MODIFIER, PERMISSION } from './duo.js';

/** `amount` (the chain's smallest units) as GENE, to six decimals at most. */
export function gene(api, amount) {
  const decimals = api.registry.chainDecimals[0] ?? 12;
  const unit = api.registry.chainTokens[0] ?? 'GENE';
  const value = BigInt(amount.toString());
  const scale = 10n ** BigInt(decimals);
  const whole = value / scale;
  const fraction = (value % scale).toString().padStart(decimals, '0').slice(0, 6).replace(/0+$/, '');
  if (whole === 0n && fraction === '' && value > 0n) return `less than 0.000001 ${unit}`;
  return `${whole.toLocaleString('en')}${fraction ? `.${fraction}` : ''} ${unit}`;
}

/** A long hex string or address, shortened for reading: `0x1234…cdef`. */
export function shorten(text) {
  const value = String(text);
  return value.length > 14 ? `${value.slice(0, 6)}…${value.slice(-4)}` : value;
}

/** A number the chain gave (a codec integer) or a JavaScript one, as a JavaScript number. */
export function asNumber(value) {
  return typeof value?.toNumber === 'function' ? value.toNumber() : Number(value);
}

/** A block number with thousands separators. */
export function blockNumber(number) {
  return `#${asNumber(number).toLocaleString('en')}`;
}

/**
 * The chain's clock: the best block's number and time and the mean block time over the last
 * hundred blocks (never from genesis, whose time is zero), to turn block numbers into dates and
 * back. A chain too young for that takes its slot duration.
 */
export async function clockOf(api) {
  const header = await api.rpc.chain.getHeader();
  const number = header.number.toNumber();
  const now = (await api.query.timestamp.now()).toNumber();
  const span = Math.min(number - 1, 100);
  if (span >= 1) {
    const earlier = await api.rpc.chain.getBlockHash(number - span);
    const then = (await api.query.timestamp.now.at(earlier)).toNumber();
    if (now > then) return { number, now, blockMs: (now - then) / span };
  }
  const slot = await api.call.auraApi.slotDuration().then((ms) => ms.toNumber(), () => 6_000);
  return { number, now: now || Date.now(), blockMs: slot };
}

/** The date block `block` falls on, by `clock`: `2027-06-01`. */
export function dateOf(clock, block) {
  const at = clock.now + (asNumber(block) - clock.number) * clock.blockMs;
  return new Date(at).toISOString().slice(0, 10);
}

/** The first block at or after the end of day `date` (`YYYY-MM-DD`), by `clock`. */
export function blockOf(clock, date) {
  const end = Date.parse(`${date}T23:59:59Z`);
  if (Number.isNaN(end)) throw new Error(`"${date}" is not a date`);
  return clock.number + Math.max(0, Math.ceil((end - clock.now) / clock.blockMs));
}

/** Where a consent stands, as a contributor would say it. */
export const STATES = {
  PendingApproval: 'waiting for approval',
  NotYetValid: 'approved, not yet in force',
  Active: 'in force',
  Expired: 'expired',
  Revoked: 'revoked',
};

/** A permission in words, with its value. */
export function permissionInWords(permission) {
  const entry = PERMISSION[permission.type];
  const label = entry ? entry.label.toLowerCase() : permission.type;
  return permission.isDiseaseSpecific
    ? `research on disease MONDO:${permission.asDiseaseSpecific.toNumber()} only`
    : label;
}

/** A modifier in words, with its value. */
function modifierInWords(modifier) {
  const entry = MODIFIER[modifier.type];
  const label = entry ? entry.label.toLowerCase() : modifier.type;
  if (modifier.isGeographicalRestriction) {
    return `only in ${new TextDecoder().decode(modifier.asGeographicalRestriction.toU8a())}`;
  }
  if (modifier.isProjectSpecific) return `only for project ${shorten(modifier.asProjectSpecific.toHex())}`;
  if (modifier.isResearchSpecific) {
    return `only for research type ${shorten(modifier.asResearchSpecific.toHex())}`;
  }
  return label;
}

/** A DUO purpose in words: its permission, then its conditions. */
export function purposeInWords(purpose) {
  return [permissionInWords(purpose.permission), ...[...purpose.modifiers].map(modifierInWords)].join(', ');
}

/** `items` joined as a reader lists them: `a, b and c`. */
export function listed(items) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** An approver in words. */
function approverInWords(approver, nameOf) {
  return approver.isEthicsCommittee ? 'the ethics committee' : nameOf(approver.asAccount.toString());
}

/**
 * Consent `view` (a `ConsentView` of the chain) as one sentence: who may use which data for what,
 * until when, approved by whom, and how often it was used. `nameOf` names an account,
 * `datasetInWords` a dataset id; `lastAccess` is the block of the latest access, if known.
 */
export function consentInWords(view, { nameOf, datasetInWords, clock, lastAccess }) {
  const { terms } = view;
  const who = terms.grantee.isAccount
    ? nameOf(terms.grantee.asAccount.toString())
    : 'Any accredited researcher';
  const categories = [...terms.scope.categories].map((c) => CATEGORY[c.type]?.label ?? c.type);
  const data = terms.scope.data.isAllData
    ? 'all your data'
    : datasetInWords(terms.scope.data.asDataset.toHex());
  const purpose = purposeInWords(terms.purpose);
  const from = terms.validFrom.toNumber();
  const period = [];
  if (from > clock.number) period.push(`from ${dateOf(clock, from)} (block ${blockNumber(from)})`);
  period.push(terms.validUntil.isSome
    ? `until ${dateOf(clock, terms.validUntil.unwrap())} (block ${blockNumber(terms.validUntil.unwrap())})`
    : 'with no end date');
  const parts = [`${who} may use the ${listed(categories)} of ${data} for ${purpose}, ${period.join(' ')}`];
  if (view.approvedBy.length > 0) {
    parts.push(`approved by ${listed(view.approvedBy.map((a) => approverInWords(a, nameOf)))}`);
  }
  if (view.pendingApprovals.length > 0) {
    parts.push(`waiting for ${listed(view.pendingApprovals.map((a) => approverInWords(a, nameOf)))}`);
  }
  const accesses = view.accesses.toNumber();
  parts.push(accesses === 0
    ? 'no access yet'
    : `${accesses} ${accesses === 1 ? 'access' : 'accesses'}` +
      (lastAccess === undefined ? '' : `, last at block ${blockNumber(lastAccess)}`));
  return `${parts.join('; ')}.`;
}
