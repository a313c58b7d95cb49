//! Opened objects kept in memory, so that an object downloaded again and again is opened once:
//! the bytes of a hot object are sent as they are, with no object-store read and no decryption.
//!
//! Bounded by bytes (`--hot-cache-mib`, 0 turns it off); objects larger than a quarter of it are
//! never kept. The oldest entries go first. Only a download that opened and verified every chunk
//! fills an entry. Objects never change (a new upload is a new id), so an entry is never stale;
//! an erasure purges its dataset's entries before the bytes are deleted, and a download that was
//! filling an entry across a purge does not keep it.

use super::DatasetId;
use bytes::Bytes;
use std::{
	collections::{HashMap, VecDeque},
	sync::Mutex,
};

/// The cache of opened objects.
pub struct HotObjects {
	capacity: u64,
	inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
	entries: HashMap<String, (DatasetId, Bytes)>,
	/// Object ids, oldest first.
	order: VecDeque<String>,
	used: u64,
	/// Bumped by every purge: a fill begun before it is not kept.
	purges: u64,
}

/// A ticket to fill an entry: taken before opening, handed back with the bytes.
#[derive(Debug, Clone, Copy)]
pub struct Fill {
	purges: u64,
}

impl HotObjects {
	/// A cache of at most `capacity` bytes; 0 keeps nothing.
	pub fn new(capacity: u64) -> Self {
		Self { capacity, inner: Mutex::new(Inner::default()) }
	}

	/// The opened bytes of object `id`, if kept.
	pub fn get(&self, id: &str) -> Option<Bytes> {
		let inner = self.inner.lock().ok()?;
		inner.entries.get(id).map(|(_, bytes)| bytes.clone())
	}

	/// Whether an object of `size` bytes would be kept; if so, the ticket to keep it with.
	pub fn fill(&self, size: u64) -> Option<Fill> {
		if size > self.capacity / 4 {
			return None;
		}
		let inner = self.inner.lock().ok()?;
		Some(Fill { purges: inner.purges })
	}

	/// Keeps the opened bytes of object `id` of `dataset`, unless a purge came since `fill`.
	pub fn insert(&self, fill: Fill, id: &str, dataset: DatasetId, bytes: Bytes) {
		let Ok(mut inner) = self.inner.lock() else { return };
		let size = bytes.len() as u64;
		if inner.purges != fill.purges || inner.entries.contains_key(id) || size > self.capacity {
			return;
		}
		while inner.used.saturating_add(size) > self.capacity {
			let Some(oldest) = inner.order.pop_front() else { break };
			if let Some((_, gone)) = inner.entries.remove(&oldest) {
				inner.used = inner.used.saturating_sub(gone.len() as u64);
			}
		}
		inner.used = inner.used.saturating_add(size);
		inner.order.push_back(id.to_string());
		inner.entries.insert(id.to_string(), (dataset, bytes));
	}

	/// Drops every entry of `dataset`, and every fill under way.
	pub fn purge_dataset(&self, dataset: &DatasetId) {
		let Ok(mut inner) = self.inner.lock() else { return };
		inner.purges = inner.purges.wrapping_add(1);
		let Inner { entries, order, used, .. } = &mut *inner;
		entries.retain(|_, (of, bytes)| {
			let keep = of != dataset;
			if !keep {
				*used = used.saturating_sub(bytes.len() as u64);
			}
			keep
		});
		order.retain(|id| entries.contains_key(id));
	}

	/// Bytes held.
	pub fn used(&self) -> u64 {
		self.inner.lock().map(|inner| inner.used).unwrap_or(0)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn bytes(n: usize) -> Bytes {
		Bytes::from(vec![7u8; n])
	}

	#[test]
	fn keeps_within_its_bound_oldest_out_first() {
		let hot = HotObjects::new(400);
		let dataset = DatasetId::repeat_byte(1);
		for id in ["a", "b", "c", "d", "e"] {
			let fill = hot.fill(100).expect("a quarter of the bound");
			hot.insert(fill, id, dataset, bytes(100));
		}
		assert_eq!(hot.used(), 400);
		assert!(hot.get("a").is_none(), "the oldest went");
		assert_eq!(hot.get("e").map(|b| b.len()), Some(100));
		assert!(hot.fill(101).is_none(), "more than a quarter is never kept");
		assert!(HotObjects::new(0).fill(1).is_none(), "0 keeps nothing");
	}

	#[test]
	fn a_purge_drops_its_dataset_and_the_fills_under_way() {
		let hot = HotObjects::new(1000);
		let (erased, kept) = (DatasetId::repeat_byte(1), DatasetId::repeat_byte(2));
		hot.insert(hot.fill(10).expect("fill"), "a", erased, bytes(10));
		hot.insert(hot.fill(10).expect("fill"), "b", kept, bytes(10));
		let under_way = hot.fill(10).expect("fill");
		hot.purge_dataset(&erased);
		assert!(hot.get("a").is_none());
		assert!(hot.get("b").is_some());
		assert_eq!(hot.used(), 10);
		hot.insert(under_way, "c", erased, bytes(10));
		assert!(hot.get("c").is_none(), "a fill begun before the purge is not kept");
	}
}
