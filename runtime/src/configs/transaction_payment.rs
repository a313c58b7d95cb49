use super::StakingPot;
use crate::{Balance, Balances, Runtime, RuntimeEvent};
use genochain_primitives::currency::{MICROGENE, MILLIGENE};
use polkadot_sdk::{
	frame_support::{
		parameter_types,
		traits::{tokens::imbalance::ResolveTo, ConstU8},
		weights::{
			constants::ExtrinsicBaseWeight, ConstantMultiplier, WeightToFeeCoefficient,
			WeightToFeeCoefficients, WeightToFeePolynomial,
		},
	},
	polkadot_runtime_common::SlowAdjustingFeeUpdate,
	sp_runtime::Perbill,
	*,
};
use smallvec::smallvec;

parameter_types! {
	/// Fee per byte of an extrinsic.
	pub const TransactionByteFee: Balance = 10 * MICROGENE;
}

/// Converts weight to a fee: an extrinsic of base weight costs a tenth of a milliGENE.
pub struct WeightToFee;
impl WeightToFeePolynomial for WeightToFee {
	type Balance = Balance;
	fn polynomial() -> WeightToFeeCoefficients<Self::Balance> {
		let fee_of_base_extrinsic = MILLIGENE / 10;
		// Never zero: the base weight of an extrinsic is a measured constant.
		let base_weight = Balance::from(ExtrinsicBaseWeight::get().ref_time()).max(1);
		smallvec![WeightToFeeCoefficient {
			degree: 1,
			negative: false,
			coeff_frac: Perbill::from_rational(
				fee_of_base_extrinsic.checked_rem(base_weight).unwrap_or_default(),
				base_weight,
			),
			coeff_integer: fee_of_base_extrinsic.checked_div(base_weight).unwrap_or_default(),
		}]
	}
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Fees and tips go to the collator staking pot, which pays the collators.
	type OnChargeTransaction =
		pallet_transaction_payment::FungibleAdapter<Balances, ResolveTo<StakingPot, Balances>>;
	type WeightToFee = WeightToFee;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = SlowAdjustingFeeUpdate<Self>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}
