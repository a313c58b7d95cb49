//! The catalogue (datasets, their wrapped keys, objects) and the gateway's own ledger (releases,
//! erasures, how far it has followed the chain), in SQLite by default or PostgreSQL.
//!
//! One SQL text serves both through sqlx's `Any` driver: only `TEXT` and `BIGINT` columns,
//! `$n` parameters, ids made by the gateway rather than by the database.

use super::StoreError;
use genochain_primitives::{consent::DataCategory, Hash as DatasetId};
use sqlx::{any::AnyPoolOptions, AnyPool, Row};

/// The tables, made if missing when the gateway starts.
const SCHEMA: &[&str] = &[
	"CREATE TABLE IF NOT EXISTS datasets (
		dataset TEXT PRIMARY KEY,
		subject TEXT NOT NULL,
		wrapped_key TEXT NOT NULL,
		created_at BIGINT NOT NULL
	)",
	"CREATE TABLE IF NOT EXISTS objects (
		id TEXT PRIMARY KEY,
		dataset TEXT NOT NULL REFERENCES datasets (dataset),
		name TEXT NOT NULL,
		category TEXT NOT NULL,
		size BIGINT NOT NULL,
		sha256 TEXT NOT NULL,
		created_at BIGINT NOT NULL
	)",
	"CREATE INDEX IF NOT EXISTS objects_by_dataset ON objects (dataset)",
	"CREATE TABLE IF NOT EXISTS releases (
		id TEXT PRIMARY KEY,
		object TEXT NOT NULL,
		dataset TEXT NOT NULL,
		accessor TEXT NOT NULL,
		requested TEXT NOT NULL,
		outcome TEXT NOT NULL,
		consent BIGINT,
		detail TEXT,
		tx_hash TEXT,
		block_number BIGINT,
		at BIGINT NOT NULL
	)",
	"CREATE INDEX IF NOT EXISTS releases_by_object ON releases (object)",
	"CREATE TABLE IF NOT EXISTS erasures (
		erasure_case BIGINT PRIMARY KEY,
		datasets_erased BIGINT NOT NULL,
		objects_deleted BIGINT NOT NULL,
		confirmation_tx TEXT,
		at BIGINT NOT NULL
	)",
	"CREATE TABLE IF NOT EXISTS cursors (
		name TEXT PRIMARY KEY,
		block_number BIGINT NOT NULL
	)",
];

/// An account id (32 bytes), as the chain encodes it.
pub type AccountId = [u8; 32];

/// An object in the catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectRecord {
	/// The gateway's id for it: 32 lowercase hex digits, random.
	pub id: String,
	pub dataset: DatasetId,
	/// The file name the custodian gave; never leaves the gateway except to an allowed download.
	pub name: String,
	pub category: DataCategory,
	/// Plaintext size in bytes.
	pub size: u64,
	/// SHA-256 of the plaintext, as DRS checksums state it.
	pub sha256: [u8; 32],
	/// Unix seconds.
	pub created_at: i64,
}

/// What happened to a request for an object: an entry of the release ledger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Release {
	pub id: String,
	pub object: String,
	pub dataset: DatasetId,
	pub accessor: AccountId,
	/// The requested use, as JSON.
	pub requested: String,
	pub outcome: Outcome,
	pub consent: Option<u64>,
	/// The chain's refusal, or why recording failed.
	pub detail: Option<String>,
	pub tx_hash: Option<String>,
	pub block_number: Option<u64>,
	pub at: i64,
}

/// How a request for an object ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
	/// The chain allowed it and holds the access: the object was released.
	Recorded,
	/// The chain refused it.
	Refused,
	/// The chain allowed it but recording the access failed: nothing was released.
	RecordFailed,
	/// The chain allowed it but the researcher had had their recorded accesses for the minute:
	/// nothing was recorded or released.
	Limited,
}

impl Outcome {
	fn as_str(self) -> &'static str {
		match self {
			Outcome::Recorded => "recorded",
			Outcome::Refused => "refused",
			Outcome::RecordFailed => "record-failed",
			Outcome::Limited => "limited",
		}
	}

	fn parse(text: &str) -> Result<Self, StoreError> {
		Ok(match text {
			"recorded" => Outcome::Recorded,
			"refused" => Outcome::Refused,
			"record-failed" => Outcome::RecordFailed,
			"limited" => Outcome::Limited,
			other => return Err(StoreError::Corrupt(format!("release outcome {other:?}"))),
		})
	}
}

/// A dataset's row: whose it is and its wrapped key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatasetRow {
	pub subject: AccountId,
	pub wrapped_key: Vec<u8>,
}

/// The catalogue's database.
#[derive(Clone, Debug)]
pub struct Catalogue {
	pool: AnyPool,
}

fn db(e: sqlx::Error) -> StoreError {
	StoreError::Database(e.to_string())
}

fn dataset_text(dataset: &DatasetId) -> String {
	format!("0x{}", hex::encode(dataset.as_bytes()))
}

fn parse_hex<const N: usize>(text: &str, what: &str) -> Result<[u8; N], StoreError> {
	let bytes = hex::decode(text.trim_start_matches("0x"))
		.map_err(|_| StoreError::Corrupt(format!("{what} {text:?} is not hex")))?;
	bytes.try_into().map_err(|_| StoreError::Corrupt(format!("{what} {text:?} is not {N} bytes")))
}

fn category_text(category: DataCategory) -> String {
	format!("{category:?}")
}

fn parse_category(text: &str) -> Result<DataCategory, StoreError> {
	serde_json::from_value(serde_json::Value::String(text.into()))
		.map_err(|_| StoreError::Corrupt(format!("data category {text:?}")))
}

fn to_i64(value: u64, what: &str) -> Result<i64, StoreError> {
	i64::try_from(value).map_err(|_| StoreError::Corrupt(format!("{what} {value} too large")))
}

fn to_u64(value: i64, what: &str) -> Result<u64, StoreError> {
	u64::try_from(value).map_err(|_| StoreError::Corrupt(format!("{what} {value} is negative")))
}

impl Catalogue {
	/// Connects to `url` (`sqlite://PATH?mode=rwc` or `postgres://…`) and makes the tables.
	pub async fn open(url: &str) -> Result<Self, StoreError> {
		sqlx::any::install_default_drivers();
		// SQLite takes one writer at a time; a small pool waits less on its lock.
		let connections = if url.starts_with("sqlite:") { 4 } else { 16 };
		let pool = AnyPoolOptions::new()
			.max_connections(connections)
			.acquire_timeout(std::time::Duration::from_secs(10))
			.connect(url)
			.await
			.map_err(|e| StoreError::Database(format!("cannot open {}: {e}", redact(url))))?;
		for statement in SCHEMA {
			sqlx::query(*statement).execute(&pool).await.map_err(db)?;
		}
		Ok(Self { pool })
	}

	/// `dataset`'s row, if the gateway holds it.
	pub async fn dataset(&self, dataset: &DatasetId) -> Result<Option<DatasetRow>, StoreError> {
		let row = sqlx::query("SELECT subject, wrapped_key FROM datasets WHERE dataset = $1")
			.bind(dataset_text(dataset))
			.fetch_optional(&self.pool)
			.await
			.map_err(db)?;
		row.map(|row| {
			let subject: String = row.try_get("subject").map_err(db)?;
			let wrapped: String = row.try_get("wrapped_key").map_err(db)?;
			Ok(DatasetRow {
				subject: parse_hex(&subject, "subject")?,
				wrapped_key: hex::decode(&wrapped)
					.map_err(|_| StoreError::Corrupt("a wrapped key is not hex".into()))?,
			})
		})
		.transpose()
	}

	/// Adds `dataset` with its wrapped key, unless it is there already (another upload made it
	/// first): then the row that is there wins. Returns the dataset's row.
	pub async fn add_dataset(
		&self,
		dataset: &DatasetId,
		row: &DatasetRow,
		now: i64,
	) -> Result<DatasetRow, StoreError> {
		sqlx::query(
			"INSERT INTO datasets (dataset, subject, wrapped_key, created_at) VALUES ($1, $2, $3, $4)
			 ON CONFLICT (dataset) DO NOTHING",
		)
		.bind(dataset_text(dataset))
		.bind(hex::encode(row.subject))
		.bind(hex::encode(&row.wrapped_key))
		.bind(now)
		.execute(&self.pool)
		.await
		.map_err(db)?;
		self.dataset(dataset)
			.await?
			.ok_or_else(|| StoreError::Corrupt("a dataset vanished as it was added".into()))
	}

	pub async fn add_object(&self, object: &ObjectRecord) -> Result<(), StoreError> {
		sqlx::query(
			"INSERT INTO objects (id, dataset, name, category, size, sha256, created_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7)",
		)
		.bind(&object.id)
		.bind(dataset_text(&object.dataset))
		.bind(&object.name)
		.bind(category_text(object.category))
		.bind(to_i64(object.size, "size")?)
		.bind(hex::encode(object.sha256))
		.bind(object.created_at)
		.execute(&self.pool)
		.await
		.map_err(db)?;
		Ok(())
	}

	fn object_from(row: &sqlx::any::AnyRow) -> Result<ObjectRecord, StoreError> {
		let text = |column: &str| row.try_get::<String, _>(column).map_err(db);
		Ok(ObjectRecord {
			id: text("id")?,
			dataset: DatasetId::from(parse_hex::<32>(&text("dataset")?, "dataset")?),
			name: text("name")?,
			category: parse_category(&text("category")?)?,
			size: to_u64(row.try_get("size").map_err(db)?, "size")?,
			sha256: parse_hex(&text("sha256")?, "sha256")?,
			created_at: row.try_get("created_at").map_err(db)?,
		})
	}

	pub async fn object(&self, id: &str) -> Result<Option<ObjectRecord>, StoreError> {
		let row = sqlx::query(
			"SELECT id, dataset, name, category, size, sha256, created_at FROM objects WHERE id = $1",
		)
		.bind(id)
		.fetch_optional(&self.pool)
		.await
		.map_err(db)?;
		row.as_ref().map(Self::object_from).transpose()
	}

	/// Every dataset the gateway holds.
	pub async fn datasets(&self) -> Result<Vec<DatasetId>, StoreError> {
		let rows = sqlx::query("SELECT dataset FROM datasets ORDER BY dataset")
			.fetch_all(&self.pool)
			.await
			.map_err(db)?;
		rows.iter()
			.map(|row| {
				let text: String = row.try_get("dataset").map_err(db)?;
				Ok(DatasetId::from(parse_hex::<32>(&text, "dataset")?))
			})
			.collect()
	}

	/// The ids of `dataset`'s objects.
	pub async fn objects_in(&self, dataset: &DatasetId) -> Result<Vec<String>, StoreError> {
		let rows = sqlx::query("SELECT id FROM objects WHERE dataset = $1 ORDER BY id")
			.bind(dataset_text(dataset))
			.fetch_all(&self.pool)
			.await
			.map_err(db)?;
		rows.iter().map(|row| row.try_get("id").map_err(db)).collect()
	}

	/// Removes an object's row (after its bytes are gone, or when storing them failed).
	pub async fn remove_object(&self, id: &str) -> Result<(), StoreError> {
		sqlx::query("DELETE FROM objects WHERE id = $1")
			.bind(id)
			.execute(&self.pool)
			.await
			.map_err(db)?;
		Ok(())
	}

	/// Removes `dataset` and its objects' rows in one transaction: with its wrapped key gone, no
	/// copy of its objects opens again. Returns how many objects' rows went.
	pub async fn remove_dataset(&self, dataset: &DatasetId) -> Result<u64, StoreError> {
		let dataset = dataset_text(dataset);
		let mut tx = self.pool.begin().await.map_err(db)?;
		let objects = sqlx::query("DELETE FROM objects WHERE dataset = $1")
			.bind(&dataset)
			.execute(&mut *tx)
			.await
			.map_err(db)?
			.rows_affected();
		sqlx::query("DELETE FROM datasets WHERE dataset = $1")
			.bind(&dataset)
			.execute(&mut *tx)
			.await
			.map_err(db)?;
		tx.commit().await.map_err(db)?;
		Ok(objects)
	}

	pub async fn add_release(&self, release: &Release) -> Result<(), StoreError> {
		let block_number = release.block_number.map(|n| to_i64(n, "block number")).transpose()?;
		let consent = release.consent.map(|n| to_i64(n, "consent id")).transpose()?;
		sqlx::query(
			"INSERT INTO releases (id, object, dataset, accessor, requested, outcome, consent,
			 detail, tx_hash, block_number, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
		)
		.bind(&release.id)
		.bind(&release.object)
		.bind(dataset_text(&release.dataset))
		.bind(hex::encode(release.accessor))
		.bind(&release.requested)
		.bind(release.outcome.as_str())
		.bind(consent)
		.bind(release.detail.as_deref())
		.bind(release.tx_hash.as_deref())
		.bind(block_number)
		.bind(release.at)
		.execute(&self.pool)
		.await
		.map_err(db)?;
		Ok(())
	}

	/// The ledger's entries for `object`, oldest first.
	pub async fn releases_of(&self, object: &str) -> Result<Vec<Release>, StoreError> {
		let rows = sqlx::query(
			"SELECT id, object, dataset, accessor, requested, outcome, consent, detail, tx_hash,
			 block_number, at FROM releases WHERE object = $1 ORDER BY at, id",
		)
		.bind(object)
		.fetch_all(&self.pool)
		.await
		.map_err(db)?;
		rows.iter()
			.map(|row| {
				let text = |column: &str| row.try_get::<String, _>(column).map_err(db);
				let maybe_text =
					|column: &str| row.try_get::<Option<String>, _>(column).map_err(db);
				let maybe_number = |column: &str| {
					row.try_get::<Option<i64>, _>(column)
						.map_err(db)?
						.map(|n| to_u64(n, column))
						.transpose()
				};
				Ok(Release {
					id: text("id")?,
					object: text("object")?,
					dataset: DatasetId::from(parse_hex::<32>(&text("dataset")?, "dataset")?),
					accessor: parse_hex(&text("accessor")?, "accessor")?,
					requested: text("requested")?,
					outcome: Outcome::parse(&text("outcome")?)?,
					consent: maybe_number("consent")?,
					detail: maybe_text("detail")?,
					tx_hash: maybe_text("tx_hash")?,
					block_number: maybe_number("block_number")?,
					at: row.try_get("at").map_err(db)?,
				})
			})
			.collect()
	}

	/// Records that the gateway carried out erasure case `case`: how many datasets and objects it
	/// deleted, and the transaction that confirmed it on chain, once there is one.
	pub async fn add_erasure(
		&self,
		case: u64,
		datasets_erased: u64,
		objects_deleted: u64,
		confirmation_tx: Option<&str>,
		now: i64,
	) -> Result<(), StoreError> {
		sqlx::query(
			"INSERT INTO erasures (erasure_case, datasets_erased, objects_deleted, confirmation_tx, at)
			 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (erasure_case) DO UPDATE SET
			 datasets_erased = erasures.datasets_erased + excluded.datasets_erased,
			 objects_deleted = erasures.objects_deleted + excluded.objects_deleted,
			 confirmation_tx = excluded.confirmation_tx, at = excluded.at",
		)
		.bind(to_i64(case, "erasure case")?)
		.bind(to_i64(datasets_erased, "dataset count")?)
		.bind(to_i64(objects_deleted, "object count")?)
		.bind(confirmation_tx)
		.bind(now)
		.execute(&self.pool)
		.await
		.map_err(db)?;
		Ok(())
	}

	/// The confirmation transaction of erasure case `case`, if the gateway carried it out: `Some(None)`
	/// when it deleted but has not confirmed yet.
	pub async fn erasure(&self, case: u64) -> Result<Option<Option<String>>, StoreError> {
		let row = sqlx::query("SELECT confirmation_tx FROM erasures WHERE erasure_case = $1")
			.bind(to_i64(case, "erasure case")?)
			.fetch_optional(&self.pool)
			.await
			.map_err(db)?;
		row.map(|row| row.try_get::<Option<String>, _>("confirmation_tx").map_err(db)).transpose()
	}

	/// The last block a follower named `name` finished with.
	pub async fn cursor(&self, name: &str) -> Result<Option<u64>, StoreError> {
		let row = sqlx::query("SELECT block_number FROM cursors WHERE name = $1")
			.bind(name)
			.fetch_optional(&self.pool)
			.await
			.map_err(db)?;
		row.map(|row| to_u64(row.try_get("block_number").map_err(db)?, "block number")).transpose()
	}

	pub async fn set_cursor(&self, name: &str, block_number: u64) -> Result<(), StoreError> {
		sqlx::query(
			"INSERT INTO cursors (name, block_number) VALUES ($1, $2)
			 ON CONFLICT (name) DO UPDATE SET block_number = excluded.block_number",
		)
		.bind(name)
		.bind(to_i64(block_number, "block number")?)
		.execute(&self.pool)
		.await
		.map_err(db)?;
		Ok(())
	}
}

/// A database URL without its password, for messages.
pub fn redact(url: &str) -> String {
	match url::Url::parse(url) {
		Ok(mut parsed) if parsed.password().is_some() => {
			// Only fails for URLs that cannot have a password, which this one has.
			let _ = parsed.set_password(Some("***"));
			parsed.to_string()
		}
		_ => url.to_string(),
	}
}
