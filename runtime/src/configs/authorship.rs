use crate::{Aura, CollatorSelection, Runtime};
use polkadot_sdk::*;

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	/// Collator selection tracks who authored, to kick idle collators.
	type EventHandler = (CollatorSelection,);
}
