//! The record of an accredited organisation.

use codec::{Decode, Encode, MaxEncodedLen};
use genochain_primitives::consent::{DocumentHash, Role};
use polkadot_sdk::{frame_system, sp_core::ConstU32, sp_runtime::BoundedBTreeSet};
use scale_info::TypeInfo;

/// The roles of an organisation: each of [`Role`] at most once.
pub type Roles = BoundedBTreeSet<Role, ConstU32<3>>;

/// Builds a non-empty role set; `None` when `roles` is empty.
pub fn roles_from(roles: impl IntoIterator<Item = Role>) -> Option<Roles> {
	let mut set = Roles::new();
	for role in roles {
		// Three roles exist and the bound is three: inserting never overflows.
		set.try_insert(role).ok()?;
	}
	(!set.is_empty()).then_some(set)
}

/// Whether an organisation currently holds its roles.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum OrganisationStatus {
	/// It holds its roles.
	Active,
	/// It holds no role until governance reinstates it.
	Suspended,
}

/// An accredited organisation.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct Organisation<BlockNumber> {
	/// What it is accredited for.
	pub roles: Roles,
	/// Active or suspended.
	pub status: OrganisationStatus,
	/// Hash of its accreditation document; `None` for organisations accredited in genesis,
	/// whose documents the consortium's founding agreement stands for.
	pub document_hash: Option<DocumentHash>,
	/// When it was accredited.
	pub accredited_at: BlockNumber,
}

impl<BlockNumber> Organisation<BlockNumber> {
	/// Whether it holds `role` now: accredited for it and not suspended.
	pub fn holds(&self, role: Role) -> bool {
		self.status == OrganisationStatus::Active && self.roles.contains(&role)
	}
}

/// An organisation record of runtime `T`.
pub type OrganisationOf<T> = Organisation<frame_system::pallet_prelude::BlockNumberFor<T>>;
