use crate::{Balance, Balances, Runtime, RuntimeCall, RuntimeEvent, System};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use genochain_primitives::currency::deposit;
use polkadot_sdk::{
	frame_support::{
		parameter_types,
		traits::{ConstU32, InstanceFilter},
	},
	sp_runtime::traits::BlakeTwo256,
	*,
};
use scale_info::TypeInfo;

parameter_types! {
	/// One storage item for the proxy list, 33 bytes per proxy (account + type).
	pub const ProxyDepositBase: Balance = deposit(1, 8);
	pub const ProxyDepositFactor: Balance = deposit(0, 33);
	/// One storage item for the announcements, 68 bytes per announcement.
	pub const AnnouncementDepositBase: Balance = deposit(1, 8);
	pub const AnnouncementDepositFactor: Balance = deposit(0, 68);
}

/// What a proxy may do for the account that appointed it.
///
/// Only `Any` may move the account's funds. `NonTransfer`, `CancelProxy`, `Governance` and
/// `Consent` are lists of what they allow, so that a pallet added later is closed to them until
/// someone decides otherwise, and none of them allows a call that moves funds by another path:
/// transfers (`Balances`), XCM transfers and programs (`PolkadotXcm`), a multisig call (dispatched
/// as the multisig account, outside the proxy's filter), a nested proxy call (dispatched as another
/// account under that account's proxy), `Sudo`, a study's escrowed budget (paid out to
/// contributors) or a redaction request's deposit (forfeited when rejected). Utility batches stay
/// allowed: pallet-proxy filters every call in them with the same filter.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	MaxEncodedLen,
	TypeInfo,
	Default,
)]
pub enum ProxyType {
	/// Everything.
	#[default]
	Any,
	/// Everything that moves no funds: governance, consents, anchors, studies other than opening
	/// one, erasure, session keys and collator candidacy.
	NonTransfer,
	/// Only rejecting announcements made by the account's other proxies.
	CancelProxy,
	/// Only voting and proposing in the Council and the Ethics Committee.
	Governance,
	/// What a guardian or delegate does for a data subject (a minor, a patient): grant, approve
	/// and reject (where the subject is a listed approver), revoke and remove consents, confirm
	/// and remove the accessions custodians register for the subject, enrol in and withdraw
	/// from studies. Never a custodian's or a committee's call, never erasure (irreversible: the
	/// subject or an `Any`/`NonTransfer` proxy decides it), never funds.
	Consent,
}

/// Utility's batches, whose calls pallet-proxy filters one by one.
fn is_batch(call: &RuntimeCall) -> bool {
	matches!(
		call,
		RuntimeCall::Utility(
			pallet_utility::Call::batch { .. }
				| pallet_utility::Call::batch_all { .. }
				| pallet_utility::Call::force_batch { .. }
		)
	)
}

/// Calls that move no funds of the account, directly or by dispatching outside the proxy's
/// filter.
fn moves_no_funds(call: &RuntimeCall) -> bool {
	match call {
		RuntimeCall::Proxy(proxy) => !matches!(
			proxy,
			pallet_proxy::Call::proxy { .. } | pallet_proxy::Call::proxy_announced { .. }
		),
		RuntimeCall::DataMarket(market) => {
			!matches!(market, pallet_data_market::Call::create_study { .. })
		}
		RuntimeCall::Redaction(redaction) => {
			!matches!(redaction, pallet_redaction::Call::request_redaction { .. })
		}
		RuntimeCall::System(..)
		| RuntimeCall::Utility(..)
		| RuntimeCall::Session(..)
		| RuntimeCall::CollatorSelection(..)
		| RuntimeCall::Council(..)
		| RuntimeCall::EthicsCommittee(..)
		| RuntimeCall::Whitelist(..)
		| RuntimeCall::Preimage(..)
		| RuntimeCall::Registry(..)
		| RuntimeCall::Consent(..)
		| RuntimeCall::GenomeAnchor(..)
		| RuntimeCall::XcmVerifier(..) => true,
		_ => false,
	}
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, call: &RuntimeCall) -> bool {
		match self {
			ProxyType::Any => true,
			ProxyType::NonTransfer => moves_no_funds(call),
			ProxyType::CancelProxy => {
				matches!(call, RuntimeCall::Proxy(pallet_proxy::Call::reject_announcement { .. }))
					|| is_batch(call)
			}
			ProxyType::Governance => {
				matches!(call, RuntimeCall::Council(..) | RuntimeCall::EthicsCommittee(..))
					|| is_batch(call)
			}
			ProxyType::Consent => {
				matches!(
					call,
					RuntimeCall::Consent(
						pallet_consent::Call::grant { .. }
							| pallet_consent::Call::approve { .. }
							| pallet_consent::Call::reject { .. }
							| pallet_consent::Call::revoke { .. }
							| pallet_consent::Call::remove { .. }
							| pallet_consent::Call::confirm_accession { .. }
							| pallet_consent::Call::remove_accession { .. }
					) | RuntimeCall::DataMarket(
						pallet_data_market::Call::enroll { .. }
							| pallet_data_market::Call::withdraw { .. }
					) | RuntimeCall::GenomeAnchor(pallet_genome_anchor::Call::prove_variant { .. })
				) || is_batch(call)
			}
		}
	}

	fn is_superset(&self, other: &Self) -> bool {
		match (self, other) {
			(x, y) if x == y => true,
			(ProxyType::Any, _) => true,
			(_, ProxyType::Any) => false,
			// Everything the other three allow moves no funds.
			(ProxyType::NonTransfer, _) => true,
			_ => false,
		}
	}
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	type MaxProxies = ConstU32<32>;
	type WeightInfo = pallet_proxy::weights::SubstrateWeight<Runtime>;
	type MaxPending = ConstU32<32>;
	type CallHasher = BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
	type BlockNumberProvider = System;
}
