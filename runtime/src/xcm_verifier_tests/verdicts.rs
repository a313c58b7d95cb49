//! What the verifier answers over XCM: consents about another subject's genome or through a
//! custodian that does not keep it, attestations required while the lab is accredited, and V1
//! queries answered in V1.

use super::*;

/// A sibling asking whether Bob's consent over all his data lets the researcher use Alice's
/// genome is told no: the dataset is another subject's.
#[test]
fn a_consent_query_about_another_subjects_genome_is_answered_not_the_subjects() {
	ready_chain().execute_with(|| {
		use genochain_primitives::{
			consent::{AccessRefusal, DataCategory, DataScope},
			duo::{DuoPermission, RequestedUse},
			verification::Refusal,
		};
		let bob = Sr25519Keyring::Bob.to_account_id();
		let bobs_genome = anchored(&bob, 0xb0);
		let mut terms = crate::consent_tests::irb_terms_over(bobs_genome);
		terms.scope.data = DataScope::AllData;
		terms.purpose.modifiers = Default::default();
		assert_ok!(crate::Consent::grant(signed(&bob), terms));
		let ask = |dataset: AnchorId| {
			let request = VerifyRequest::Consent {
				grantee: crate::dev_chain::dev_researcher(),
				subject: bob.clone(),
				dataset,
				category: DataCategory::Variants,
				requested: RequestedUse::research(DuoPermission::HealthMedicalBiomedical),
				custodian: None,
			};
			let query = paid(FEE, transact(OriginKind::Xcm, verify_call(request)));
			assert!(matches!(execute(asker(), query), Outcome::Complete { .. }));
			let answers = sent_to_asker();
			assert_eq!(answers.len(), 1, "one answer: {answers:?}");
			response_in(&answers[0]).verdict
		};
		assert_eq!(ask(bobs_genome), Ok(Fact::ConsentAllows(0)));
		assert_eq!(
			ask(anchor()),
			Err(Refusal::Access(AccessRefusal::DatasetNotOfSubject)),
			"Alice's genome is not Bob's"
		);
	});
}

/// A sibling that requires a lab's attestation is told Alice's self-made anchor is not attested;
/// once the development lab attests it, the verdict names the lab, and after the Council suspends
/// the lab, the refusal says so.
#[test]
fn an_attestation_required_over_xcm_is_met_only_while_the_attesting_lab_is_accredited() {
	ready_chain().execute_with(|| {
		use crate::{
			configs::CouncilInstance, dev_chain::pass_motion, genesis_config_presets::DEV_LAB,
			GenomeAnchor,
		};
		use genochain_primitives::{consent::Standing, verification::Refusal};
		use polkadot_sdk::sp_keyring::Sr25519Keyring::{Alice, Bob};
		let alice = Alice.to_account_id();
		let genome = anchor();
		let required = VerifyRequest::AnchorExists {
			anchor: genome,
			require: ProvenanceRequirement::Attested,
		};
		let verdict = || match verdict_on(VersionedVerifyRequest::V3(required.clone())) {
			VersionedVerifyResponse::V3(response) => response.verdict,
			other => panic!("answered in V2: {other:?}"),
		};
		assert_eq!(verdict(), Err(Refusal::NotAttested(Provenance::SelfAsserted)));

		let lab: AccountId = DEV_LAB.into();
		assert_ok!(GenomeAnchor::attest(signed(&lab), genome));
		let attested = |standing| Provenance::Attested { lab: lab.clone(), at: 1, standing };
		assert_eq!(
			verdict(),
			Ok(Fact::AnchorCurrent {
				subject: alice.clone(),
				provenance: attested(Standing::Accredited)
			})
		);

		let suspend =
			RuntimeCall::Registry(pallet_registry::Call::suspend { organisation: lab.clone() });
		assert_eq!(pass_motion!(Council, CouncilInstance, Alice, &[Alice, Bob], suspend), Ok(()));
		assert_eq!(verdict(), Err(Refusal::NotAttested(attested(Standing::Suspended))));
	});
}

/// A consent query naming the custodian that would release the data is refused for a custodian
/// that does not keep the genome, as `consent.recordAccess` would refuse it.
#[test]
fn a_consent_query_naming_a_custodian_that_does_not_keep_the_genome_is_refused() {
	ready_chain().execute_with(|| {
		use genochain_primitives::{
			consent::{AccessRefusal, DataCategory},
			duo::{DuoPermission, RequestedUse},
			verification::Refusal,
		};
		let bob = Sr25519Keyring::Bob.to_account_id();
		let bobs_genome = anchored(&bob, 0xb0);
		let mut terms = crate::consent_tests::irb_terms_over(bobs_genome);
		terms.purpose.modifiers = Default::default();
		assert_ok!(crate::Consent::grant(signed(&bob), terms));
		let released_by = |custodian: AccountId| {
			let request = VerifyRequest::Consent {
				grantee: crate::dev_chain::dev_researcher(),
				subject: bob.clone(),
				dataset: bobs_genome,
				category: DataCategory::Variants,
				requested: RequestedUse::research(DuoPermission::HealthMedicalBiomedical),
				custodian: Some(custodian),
			};
			match verdict_on(VersionedVerifyRequest::V3(request)) {
				VersionedVerifyResponse::V3(response) => response.verdict,
				other => panic!("answered in V2: {other:?}"),
			}
		};
		assert_eq!(released_by(crate::dev_chain::dev_custodian()), Ok(Fact::ConsentAllows(0)));
		assert_eq!(
			released_by(Sr25519Keyring::Charlie.to_account_id()),
			Err(Refusal::Access(AccessRefusal::NotTheDatasetsCustodian))
		);
	});
}

/// A chain still asking in V1 is answered in V1, which names neither subject nor provenance.
#[test]
fn a_v1_query_is_answered_in_v1() {
	ready_chain().execute_with(|| {
		let root = anchor();
		let response =
			verdict_on(VersionedVerifyRequest::V1(v1::VerifyRequest::AnchorExists { root }));
		assert_eq!(
			response,
			VersionedVerifyResponse::V1(v1::VerifyResponse {
				query_id: 7,
				verdict: Ok(v1::Fact::AnchorCurrent),
				at: 1
			})
		);
	});
}
