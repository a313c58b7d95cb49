//! Stand-ins for XCM transport in mock runtimes: a router that keeps what it sends and can be
//! told to fail or to ask a price, and an executor that charges delivery fees.

use codec::Encode;
use core::cell::RefCell;
use polkadot_sdk::{
	frame_support::{storage::unhashed, weights::Weight},
	staging_xcm::latest::{
		prelude::*, Assets, ExecuteXcm, InstructionError, Location, Outcome, PreparedMessage,
		SendError, SendResult, SendXcm, Xcm, XcmHash,
	},
};

/// The delivery price when [`MockRouter`] asks one.
pub const DELIVERY_PRICE: u128 = 50;

thread_local! {
	static ROUTE: RefCell<Route> = const { RefCell::new(Route::Deliver) };
	static SENT: RefCell<Vec<(Location, Xcm<()>)>> = const { RefCell::new(Vec::new()) };
}

/// How [`MockRouter`] treats the next messages.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Route {
	/// Delivered, free.
	Deliver,
	/// Delivered at [`DELIVERY_PRICE`] of the native token (`Here`), which [`MockExecutor`]
	/// charges.
	DeliverAtPrice,
	/// No route to the destination.
	Unroutable,
	/// Routed, but the delivery fails.
	Undeliverable,
}

/// A router that keeps what it sends, for [`MockRouter::sent`].
pub struct MockRouter;

impl MockRouter {
	pub fn set(route: Route) {
		ROUTE.with(|r| *r.borrow_mut() = route);
	}

	/// The messages delivered so far, with their destinations.
	pub fn sent() -> Vec<(Location, Xcm<()>)> {
		SENT.with(|sent| sent.borrow().clone())
	}
}

impl SendXcm for MockRouter {
	type Ticket = (Location, Xcm<()>);

	fn validate(
		destination: &mut Option<Location>,
		message: &mut Option<Xcm<()>>,
	) -> SendResult<Self::Ticket> {
		let route = ROUTE.with(|r| *r.borrow());
		if route == Route::Unroutable {
			return Err(SendError::NotApplicable);
		}
		let ticket = (
			destination.take().ok_or(SendError::MissingArgument)?,
			message.take().ok_or(SendError::MissingArgument)?,
		);
		let price: Assets = if route == Route::DeliverAtPrice {
			(Here, DELIVERY_PRICE).into()
		} else {
			Assets::new()
		};
		Ok((ticket, price))
	}

	fn deliver((destination, message): Self::Ticket) -> Result<XcmHash, SendError> {
		if ROUTE.with(|r| *r.borrow()) == Route::Undeliverable {
			return Err(SendError::Transport("channel closed"));
		}
		let hash = polkadot_sdk::sp_io::hashing::blake2_256(&message.encode());
		SENT.with(|sent| sent.borrow_mut().push((destination, message)));
		Ok(hash)
	}
}

/// Charges delivery fees to a ledger in storage (rolled back with a failed call); after
/// [`MockExecutor::set_broke`], charges fail.
pub struct MockExecutor;

impl MockExecutor {
	const CHARGED: &'static [u8] = b"mock:charged";
	const BROKE: &'static [u8] = b"mock:broke";

	/// Whether charges fail.
	pub fn set_broke(broke: bool) {
		unhashed::put(Self::BROKE, &broke);
	}

	/// The fees charged so far, with who paid them.
	pub fn charged() -> Vec<(Location, Assets)> {
		unhashed::get(Self::CHARGED).unwrap_or_default()
	}
}

/// [`MockExecutor`] executes no XCM: the pallets only charge fees through it.
pub enum NeverPrepared {}

impl PreparedMessage for NeverPrepared {
	fn weight_of(&self) -> Weight {
		match *self {}
	}
}

impl<Call> ExecuteXcm<Call> for MockExecutor {
	type Prepared = NeverPrepared;

	fn prepare(_: Xcm<Call>, _: Weight) -> Result<NeverPrepared, InstructionError> {
		Err(InstructionError { index: 0, error: XcmError::Unimplemented })
	}

	fn execute(
		_: impl Into<Location>,
		prepared: NeverPrepared,
		_: &mut XcmHash,
		_: Weight,
	) -> Outcome {
		match prepared {}
	}

	fn charge_fees(location: impl Into<Location>, fees: Assets) -> XcmResult {
		if unhashed::get_or_default(Self::BROKE) {
			return Err(XcmError::NotHoldingFees);
		}
		let mut charged = Self::charged();
		charged.push((location.into(), fees));
		unhashed::put(Self::CHARGED, &charged);
		Ok(())
	}
}
