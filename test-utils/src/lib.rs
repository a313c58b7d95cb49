//! Stand-ins for the traits through which pallets see each other, for mock runtimes: a pallet's
//! tests set up exactly the accreditations they need without the registry pallet.

use codec::FullCodec;
use genochain_primitives::{consent::Role, traits::Accreditation};
use polkadot_sdk::frame_support::{storage_alias, Blake2_128Concat};

#[storage_alias]
type Accredited<AccountId: FullCodec + 'static> =
	StorageMap<MapAccreditation, Blake2_128Concat, (AccountId, Role), ()>;

/// Accreditation by a storage map the tests fill with [`MapAccreditation::set`].
pub struct MapAccreditation;

impl MapAccreditation {
	/// Gives `who` the role `role`, or takes it away.
	pub fn set<AccountId: FullCodec + 'static>(who: AccountId, role: Role, accredited: bool) {
		if accredited {
			Accredited::<AccountId>::insert((who, role), ());
		} else {
			Accredited::<AccountId>::remove((who, role));
		}
	}
}

impl<AccountId: FullCodec + Clone + 'static> Accreditation<AccountId> for MapAccreditation {
	fn has_role(who: &AccountId, role: Role) -> bool {
		Accredited::<AccountId>::contains_key((who.clone(), role))
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn accredit_for_benchmark(who: &AccountId, role: Role) {
		Self::set(who.clone(), role, true);
	}
}
