//! Stand-ins for the traits through which pallets see each other, for mock runtimes: a pallet's
//! tests set up exactly the accreditations they need without the registry pallet.

pub mod xcm;

use codec::{Decode, Encode, FullCodec};
#[cfg(feature = "runtime-benchmarks")]
use genochain_primitives::fingerprint::Assembly;
use genochain_primitives::{
	anchor::{Anchor, AnchorId, AnchorProofRefusal, Attestation, Provenance, VariantVerdict},
	consent::{ConsentId, ConsentState, ConsentTerms, DatasetId, DatasetKeeping, Role, Standing},
	fingerprint::VariantProof,
	redaction::{RecordRef, Tombstone},
	traits::{
		Accreditation, AnchorInspect, ConsentManage, DatasetInspect, TombstoneFund,
		TombstoneInspect,
	},
};
use polkadot_sdk::{
	frame_support::{
		pallet_prelude::{OptionQuery, ValueQuery},
		storage_alias, Blake2_128Concat,
	},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::{DispatchError, DispatchResult},
};

#[storage_alias]
type Accredited<AccountId: FullCodec + 'static> =
	StorageMap<MapAccreditation, Blake2_128Concat, (AccountId, Role), ()>;

#[storage_alias]
type SuspendedFrom<AccountId: FullCodec + 'static> =
	StorageMap<MapAccreditation, Blake2_128Concat, (AccountId, Role), ()>;

/// Accreditation by a storage map the tests fill with [`MapAccreditation::set`].
pub struct MapAccreditation;

impl MapAccreditation {
	/// Gives `who` the role `role`, or takes it away; either way it is not suspended from it.
	pub fn set<AccountId: FullCodec + 'static>(who: AccountId, role: Role, accredited: bool) {
		SuspendedFrom::<AccountId>::remove((&who, role));
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

	fn standing(who: &AccountId, role: Role) -> Standing {
		if Self::has_role(who, role) {
			Standing::Accredited
		} else if SuspendedFrom::<AccountId>::contains_key((who.clone(), role)) {
			Standing::Suspended
		} else {
			Standing::NotAccredited
		}
	}

	/// Takes every role of `who`, remembering them as suspended: a suspended organisation holds
	/// none.
	fn suspend(who: &AccountId) -> DispatchResult {
		let mut held = false;
		for role in [Role::Lab, Role::Custodian, Role::Researcher] {
			if Accredited::<AccountId>::take((who.clone(), role)).is_some() {
				SuspendedFrom::<AccountId>::insert((who.clone(), role), ());
				held = true;
			}
		}
		if held {
			Ok(())
		} else {
			Err(DispatchError::Other("not accredited"))
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn accredit_for_benchmark(who: &AccountId, role: Role) {
		Self::set(who.clone(), role, true);
	}
}

#[storage_alias]
type StoredAnchors<AccountId: FullCodec + 'static, BlockNumber: FullCodec + 'static> =
	StorageMap<MapAnchors, Blake2_128Concat, AnchorId, Anchor<AccountId, BlockNumber>>;

/// Genome anchors as a storage map the tests fill with [`MapAnchors::insert`].
pub struct MapAnchors;

impl MapAnchors {
	/// Puts `anchor` under root `root`.
	pub fn insert<AccountId: FullCodec + 'static, BlockNumber: FullCodec + 'static>(
		root: AnchorId,
		anchor: Anchor<AccountId, BlockNumber>,
	) {
		StoredAnchors::<AccountId, BlockNumber>::insert(root, anchor);
	}

	/// Removes the anchor under root `root`, as its subject may.
	pub fn remove<AccountId: FullCodec + 'static, BlockNumber: FullCodec + 'static>(
		root: AnchorId,
	) {
		StoredAnchors::<AccountId, BlockNumber>::remove(root);
	}
}

impl<AccountId, BlockNumber> AnchorInspect<AccountId, BlockNumber> for MapAnchors
where
	AccountId: FullCodec + Clone + 'static,
	BlockNumber: FullCodec + Clone + Default + 'static,
{
	fn anchor(anchor: &AnchorId) -> Option<Anchor<AccountId, BlockNumber>> {
		StoredAnchors::<AccountId, BlockNumber>::get(anchor)
	}

	/// Mocks keep no proofs: every proof is refused.
	fn verify_variant(
		_: &AnchorId,
		_: &VariantProof,
	) -> Result<VariantVerdict<AccountId, BlockNumber>, AnchorProofRefusal> {
		Err(AnchorProofRefusal::UnknownAnchor)
	}

	/// The attesting lab's standing is its standing in [`MapAccreditation`].
	fn provenance(anchor: &Anchor<AccountId, BlockNumber>) -> Provenance<AccountId, BlockNumber> {
		match &anchor.attestation {
			Some(Attestation { lab, at }) => Provenance::Attested {
				lab: lab.clone(),
				at: at.clone(),
				standing: MapAccreditation::standing(lab, Role::Lab),
			},
			None => Provenance::SelfAsserted,
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn anchor_for_benchmark(
		subject: &AccountId,
		assembly: Assembly,
		custodian: &AccountId,
	) -> AnchorId {
		let root = AnchorId::from(polkadot_sdk::sp_io::hashing::blake2_256(&subject.encode()));
		let id = genochain_primitives::anchor::anchor_id(subject, &root);
		let lab = AccountId::decode(&mut polkadot_sdk::sp_runtime::traits::TrailingZeroInput::new(
			b"genochain/benchmark-lab",
		))
		.unwrap_or_else(|_| subject.clone());
		MapAccreditation::set(lab.clone(), Role::Lab, true);
		Self::insert::<AccountId, BlockNumber>(
			id,
			Anchor {
				subject: subject.clone(),
				root,
				leaf_count: 1,
				assembly,
				scheme: Default::default(),
				custodian: Some(custodian.clone()),
				file_digest: None,
				attestation: Some(Attestation { lab, at: Default::default() }),
				batch: None,
				previous: None,
				superseded_by: None,
				anchored_at: Default::default(),
			},
		);
		id
	}
}

/// A consent [`MapConsents`] keeps: its subject, its terms and whether it was revoked.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
pub struct MockConsent<AccountId, BlockNumber> {
	/// Whose data.
	pub subject: AccountId,
	/// What was consented to.
	pub terms: ConsentTerms<AccountId, BlockNumber>,
	/// Whether the subject revoked it.
	pub revoked: bool,
}

#[storage_alias]
type StoredConsents<AccountId: FullCodec + 'static, BlockNumber: FullCodec + 'static> =
	StorageMap<MapConsents, Blake2_128Concat, ConsentId, MockConsent<AccountId, BlockNumber>>;

#[storage_alias]
type NextMockConsent = StorageValue<MapConsents, ConsentId, ValueQuery>;

#[storage_alias]
type RefusedGrants = StorageValue<MapConsents, (), OptionQuery>;

#[storage_alias]
type RefusedEnds = StorageValue<MapConsents, (), OptionQuery>;

/// Consents as a storage map: granted, revoked and read back as pallet-consent would, without
/// its checks and deposits. The state follows the current block of runtime `T`.
pub struct MapConsents<T>(core::marker::PhantomData<T>);

impl<T: frame_system::Config> MapConsents<T> {
	/// The consent `consent_id`, if it was granted.
	pub fn get(consent_id: ConsentId) -> Option<MockConsent<T::AccountId, BlockNumberFor<T>>> {
		StoredConsents::<T::AccountId, BlockNumberFor<T>>::get(consent_id)
	}

	/// Makes every later grant fail, as pallet-consent does when a subject holds too many.
	pub fn refuse_grants() {
		RefusedGrants::put(());
	}

	/// Makes every later end of a consent fail (`refuse` true) or succeed again (false), so
	/// tests can see what a caller does when ending a consent fails.
	pub fn refuse_ends(refuse: bool) {
		if refuse {
			RefusedEnds::put(());
		} else {
			RefusedEnds::kill();
		}
	}
}

impl<T: frame_system::Config> ConsentManage<T::AccountId, BlockNumberFor<T>> for MapConsents<T> {
	fn grant_for(
		subject: &T::AccountId,
		terms: ConsentTerms<T::AccountId, BlockNumberFor<T>>,
	) -> Result<ConsentId, DispatchError> {
		if RefusedGrants::exists() {
			return Err(DispatchError::Other("the mock refuses grants"));
		}
		let consent_id = NextMockConsent::get();
		NextMockConsent::put(consent_id.saturating_add(1));
		StoredConsents::<T::AccountId, BlockNumberFor<T>>::insert(
			consent_id,
			MockConsent { subject: subject.clone(), terms, revoked: false },
		);
		Ok(consent_id)
	}

	fn revoke_for(subject: &T::AccountId, consent_id: ConsentId) -> DispatchResult {
		StoredConsents::<T::AccountId, BlockNumberFor<T>>::try_mutate(consent_id, |consent| {
			match consent {
				Some(consent) if consent.subject == *subject && !consent.revoked => {
					consent.revoked = true;
					Ok(())
				}
				_ => Err(DispatchError::Other("no live consent of this subject")),
			}
		})
	}

	fn end_for(subject: &T::AccountId, consent_id: ConsentId) -> DispatchResult {
		if RefusedEnds::exists() {
			return Err(DispatchError::Other("the mock refuses to end consents"));
		}
		match Self::get(consent_id) {
			None => Ok(()),
			Some(consent) if consent.subject == *subject => {
				StoredConsents::<T::AccountId, BlockNumberFor<T>>::remove(consent_id);
				Ok(())
			}
			Some(_) => Err(DispatchError::Other("another subject's consent")),
		}
	}

	fn state(consent_id: ConsentId) -> Option<ConsentState> {
		let now = frame_system::Pallet::<T>::block_number();
		Self::get(consent_id).map(|consent| match consent.terms.valid_until {
			_ if consent.revoked => ConsentState::Revoked,
			Some(until) if now > until => ConsentState::Expired,
			_ if now < consent.terms.valid_from => ConsentState::NotYetValid,
			_ => ConsentState::Active,
		})
	}

	fn note_recipient(subject: &T::AccountId, recipient: &T::AccountId) -> DispatchResult {
		NotedRecipients::<T::AccountId>::append(subject, recipient.clone());
		Ok(())
	}
}

#[storage_alias]
type NotedRecipients<AccountId: FullCodec + 'static> =
	StorageMap<MapConsents, Blake2_128Concat, AccountId, Vec<AccountId>, ValueQuery>;

impl<T: frame_system::Config> MapConsents<T> {
	/// Everyone `subject`'s data was noted as released to, in order.
	pub fn recipients(subject: &T::AccountId) -> Vec<T::AccountId> {
		NotedRecipients::<T::AccountId>::get(subject)
	}
}

#[storage_alias]
type StoredDatasets<AccountId: FullCodec + 'static> =
	StorageMap<MapDatasets, Blake2_128Concat, DatasetId, DatasetKeeping<AccountId>>;

/// Datasets (genome anchors, as far as whose they are) in a storage map the tests fill with
/// [`MapDatasets::insert`].
pub struct MapDatasets;

impl MapDatasets {
	/// Makes `dataset` a dataset of `subject` kept by `custodian`.
	pub fn insert<AccountId: FullCodec + 'static>(
		dataset: DatasetId,
		subject: AccountId,
		custodian: Option<AccountId>,
	) {
		StoredDatasets::<AccountId>::insert(dataset, DatasetKeeping { subject, custodian });
	}

	/// Removes `dataset`, as its subject may remove an anchor.
	pub fn remove<AccountId: FullCodec + 'static>(dataset: DatasetId) {
		StoredDatasets::<AccountId>::remove(dataset);
	}
}

impl<AccountId: FullCodec + 'static> DatasetInspect<AccountId> for MapDatasets {
	fn dataset(dataset: &DatasetId) -> Option<DatasetKeeping<AccountId>> {
		StoredDatasets::<AccountId>::get(dataset)
	}
}

#[storage_alias]
type StoredTombstones<AccountId: FullCodec + 'static, BlockNumber: FullCodec + 'static> =
	StorageMap<MapTombstones, Blake2_128Concat, RecordRef<AccountId>, Tombstone<BlockNumber>>;

/// Tombstones kept in a storage map: the tests erase a record by leaving its tombstone.
pub struct MapTombstones;

impl MapTombstones {
	/// Leaves `tombstone` for `record`, as the redaction pallet does when it erases it.
	pub fn insert<AccountId: FullCodec + 'static, BlockNumber: FullCodec + 'static>(
		record: RecordRef<AccountId>,
		tombstone: Tombstone<BlockNumber>,
	) {
		StoredTombstones::<AccountId, BlockNumber>::insert(record, tombstone);
	}
}

#[storage_alias]
type TombstoneFees<AccountId: FullCodec + 'static> =
	StorageMap<MapTombstones, Blake2_128Concat, AccountId, u32, ValueQuery>;

impl MapTombstones {
	/// How many tombstones `payer` paid for.
	pub fn paid_by<AccountId: FullCodec + 'static>(payer: &AccountId) -> u32 {
		TombstoneFees::<AccountId>::get(payer)
	}
}

/// Counts the tombstones each payer paid for; moves no money (the runtime's tests do).
impl<AccountId: FullCodec + 'static> TombstoneFund<AccountId> for MapTombstones {
	fn pay_for(payer: &AccountId, records: u32) -> DispatchResult {
		TombstoneFees::<AccountId>::mutate(payer, |paid| *paid = paid.saturating_add(records));
		Ok(())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_successful(_: &AccountId, _: u32) {}
}

impl<AccountId, BlockNumber> TombstoneInspect<AccountId, BlockNumber> for MapTombstones
where
	AccountId: FullCodec + 'static,
	BlockNumber: FullCodec + 'static,
{
	fn tombstone(record: &RecordRef<AccountId>) -> Option<Tombstone<BlockNumber>> {
		StoredTombstones::<AccountId, BlockNumber>::get(record)
	}
}
