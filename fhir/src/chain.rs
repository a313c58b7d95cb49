//! The chain's clock read off a node (feature `subxt`), for the CLI and the gateway alike.

use crate::BlockClock;
use subxt::{OnlineClient, PolkadotConfig};

/// The clock of the chain at its block `latest`, from `Timestamp.Now` there and
/// [`crate::PACE_WINDOW`] blocks before.
pub async fn read_clock(
	client: &OnlineClient<PolkadotConfig>,
	latest: u32,
) -> Result<BlockClock, subxt::Error> {
	BlockClock::read(latest, |number| async move {
		let block = client.at_block(u64::from(number)).await?;
		let now = subxt::storage::dynamic::<(), u64>("Timestamp", "Now");
		let millis: u64 = block.storage().entry(now)?.fetch(()).await?.decode()?;
		// Past i64 milliseconds lies 292 million years ahead: such a block is no real time.
		Ok(i64::try_from(millis).unwrap_or(i64::MAX))
	})
	.await
}
