//! The store on each of its backends: SQLite and a local directory (the defaults), PostgreSQL
//! and an S3-compatible store (moto), both started by the test itself.

// Test arithmetic on sizes and deadlines, on values far from any limit.
#![allow(clippy::arithmetic_side_effects)]

mod services;

use bytes::Bytes;
use futures::{stream, StreamExt, TryStreamExt};
use genochain_gateway::store::{
	catalogue::{Outcome, Release},
	sealing::CHUNK,
	NewObject, Store, StoreError,
};
use genochain_primitives::{consent::DataCategory, Hash as DatasetId};

const ALICE: [u8; 32] = [1; 32];
const BOB: [u8; 32] = [2; 32];

fn new_object(dataset: DatasetId, subject: [u8; 32]) -> NewObject {
	NewObject { dataset, subject, name: "sample.vcf.gz".into(), category: DataCategory::Variants }
}

fn pieces(bytes: &[u8]) -> impl futures::Stream<Item = Result<Bytes, String>> {
	let owned: Vec<Result<Bytes, String>> =
		bytes.chunks(10_000).map(|piece| Ok(Bytes::copy_from_slice(piece))).collect();
	stream::iter(owned)
}

async fn read_all(store: &Store, id: &str) -> Result<Vec<u8>, StoreError> {
	let object = store.catalogue.object(id).await?.ok_or(StoreError::NoObject(id.into()))?;
	let pieces: Vec<Bytes> = store.read(&object).await?.try_collect().await?;
	Ok(pieces.concat())
}

/// Every behaviour of the store, on one backend.
async fn exercise(store: Store) {
	let dataset = DatasetId::repeat_byte(0xd1);
	let plain: Vec<u8> = (0..3 * CHUNK + 1234).map(|i| (i % 253) as u8).collect();

	// An object goes in sealed and comes out whole, with its size and checksum.
	let object = store.put(new_object(dataset, ALICE), pieces(&plain), 1 << 20).await.expect("put");
	assert_eq!(object.size, plain.len() as u64);
	assert_eq!(hex::encode(object.sha256), sha256_hex(&plain));
	assert_eq!(store.catalogue.object(&object.id).await.expect("row"), Some(object.clone()));
	assert_eq!(read_all(&store, &object.id).await.expect("read"), plain);
	let empty = store.put(new_object(dataset, ALICE), pieces(b""), 1 << 20).await.expect("empty");
	assert_eq!(read_all(&store, &empty.id).await.expect("read"), b"");
	let mut ids = vec![object.id.clone(), empty.id.clone()];
	ids.sort();
	assert_eq!(store.stored_objects(&dataset).await.expect("list"), ids);
	assert_eq!(store.catalogue.objects_in(&dataset).await.expect("rows"), ids);

	// Too large, interrupted, or another subject's dataset: refused, nothing stored.
	let too_large = store.put(new_object(dataset, ALICE), pieces(&plain), 100_000).await;
	assert!(matches!(too_large, Err(StoreError::TooLarge(100_000))), "{too_large:?}");
	let broken =
		stream::iter(vec![Ok(Bytes::from_static(b"##fileformat")), Err("reset".to_string())]);
	let interrupted = store.put(new_object(dataset, ALICE), broken, 1 << 20).await;
	assert!(matches!(interrupted, Err(StoreError::Interrupted(_))), "{interrupted:?}");
	let other = store.put(new_object(dataset, BOB), pieces(b"x"), 1 << 20).await;
	assert!(matches!(other, Err(StoreError::DatasetOfAnotherSubject(_))), "{other:?}");
	assert_eq!(store.stored_objects(&dataset).await.expect("list"), ids);
	assert_eq!(store.catalogue.objects_in(&dataset).await.expect("rows"), ids);

	// Another dataset of the same subject, untouched by the erasure below.
	let kept_dataset = DatasetId::repeat_byte(0xd2);
	let kept = store.put(new_object(kept_dataset, ALICE), pieces(b"kept"), 10).await.expect("put");

	// The release ledger.
	let release = Release {
		id: "r1".into(),
		object: object.id.clone(),
		dataset,
		accessor: BOB,
		requested: r#"{"purpose":"HealthMedicalBiomedical"}"#.into(),
		outcome: Outcome::Recorded,
		consent: Some(7),
		detail: None,
		tx_hash: Some("0xabc".into()),
		block_number: Some(42),
		at: 1_800_000_000,
	};
	let refused = Release {
		id: "r2".into(),
		outcome: Outcome::Refused,
		consent: None,
		detail: Some("Revoked".into()),
		tx_hash: None,
		block_number: None,
		at: 1_800_000_001,
		..release.clone()
	};
	store.catalogue.add_release(&release).await.expect("ledger");
	store.catalogue.add_release(&refused).await.expect("ledger");
	assert_eq!(
		store.catalogue.releases_of(&object.id).await.expect("ledger"),
		vec![release, refused]
	);

	// Erasure: bytes, rows and key go; doing it again finds nothing.
	assert_eq!(store.erase_dataset(&dataset).await.expect("erase"), 2);
	assert!(store.stored_objects(&dataset).await.expect("list").is_empty());
	assert!(store.catalogue.objects_in(&dataset).await.expect("rows").is_empty());
	assert_eq!(store.catalogue.dataset(&dataset).await.expect("row"), None);
	assert!(matches!(read_all(&store, &object.id).await, Err(StoreError::NoObject(_))));
	assert_eq!(store.erase_dataset(&dataset).await.expect("again"), 0);
	assert_eq!(store.catalogue.datasets().await.expect("datasets"), vec![kept_dataset]);
	assert_eq!(read_all(&store, &kept.id).await.expect("kept"), b"kept");

	// The erasure ledger and the follower's cursor.
	store.catalogue.add_erasure(3, 1, 2, None, 1).await.expect("erasure");
	assert_eq!(store.catalogue.erasure(3).await.expect("erasure"), Some(None));
	store.catalogue.add_erasure(3, 0, 0, Some("0xdef"), 2).await.expect("confirmed");
	assert_eq!(store.catalogue.erasure(3).await.expect("erasure"), Some(Some("0xdef".into())));
	assert_eq!(store.catalogue.erasure(4).await.expect("erasure"), None);
	assert_eq!(store.catalogue.cursor("erasure").await.expect("cursor"), None);
	store.catalogue.set_cursor("erasure", 10).await.expect("cursor");
	store.catalogue.set_cursor("erasure", 11).await.expect("cursor");
	assert_eq!(store.catalogue.cursor("erasure").await.expect("cursor"), Some(11));
}

fn sha256_hex(bytes: &[u8]) -> String {
	use sha2::{Digest, Sha256};
	hex::encode(Sha256::digest(bytes))
}

/// The default store, SQLite and a local directory, in `dir`; and the objects' directory.
async fn local_store(dir: &std::path::Path) -> (Store, std::path::PathBuf) {
	let database = format!("sqlite://{}?mode=rwc", dir.join("gateway.db").display());
	let objects_dir = dir.join("objects");
	let objects = format!("file://{}", objects_dir.display());
	let store = Store::open(&database, &objects, &dir.join("master.key")).await.expect("open");
	(store, objects_dir)
}

#[tokio::test]
async fn sqlite_and_a_local_directory() {
	let dir = tempfile::tempdir().expect("temp dir");
	exercise(local_store(dir.path()).await.0).await;
}

#[tokio::test]
async fn postgresql_and_an_s3_store() {
	let postgres = services::Postgres::start();
	let s3 = services::S3::start();
	let dir = tempfile::tempdir().expect("temp dir");
	let store = Store::open(&postgres.url, &s3.location("gateway"), &dir.path().join("master.key"))
		.await
		.expect("open");
	exercise(store).await;
}

#[tokio::test]
async fn objects_at_rest_are_sealed_and_a_changed_byte_stops_the_download() {
	let dir = tempfile::tempdir().expect("temp dir");
	let (store, objects_dir) = local_store(dir.path()).await;
	let dataset = DatasetId::repeat_byte(7);
	let plain = b"chr1\t12345\t.\tA\tG\n".repeat(10_000);
	let object = store.put(new_object(dataset, ALICE), pieces(&plain), 1 << 22).await.expect("put");
	let path = objects_dir.join(format!("0x{}", hex::encode(dataset.as_bytes()))).join(&object.id);
	let mut sealed = std::fs::read(&path).expect("the sealed file");
	assert!(!sealed.windows(10).any(|window| window == &plain[..10]), "plaintext at rest");

	let middle = sealed.len() / 2;
	sealed[middle] ^= 1;
	std::fs::write(&path, &sealed).expect("tamper");
	let mut reading = store.read(&object).await.expect("opens").boxed();
	let mut failed = false;
	while let Some(piece) = reading.next().await {
		if piece.is_err() {
			failed = true;
			break;
		}
	}
	assert!(failed, "a changed byte must end the stream with an error");
}

#[tokio::test]
async fn a_bad_configuration_is_named() {
	let dir = tempfile::tempdir().expect("temp dir");
	let key = dir.path().join("master.key");
	let error = Store::open("sqlite://x.db", "ftp://somewhere/objects", &key).await.err();
	assert!(matches!(error, Some(StoreError::ObjectsConfig(_, _))), "{error:?}");
	let objects = format!("file://{}", dir.path().join("objects").display());
	let error = Store::open("postgres://nobody@127.0.0.1:1/none", &objects, &key).await.err();
	assert!(
		matches!(&error, Some(StoreError::Database(message)) if message.contains("127.0.0.1:1")),
		"{error:?}"
	);
}

#[tokio::test]
async fn hot_objects_are_opened_once_only_when_whole_and_go_with_an_erasure() {
	let dir = tempfile::tempdir().expect("temp dir");
	let (store, objects_dir) = local_store(dir.path()).await;
	let store = store.with_hot_objects(64 << 20);
	let dataset = DatasetId::repeat_byte(8);
	let dataset_dir = objects_dir.join(format!("0x{}", hex::encode(dataset.as_bytes())));
	let plain = b"chr2\t222\t.\tC\tT\n".repeat(50_000);
	let hot = store.put(new_object(dataset, ALICE), pieces(&plain), 1 << 22).await.expect("put");
	assert_eq!(read_all(&store, &hot.id).await.expect("first read"), plain);
	// Kept opened: the bytes at rest are not read again (here they are gone).
	std::fs::remove_file(dataset_dir.join(&hot.id)).expect("remove the sealed file");
	assert_eq!(read_all(&store, &hot.id).await.expect("a hot read"), plain);

	// An object that fails to open is never kept.
	let damaged =
		store.put(new_object(dataset, ALICE), pieces(&plain), 1 << 22).await.expect("put");
	let path = dataset_dir.join(&damaged.id);
	let mut sealed = std::fs::read(&path).expect("sealed");
	let last = sealed.len() - 1;
	sealed[last] ^= 1;
	std::fs::write(&path, &sealed).expect("tamper");
	for _ in 0..2 {
		assert!(read_all(&store, &damaged.id).await.is_err(), "a damaged object opened");
	}

	// The erasure purges the hot copy with the rest, even for an access URL that kept the key.
	let key = store.key_of(&hot).await.expect("the key");
	store.erase_dataset(&dataset).await.expect("erase");
	assert!(store.key_of(&hot).await.is_err(), "the dataset key outlived the erasure");
	assert!(
		matches!(store.read_with(&hot, key).await.err(), Some(StoreError::NoObject(_))),
		"the hot copy outlived the erasure"
	);
}
