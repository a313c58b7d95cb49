//! Helpers for the bounded per-account indexes pallets keep (consents of a subject, anchors of a
//! subject, …).

use polkadot_sdk::sp_runtime::BoundedVec;

/// For `StorageMap::mutate_exists`: takes `item` out of an index, and the index out of storage
/// once it is empty, so that an account with no records leaves nothing behind.
pub fn without<T: PartialEq, Bound>(item: T) -> impl FnOnce(&mut Option<BoundedVec<T, Bound>>) {
	move |index| {
		if let Some(items) = index {
			items.retain(|existing| *existing != item);
			if items.is_empty() {
				*index = None;
			}
		}
	}
}
