//! What a custodian's gateway asks the runtime (`ConsentApi` v2) before it stores or releases
//! data, answered as `Consent.record_access` would decide.

use crate::{
	consent_tests::irb_terms,
	dev_chain::{anchored, dev_chain, dev_custodian as custodian, dev_researcher as researcher},
	AccountId, Consent, Redaction, Runtime, RuntimeOrigin,
};
use genochain_primitives::{
	consent::{AccessRefusal, DataCategory, DatasetKeeping, Role, Standing},
	duo::{DuoPermission, RequestedUse},
};
use pallet_consent_runtime_api::runtime_decl_for_consent_api::ConsentApiV2;
use polkadot_sdk::{frame_support::assert_ok, sp_core::H256, sp_keyring::Sr25519Keyring::*};

fn approved_use() -> RequestedUse {
	RequestedUse {
		ethics_approval: true,
		..RequestedUse::research(DuoPermission::HealthMedicalBiomedical)
	}
}

#[test]
fn the_gateways_questions_are_answered_as_record_access_decides() {
	dev_chain().execute_with(|| {
		let bob = Bob.to_account_id();
		let genome = anchored(&bob, 0xd5);
		let ask = |releasing: AccountId, requested: RequestedUse| {
			<Runtime as ConsentApiV2<crate::Block, AccountId, u32>>::check_release(
				releasing,
				researcher(),
				bob.clone(),
				genome,
				DataCategory::Variants,
				requested,
			)
		};

		// Whose the genome is and who keeps it; nothing for an unknown dataset.
		assert_eq!(
			<Runtime as ConsentApiV2<crate::Block, AccountId, u32>>::dataset(genome),
			Ok(DatasetKeeping { subject: bob.clone(), custodian: Some(custodian()) })
		);
		assert_eq!(
			<Runtime as ConsentApiV2<crate::Block, AccountId, u32>>::dataset(H256::repeat_byte(9)),
			Err(AccessRefusal::UnknownDataset)
		);

		// No consent yet; then Bob's, approved by the Ethics Committee's IRB rule in the terms.
		assert_eq!(ask(custodian(), approved_use()), Err(AccessRefusal::ConsentNotFound));
		let mut terms = irb_terms();
		terms.purpose.modifiers = Default::default();
		assert_ok!(Consent::grant(RuntimeOrigin::signed(bob.clone()), terms));
		assert_eq!(ask(custodian(), approved_use()), Ok(0));
		// Only the dataset's custodian may release it, as record_access checks.
		assert_eq!(
			ask(Dave.to_account_id(), approved_use()),
			Err(AccessRefusal::NotTheDatasetsCustodian)
		);
		let commercial = RequestedUse { commercial: true, ..approved_use() };
		assert_eq!(ask(custodian(), commercial.clone()), Ok(0));
		assert_ok!(Consent::record_access(
			RuntimeOrigin::signed(custodian()),
			0,
			researcher(),
			genome,
			DataCategory::Variants,
			commercial
		));

		// After Bob's erasure: the dataset answers Redacted.
		assert_ok!(Redaction::erase_me(RuntimeOrigin::signed(bob.clone())));
		assert_eq!(
			<Runtime as ConsentApiV2<crate::Block, AccountId, u32>>::dataset(genome),
			Err(AccessRefusal::Redacted)
		);
		assert_eq!(ask(custodian(), approved_use()), Err(AccessRefusal::Redacted));

		// Standing by role.
		let standing = <Runtime as ConsentApiV2<crate::Block, AccountId, u32>>::standing;
		assert_eq!(standing(researcher(), Role::Researcher), Standing::Accredited);
		assert_eq!(standing(custodian(), Role::Custodian), Standing::Accredited);
		assert_eq!(standing(custodian(), Role::Researcher), Standing::NotAccredited);
		assert_eq!(standing(bob, Role::Researcher), Standing::NotAccredited);
	});
}
