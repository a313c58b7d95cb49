//! Encryption at rest: a key per dataset, wrapped by the gateway's master key, and objects sealed
//! in chunks so that they stream in and out without being held whole.
//!
//! - A **dataset key** (XChaCha20-Poly1305, 256 bits, random) seals every object of one dataset.
//!   The catalogue holds it only wrapped by the **master key** (a file beside the database), with
//!   the dataset id as associated data, so a wrapped key moved to another dataset's row does not
//!   open. Erasure deletes the wrapped key: the objects, and any copy of them in a backup or an
//!   object store's version history, can no longer be opened.
//! - An **object** is a random 19-byte nonce prefix followed by the STREAM construction (Hoang,
//!   Reyhanitabar, Rogaway, Vizár) over 64 KiB plaintext chunks: each chunk is authenticated with
//!   its position and whether it is the last, and with the object's id, so chunks cannot be
//!   reordered, dropped, truncated at a chunk boundary or moved to another object unnoticed.

use super::write_private;
use chacha20poly1305::{
	aead::{
		stream::{DecryptorBE32, EncryptorBE32},
		Aead, KeyInit, Payload,
	},
	XChaCha20Poly1305, XNonce,
};
use std::{fmt, path::Path};

/// Plaintext bytes per sealed chunk.
pub const CHUNK: usize = 64 * 1024;
/// What sealing adds to each chunk: Poly1305's tag.
pub const TAG: usize = 16;
/// The nonce prefix an object starts with (XChaCha20's 24 bytes less STREAM's counter and flag).
pub const NONCE_PREFIX: usize = 19;
/// Key length of XChaCha20-Poly1305.
const KEY: usize = 32;
/// XChaCha20's nonce.
const NONCE: usize = 24;

/// A failure to seal or open: never says more than which step failed, as key material is secret.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SealingError {
	#[error("the master key file {0} does not hold 32 bytes in hex")]
	MasterKeyMalformed(String),
	#[error("cannot read or write the master key file {0}: {1}")]
	MasterKeyFile(String, String),
	#[error("the dataset's wrapped key is malformed or was not made by this master key")]
	KeyUnwrap,
	#[error("the operating system's random source failed: {0}")]
	Random(String),
	#[error("sealing failed")]
	Seal,
	#[error("the object is damaged or was not sealed with this key (chunk {0})")]
	Open(u64),
	#[error("the object ended early: {0}")]
	Truncated(&'static str),
	#[error("the object is longer than the catalogue says")]
	TooLong,
}

fn random<const N: usize>() -> Result<[u8; N], SealingError> {
	let mut bytes = [0u8; N];
	getrandom::fill(&mut bytes).map_err(|e| SealingError::Random(e.to_string()))?;
	Ok(bytes)
}

/// The gateway's master key: wraps the dataset keys.
pub struct MasterKey(XChaCha20Poly1305);

impl fmt::Debug for MasterKey {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str("MasterKey(..)")
	}
}

impl MasterKey {
	/// Reads the master key from `path` (64 hex digits), or makes one there, readable by its owner
	/// only, if the file does not exist.
	pub fn load_or_create(path: &Path) -> Result<Self, SealingError> {
		let shown = path.display().to_string();
		let file_error =
			|e: std::io::Error| SealingError::MasterKeyFile(shown.clone(), e.to_string());
		match std::fs::read_to_string(path) {
			Ok(text) => {
				let bytes = hex::decode(text.trim())
					.map_err(|_| SealingError::MasterKeyMalformed(shown.clone()))?;
				let key: [u8; KEY] = bytes
					.try_into()
					.map_err(|_| SealingError::MasterKeyMalformed(shown.clone()))?;
				Ok(Self::from_bytes(&key))
			}
			Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
				let key = random::<KEY>()?;
				write_private(path, hex::encode(key).as_bytes()).map_err(file_error)?;
				Ok(Self::from_bytes(&key))
			}
			Err(e) => Err(file_error(e)),
		}
	}

	pub fn from_bytes(key: &[u8; KEY]) -> Self {
		Self(XChaCha20Poly1305::new(key.into()))
	}

	/// A new random dataset key, and its wrapping for the catalogue (nonce ‖ ciphertext), bound
	/// to `dataset`.
	pub fn new_dataset_key(&self, dataset: &[u8]) -> Result<(DatasetKey, Vec<u8>), SealingError> {
		let key = random::<KEY>()?;
		let nonce = random::<NONCE>()?;
		let sealed = self
			.0
			.encrypt(XNonce::from_slice(&nonce), Payload { msg: &key, aad: dataset })
			.map_err(|_| SealingError::Seal)?;
		let mut wrapped = nonce.to_vec();
		wrapped.extend_from_slice(&sealed);
		Ok((DatasetKey::from_bytes(&key), wrapped))
	}

	/// Unwraps `dataset`'s key.
	pub fn unwrap_key(&self, dataset: &[u8], wrapped: &[u8]) -> Result<DatasetKey, SealingError> {
		if wrapped.len() < NONCE {
			return Err(SealingError::KeyUnwrap);
		}
		let (nonce, sealed) = wrapped.split_at(NONCE);
		let key = self
			.0
			.decrypt(XNonce::from_slice(nonce), Payload { msg: sealed, aad: dataset })
			.map_err(|_| SealingError::KeyUnwrap)?;
		let key: [u8; KEY] = key.try_into().map_err(|_| SealingError::KeyUnwrap)?;
		Ok(DatasetKey::from_bytes(&key))
	}
}

/// One dataset's key.
#[derive(Clone)]
pub struct DatasetKey(XChaCha20Poly1305);

impl fmt::Debug for DatasetKey {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str("DatasetKey(..)")
	}
}

impl DatasetKey {
	fn from_bytes(key: &[u8; KEY]) -> Self {
		Self(XChaCha20Poly1305::new(key.into()))
	}

	/// Starts sealing object `object`: the sealer, and the header (the nonce prefix) to store
	/// before its chunks.
	pub fn sealer(&self, object: &str) -> Result<(Sealer, [u8; NONCE_PREFIX]), SealingError> {
		let prefix = random::<NONCE_PREFIX>()?;
		let stream = EncryptorBE32::from_aead(self.0.clone(), prefix.as_slice().into());
		Ok((Sealer { stream, aad: object.as_bytes().to_vec(), pending: Vec::new() }, prefix))
	}

	/// Starts opening object `object` of `plain_size` bytes, sealed with the nonce `prefix`.
	pub fn opener(&self, object: &str, prefix: &[u8; NONCE_PREFIX], plain_size: u64) -> Opener {
		let chunks = chunk_count(plain_size);
		let before_last = (CHUNK as u64).saturating_mul(chunks.saturating_sub(1));
		let last_plain = usize::try_from(plain_size.saturating_sub(before_last)).unwrap_or(CHUNK);
		Opener {
			stream: Some(DecryptorBE32::from_aead(self.0.clone(), prefix.as_slice().into())),
			aad: object.as_bytes().to_vec(),
			chunks,
			last_sealed: last_plain.saturating_add(TAG),
			opened: 0,
			pending: Vec::new(),
		}
	}
}

/// How many chunks hold `plain_size` bytes: one at least, so that an empty object is
/// authenticated too.
pub fn chunk_count(plain_size: u64) -> u64 {
	plain_size.div_ceil(CHUNK as u64).max(1)
}

/// The size of an object of `plain_size` bytes once sealed.
pub fn sealed_size(plain_size: u64) -> u64 {
	let tags = chunk_count(plain_size).saturating_mul(TAG as u64);
	plain_size.saturating_add(tags).saturating_add(NONCE_PREFIX as u64)
}

/// Seals an object's bytes as they come.
pub struct Sealer {
	stream: EncryptorBE32<XChaCha20Poly1305>,
	aad: Vec<u8>,
	pending: Vec<u8>,
}

impl Sealer {
	/// Takes more plaintext; returns the sealed chunks it completes.
	pub fn push(&mut self, mut bytes: &[u8]) -> Result<Vec<u8>, SealingError> {
		let mut sealed = Vec::new();
		// A full chunk is sealed only once more bytes follow it: the last chunk is sealed
		// differently, and only `finish` knows which one it is.
		while !bytes.is_empty() {
			if self.pending.len() == CHUNK {
				let chunk = std::mem::take(&mut self.pending);
				let out = self
					.stream
					.encrypt_next(Payload { msg: &chunk, aad: &self.aad })
					.map_err(|_| SealingError::Seal)?;
				sealed.extend_from_slice(&out);
			}
			let room = CHUNK.saturating_sub(self.pending.len());
			let (now, later) = bytes.split_at(room.min(bytes.len()));
			self.pending.extend_from_slice(now);
			bytes = later;
		}
		Ok(sealed)
	}

	/// Seals the last chunk.
	pub fn finish(self) -> Result<Vec<u8>, SealingError> {
		self.stream
			.encrypt_last(Payload { msg: &self.pending, aad: &self.aad })
			.map_err(|_| SealingError::Seal)
	}
}

/// Opens an object's sealed chunks as they come (after the nonce prefix).
pub struct Opener {
	stream: Option<DecryptorBE32<XChaCha20Poly1305>>,
	aad: Vec<u8>,
	chunks: u64,
	/// The length the last chunk has once sealed.
	last_sealed: usize,
	opened: u64,
	pending: Vec<u8>,
}

impl Opener {
	/// Takes more sealed bytes; returns the plaintext of each chunk they complete, opened in
	/// place (no copy of the chunk beyond gathering it).
	pub fn push(&mut self, mut bytes: &[u8]) -> Result<Vec<Vec<u8>>, SealingError> {
		let mut plain = Vec::new();
		let sealed_chunk = CHUNK.saturating_add(TAG);
		while !bytes.is_empty() {
			let room = sealed_chunk.saturating_sub(self.pending.len());
			if room == 0 {
				// The last chunk is complete and bytes still come.
				return Err(SealingError::TooLong);
			}
			if self.pending.capacity() == 0 {
				self.pending.reserve_exact(sealed_chunk);
			}
			let (now, later) = bytes.split_at(room.min(bytes.len()));
			self.pending.extend_from_slice(now);
			bytes = later;
			// A full sealed chunk that is not the object's last opens now; the last opens in
			// `finish`, which checks it is the last.
			if self.pending.len() == sealed_chunk && self.opened.saturating_add(1) < self.chunks {
				let mut chunk = std::mem::take(&mut self.pending);
				let stream = self.stream.as_mut().ok_or(SealingError::Open(self.opened))?;
				stream
					.decrypt_next_in_place(&self.aad, &mut chunk)
					.map_err(|_| SealingError::Open(self.opened))?;
				plain.push(chunk);
				self.opened = self.opened.saturating_add(1);
			}
		}
		Ok(plain)
	}

	/// Opens the last chunk: fails if the object ended before it or it is not the last.
	pub fn finish(mut self) -> Result<Vec<u8>, SealingError> {
		if self.opened.saturating_add(1) != self.chunks || self.pending.len() < self.last_sealed {
			return Err(SealingError::Truncated("chunks are missing"));
		}
		let stream = self.stream.take().ok_or(SealingError::Open(self.opened))?;
		let mut chunk = std::mem::take(&mut self.pending);
		stream
			.decrypt_last_in_place(&self.aad, &mut chunk)
			.map_err(|_| SealingError::Open(self.opened))?;
		Ok(chunk)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn master() -> MasterKey {
		MasterKey::from_bytes(&[7; 32])
	}

	fn seal(key: &DatasetKey, object: &str, plain: &[u8], pieces: usize) -> Vec<u8> {
		let (mut sealer, prefix) = key.sealer(object).expect("sealer");
		let mut sealed = prefix.to_vec();
		for piece in plain.chunks(pieces.max(1)) {
			sealed.extend(sealer.push(piece).expect("push"));
		}
		sealed.extend(sealer.finish().expect("finish"));
		sealed
	}

	fn open(
		key: &DatasetKey,
		object: &str,
		sealed: &[u8],
		plain_size: u64,
		pieces: usize,
	) -> Result<Vec<u8>, SealingError> {
		let prefix: [u8; NONCE_PREFIX] =
			sealed[..NONCE_PREFIX].try_into().expect("prefix is there");
		let mut opener = key.opener(object, &prefix, plain_size);
		let mut plain = Vec::new();
		for piece in sealed[NONCE_PREFIX..].chunks(pieces.max(1)) {
			plain.extend(opener.push(piece)?.concat());
		}
		plain.extend(opener.finish()?);
		Ok(plain)
	}

	#[test]
	fn objects_of_every_size_round_trip_in_any_pieces() {
		let (key, _) = master().new_dataset_key(b"dataset").expect("key");
		for size in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17] {
			let plain: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
			for pieces in [1, 1000, CHUNK, CHUNK + TAG, 5 * CHUNK] {
				let sealed = seal(&key, "obj", &plain, pieces);
				assert_eq!(sealed.len() as u64, sealed_size(size as u64), "size {size}");
				let opened = open(&key, "obj", &sealed, size as u64, pieces).expect("opens");
				assert_eq!(opened, plain, "size {size}, pieces {pieces}");
			}
		}
	}

	#[test]
	fn a_changed_byte_another_object_or_key_does_not_open() {
		let master = master();
		let (key, _) = master.new_dataset_key(b"dataset").expect("key");
		let (other_key, _) = master.new_dataset_key(b"dataset").expect("key");
		let plain = vec![42u8; 2 * CHUNK + 5];
		let sealed = seal(&key, "obj", &plain, 4096);
		let size = plain.len() as u64;

		let mut flipped = sealed.clone();
		flipped[NONCE_PREFIX + CHUNK + TAG + 3] ^= 1;
		assert_eq!(open(&key, "obj", &flipped, size, 4096), Err(SealingError::Open(1)));
		assert_eq!(open(&key, "other", &sealed, size, 4096), Err(SealingError::Open(0)));
		assert_eq!(open(&other_key, "obj", &sealed, size, 4096), Err(SealingError::Open(0)));
	}

	#[test]
	fn a_truncated_or_reordered_object_does_not_open() {
		let (key, _) = master().new_dataset_key(b"dataset").expect("key");
		let plain = vec![9u8; 3 * CHUNK];
		let sealed = seal(&key, "obj", &plain, CHUNK);
		let size = plain.len() as u64;
		let sealed_chunk = CHUNK + TAG;

		// The first two chunks alone, claimed to be a two-chunk object: the second is not last.
		let two = &sealed[..NONCE_PREFIX + 2 * sealed_chunk];
		assert_eq!(open(&key, "obj", two, 2 * CHUNK as u64, CHUNK), Err(SealingError::Open(1)));
		// The same, with the catalogue's true size: chunks are missing.
		assert_eq!(
			open(&key, "obj", two, size, CHUNK),
			Err(SealingError::Truncated("chunks are missing"))
		);
		// The first two chunks swapped.
		let mut swapped = sealed[..NONCE_PREFIX].to_vec();
		swapped.extend_from_slice(
			&sealed[NONCE_PREFIX + sealed_chunk..NONCE_PREFIX + 2 * sealed_chunk],
		);
		swapped.extend_from_slice(&sealed[NONCE_PREFIX..NONCE_PREFIX + sealed_chunk]);
		swapped.extend_from_slice(&sealed[NONCE_PREFIX + 2 * sealed_chunk..]);
		assert_eq!(open(&key, "obj", &swapped, size, CHUNK), Err(SealingError::Open(0)));
		// Bytes after the last chunk.
		let mut longer = sealed.clone();
		longer.push(0);
		assert_eq!(open(&key, "obj", &longer, size, CHUNK), Err(SealingError::TooLong));
	}

	#[test]
	fn a_wrapped_key_opens_only_for_its_dataset_and_master_key() {
		let master = master();
		let (key, wrapped) = master.new_dataset_key(b"dataset-a").expect("key");
		let sealed = seal(&key, "obj", b"variants", 3);
		let unwrapped = master.unwrap_key(b"dataset-a", &wrapped).expect("unwraps");
		assert_eq!(open(&unwrapped, "obj", &sealed, 8, 3).expect("opens"), b"variants");

		assert_eq!(master.unwrap_key(b"dataset-b", &wrapped).err(), Some(SealingError::KeyUnwrap));
		let other = MasterKey::from_bytes(&[8; 32]);
		assert_eq!(other.unwrap_key(b"dataset-a", &wrapped).err(), Some(SealingError::KeyUnwrap));
		assert_eq!(
			master.unwrap_key(b"dataset-a", &wrapped[..10]).err(),
			Some(SealingError::KeyUnwrap)
		);
	}

	#[test]
	fn the_master_key_file_is_made_once_private_and_read_back() {
		let dir = tempfile::tempdir().expect("temp dir");
		let path = dir.path().join("master.key");
		let made = MasterKey::load_or_create(&path).expect("made");
		let (_, wrapped) = made.new_dataset_key(b"d").expect("key");
		let read = MasterKey::load_or_create(&path).expect("read");
		assert!(read.unwrap_key(b"d", &wrapped).is_ok());
		#[cfg(unix)]
		{
			use std::os::unix::fs::PermissionsExt;
			let mode = std::fs::metadata(&path).expect("metadata").permissions().mode();
			assert_eq!(mode & 0o777, 0o600);
		}
		std::fs::write(&path, "not hex").expect("write");
		assert!(matches!(
			MasterKey::load_or_create(&path),
			Err(SealingError::MasterKeyMalformed(_))
		));
	}
}
