//! What the gateway keeps: the catalogue and ledger ([`catalogue`]), the objects' bytes, sealed
//! ([`sealing`]), in a local directory or an S3-compatible store.

pub mod catalogue;
pub mod hot;
pub mod sealing;

use bytes::Bytes;
use catalogue::{AccountId, Catalogue, DatasetRow, ObjectRecord};
use futures::{stream::BoxStream, Stream, StreamExt, TryStreamExt};
use genochain_primitives::{consent::DataCategory, Hash as DatasetId};
use object_store::{
	aws::{AmazonS3Builder, AmazonS3ConfigKey},
	chunked::ChunkedStore,
	local::LocalFileSystem,
	path::Path as ObjectPath,
	ObjectStore, ObjectStoreExt, WriteMultipart,
};
use sealing::{DatasetKey, MasterKey, SealingError, NONCE_PREFIX};
use sha2::{Digest, Sha256};
use std::{path::Path, sync::Arc};

/// A failure of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
	#[error("database: {0}")]
	Database(String),
	#[error("the catalogue holds something it cannot read: {0}")]
	Corrupt(String),
	#[error("object store: {0}")]
	Objects(String),
	#[error("object store configuration {0:?}: {1}")]
	ObjectsConfig(String, String),
	#[error(transparent)]
	Sealing(#[from] SealingError),
	#[error("the upload is larger than the limit of {0} bytes")]
	TooLarge(u64),
	#[error("the upload was interrupted: {0}")]
	Interrupted(String),
	#[error("no object {0}")]
	NoObject(String),
	#[error("the dataset {0:?} is another subject's in this gateway")]
	DatasetOfAnotherSubject(DatasetId),
}

fn objects_error(e: object_store::Error) -> StoreError {
	StoreError::Objects(e.to_string())
}

/// Opens the object store that `location` names: `file:///ABSOLUTE/DIR` (made if missing) or
/// `s3://BUCKET[/PREFIX][?OPTION=VALUE&...]`, configured by the usual `AWS_*` variables
/// (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`, `AWS_ENDPOINT`, ...) and by
/// options in the query, which win: `endpoint`, `region`, `allow_http`, `skip_signature`, and
/// every other key object_store's S3 builder knows (`AmazonS3ConfigKey`).
pub fn object_store(location: &str) -> Result<(Arc<dyn ObjectStore>, ObjectPath), StoreError> {
	let config = |problem: String| StoreError::ObjectsConfig(location.into(), problem);
	let url = url::Url::parse(location).map_err(|e| config(e.to_string()))?;
	match url.scheme() {
		"file" => {
			let dir =
				url.to_file_path().map_err(|_| config("not an absolute local path".into()))?;
			std::fs::create_dir_all(&dir).map_err(|e| config(e.to_string()))?;
			let store =
				LocalFileSystem::new_with_prefix(&dir).map_err(|e| config(e.to_string()))?;
			// Local files are read in pieces of this size, each on a blocking thread: sixteen
			// sealed chunks (1 MiB) rather than object_store's 8 KiB default, which costs a thread
			// hop per 8 KiB.
			let read_size = sealing::CHUNK.saturating_add(sealing::TAG).saturating_mul(16);
			Ok((Arc::new(ChunkedStore::new(Arc::new(store), read_size)), ObjectPath::default()))
		}
		"s3" => {
			// HTTPS through rustls with ring's primitives, for the whole process; a provider
			// installed already (by an earlier store) stays.
			let _ = rustls::crypto::ring::default_provider().install_default();
			let mut builder = AmazonS3Builder::from_env().with_url(location);
			for (key, value) in url.query_pairs() {
				let key = key.parse::<AmazonS3ConfigKey>().map_err(|e| config(e.to_string()))?;
				builder = builder.with_config(key, value);
			}
			let store = builder.build().map_err(|e| config(e.to_string()))?;
			let prefix = ObjectPath::parse(url.path().trim_start_matches('/'))
				.map_err(|e| config(e.to_string()))?;
			Ok((Arc::new(store), prefix))
		}
		other => Err(config(format!("unknown scheme {other}: use file:// or s3://"))),
	}
}

/// What an upload says of its object.
pub struct NewObject {
	pub dataset: DatasetId,
	pub subject: AccountId,
	pub name: String,
	pub category: DataCategory,
}

/// The gateway's store.
#[derive(Clone)]
pub struct Store {
	pub catalogue: Catalogue,
	objects: Arc<dyn ObjectStore>,
	prefix: ObjectPath,
	master: Arc<MasterKey>,
	hot: Arc<hot::HotObjects>,
}

/// Unix seconds now.
pub fn now() -> i64 {
	std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map(|elapsed| i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX))
		.unwrap_or(0)
}

/// Writes a new file readable and writable by its owner only; refuses to replace one.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
	use std::io::Write;
	#[cfg(unix)]
	use std::os::unix::fs::OpenOptionsExt;
	let mut options = std::fs::OpenOptions::new();
	options.write(true).create_new(true);
	#[cfg(unix)]
	options.mode(0o600);
	let mut file = options.open(path)?;
	file.write_all(bytes)?;
	file.sync_all()
}

/// A new random id: 32 lowercase hex digits.
pub fn new_id() -> Result<String, StoreError> {
	let mut bytes = [0u8; 16];
	getrandom::fill(&mut bytes).map_err(|e| SealingError::Random(e.to_string()))?;
	Ok(hex::encode(bytes))
}

impl Store {
	/// Opens the catalogue at `database`, the objects at `objects`, and the master key at
	/// `master_key` (made there if missing).
	pub async fn open(
		database: &str,
		objects: &str,
		master_key: &Path,
	) -> Result<Self, StoreError> {
		let master = Arc::new(MasterKey::load_or_create(master_key)?);
		let (objects, prefix) = object_store(objects)?;
		let catalogue = Catalogue::open(database).await?;
		Ok(Self { catalogue, objects, prefix, master, hot: Arc::new(hot::HotObjects::new(0)) })
	}

	/// This store, keeping up to `capacity` bytes of opened objects in memory ([`hot`]).
	pub fn with_hot_objects(self, capacity: u64) -> Self {
		Self { hot: Arc::new(hot::HotObjects::new(capacity)), ..self }
	}

	fn dataset_dir(&self, dataset: &DatasetId) -> ObjectPath {
		self.prefix.clone().join(format!("0x{}", hex::encode(dataset.as_bytes())))
	}

	fn object_path(&self, dataset: &DatasetId, id: &str) -> ObjectPath {
		self.dataset_dir(dataset).join(id)
	}

	/// `dataset`'s key, made and stored wrapped on its first object.
	async fn dataset_key(
		&self,
		dataset: &DatasetId,
		subject: &AccountId,
	) -> Result<DatasetKey, StoreError> {
		let row = match self.catalogue.dataset(dataset).await? {
			Some(row) => row,
			None => {
				let (_, wrapped_key) = self.master.new_dataset_key(dataset.as_bytes())?;
				let row = DatasetRow { subject: *subject, wrapped_key };
				// Another upload may have made the key first: its key is the one kept.
				self.catalogue.add_dataset(dataset, &row, now()).await?
			}
		};
		if row.subject != *subject {
			return Err(StoreError::DatasetOfAnotherSubject(*dataset));
		}
		self.unwrap_key(dataset, &row)
	}

	/// Seals and stores `body` as a new object of `new.dataset`, refusing it past `max_size`
	/// bytes. Nothing stays behind from an upload that fails: the object store only keeps a
	/// multipart upload once it completes, and the catalogue row is written after it.
	pub async fn put<E: std::fmt::Display>(
		&self,
		new: NewObject,
		body: impl Stream<Item = Result<Bytes, E>>,
		max_size: u64,
	) -> Result<ObjectRecord, StoreError> {
		let key = self.dataset_key(&new.dataset, &new.subject).await?;
		let id = new_id()?;
		let path = self.object_path(&new.dataset, &id);
		let (mut sealer, prefix) = key.sealer(&id)?;
		let upload = self.objects.put_multipart(&path).await.map_err(objects_error)?;
		let mut writer = WriteMultipart::new(upload);
		writer.write(&prefix);

		let mut hasher = Sha256::new();
		let mut size: u64 = 0;
		let mut body = std::pin::pin!(body);
		let outcome: Result<(), StoreError> = async {
			while let Some(piece) = body.next().await {
				let piece = piece.map_err(|e| StoreError::Interrupted(e.to_string()))?;
				size = size.saturating_add(piece.len() as u64);
				if size > max_size {
					return Err(StoreError::TooLarge(max_size));
				}
				hasher.update(&piece);
				writer.write(&sealer.push(&piece)?);
				writer.wait_for_capacity(4).await.map_err(objects_error)?;
			}
			Ok(())
		}
		.await;
		if let Err(e) = outcome {
			// Nothing completed: the store drops the parts.
			writer.abort().await.map_err(objects_error)?;
			return Err(e);
		}
		writer.write(&sealer.finish()?);
		writer.finish().await.map_err(objects_error)?;

		let record = ObjectRecord {
			id,
			dataset: new.dataset,
			name: new.name,
			category: new.category,
			size,
			sha256: hasher.finalize().into(),
			created_at: now(),
		};
		if let Err(e) = self.catalogue.add_object(&record).await {
			// The bytes without their row would be unreachable: remove them.
			let _ = self.objects.delete(&path).await;
			return Err(e);
		}
		Ok(record)
	}

	/// The plaintext of `object`, opened as it streams from the object store. A damaged or
	/// truncated object ends the stream with an error rather than with wrong bytes.
	pub async fn read(
		&self,
		object: &ObjectRecord,
	) -> Result<BoxStream<'static, Result<Bytes, StoreError>>, StoreError> {
		let key = self.key_of(object).await?;
		self.read_with(object, key).await
	}

	/// The key that opens `object`: its dataset's, unwrapped.
	pub async fn key_of(&self, object: &ObjectRecord) -> Result<DatasetKey, StoreError> {
		let row = self
			.catalogue
			.dataset(&object.dataset)
			.await?
			.ok_or_else(|| StoreError::NoObject(object.id.clone()))?;
		self.unwrap_key(&object.dataset, &row)
	}

	/// `dataset`'s key, from its catalogue row.
	pub fn unwrap_key(
		&self,
		dataset: &DatasetId,
		row: &DatasetRow,
	) -> Result<DatasetKey, StoreError> {
		Ok(self.master.unwrap_key(dataset.as_bytes(), &row.wrapped_key)?)
	}

	/// [`Self::read`] with the object's key at hand (an access URL keeps it for its downloads).
	pub async fn read_with(
		&self,
		object: &ObjectRecord,
		key: DatasetKey,
	) -> Result<BoxStream<'static, Result<Bytes, StoreError>>, StoreError> {
		if let Some(opened) = self.hot.get(&object.id) {
			return Ok(futures::stream::iter([Ok(opened)]).boxed());
		}
		let path = self.object_path(&object.dataset, &object.id);
		let sealed = match self.objects.get(&path).await {
			Ok(found) => found.into_stream(),
			Err(object_store::Error::NotFound { .. }) => {
				return Err(StoreError::NoObject(object.id.clone()))
			}
			Err(e) => return Err(objects_error(e)),
		};
		struct Reading {
			sealed: BoxStream<'static, object_store::Result<Bytes>>,
			header: Vec<u8>,
			opener: Option<sealing::Opener>,
			opened: std::collections::VecDeque<Vec<u8>>,
			key: DatasetKey,
			id: String,
			size: u64,
			done: bool,
			/// The opened bytes so far, when the object is to be kept hot.
			keep: Option<(Arc<hot::HotObjects>, hot::Fill, DatasetId, Vec<u8>)>,
		}
		let keep = self.hot.fill(object.size).map(|fill| {
			let capacity = usize::try_from(object.size).unwrap_or(0);
			(self.hot.clone(), fill, object.dataset, Vec::with_capacity(capacity))
		});
		let state = Reading {
			sealed,
			header: Vec::new(),
			opener: None,
			opened: Default::default(),
			key,
			id: object.id.clone(),
			size: object.size,
			done: false,
			keep,
		};
		Ok(futures::stream::try_unfold(state, |mut state| async move {
			loop {
				if let Some(chunk) = state.opened.pop_front() {
					return Ok(Some((Bytes::from(chunk), state)));
				}
				if state.done {
					return Ok(None);
				}
				let Some(piece) = state.sealed.next().await else {
					state.done = true;
					let opener = state
						.opener
						.take()
						.ok_or(SealingError::Truncated("the header is incomplete"))?;
					let last = opener.finish()?;
					// Every chunk opened and verified: the object may be kept hot.
					if let Some((hot, fill, dataset, mut opened)) = state.keep.take() {
						opened.extend_from_slice(&last);
						hot.insert(fill, &state.id, dataset, Bytes::from(opened));
					}
					return Ok(Some((Bytes::from(last), state)));
				};
				let mut piece = piece.map_err(objects_error)?;
				if state.opener.is_none() {
					let wanted = NONCE_PREFIX.saturating_sub(state.header.len()).min(piece.len());
					state.header.extend_from_slice(&piece.split_to(wanted));
					if let Ok(prefix) = <[u8; NONCE_PREFIX]>::try_from(state.header.as_slice()) {
						state.opener = Some(state.key.opener(&state.id, &prefix, state.size));
					}
				}
				if let Some(opener) = state.opener.as_mut() {
					let chunks = opener.push(&piece)?;
					if let Some((.., opened)) = state.keep.as_mut() {
						chunks.iter().for_each(|chunk| opened.extend_from_slice(chunk));
					}
					state.opened.extend(chunks);
				}
			}
		})
		.boxed())
	}

	/// The names of the objects whose bytes are stored under `dataset`, whatever the catalogue
	/// says: what an audit of the object store, or a test, compares with the catalogue.
	pub async fn stored_objects(&self, dataset: &DatasetId) -> Result<Vec<String>, StoreError> {
		let dir = self.dataset_dir(dataset);
		let mut names: Vec<String> = self
			.objects
			.list(Some(&dir))
			.map_ok(|meta| meta.location.filename().unwrap_or_default().to_string())
			.try_collect()
			.await
			.map_err(objects_error)?;
		names.sort();
		Ok(names)
	}

	/// Erases `dataset`: first its objects' bytes, then, in one transaction, their rows and the
	/// dataset's key. Running it again after a crash finishes what the first run began. Returns
	/// how many objects went.
	pub async fn erase_dataset(&self, dataset: &DatasetId) -> Result<u64, StoreError> {
		self.hot.purge_dataset(dataset);
		let dir = self.dataset_dir(dataset);
		let paths = self.objects.list(Some(&dir)).map_ok(|meta| meta.location).boxed();
		let deleted: Vec<_> = self.objects.delete_stream(paths).collect().await;
		for result in deleted {
			match result {
				Ok(_) | Err(object_store::Error::NotFound { .. }) => {}
				Err(e) => return Err(objects_error(e)),
			}
		}
		self.catalogue.remove_dataset(dataset).await
	}
}
