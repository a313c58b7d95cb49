//! `attest` and `withdraw_attestation`: which lab vouches for an anchor, and since when.

use super::*;
use crate::{Anchors, Error, Event};
use genochain_primitives::{anchor::Attestation, consent::Role};
use polkadot_sdk::frame_support::{assert_noop, assert_ok};

fn attestation(id: AnchorId) -> Option<Attestation<u64, u64>> {
	Anchors::<Test>::get(id).expect("stored").anchor.attestation
}

#[test]
fn a_lab_attests_an_anchor_once_and_the_block_is_recorded() {
	run(|| {
		let id = id_of(SUBJECT, &genome(1));
		assert_noop!(
			GenomeAnchor::attest(RuntimeOrigin::signed(LAB), id),
			Error::<Test>::AnchorNotFound
		);
		assert_ok!(anchor(SUBJECT, &genome(1)));
		assert_noop!(
			GenomeAnchor::attest(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::NotALab
		);
		MapAccreditation::set(LAB, Role::Lab, false);
		assert_noop!(GenomeAnchor::attest(RuntimeOrigin::signed(LAB), id), Error::<Test>::NotALab);
		MapAccreditation::set(LAB, Role::Lab, true);

		System::set_block_number(4);
		assert_ok!(GenomeAnchor::attest(RuntimeOrigin::signed(LAB), id));
		assert_eq!(attestation(id), Some(Attestation { lab: LAB, at: 4 }));
		assert_eq!(last_event(), Event::Attested { anchor: id, lab: LAB }.into());
		assert_noop!(
			GenomeAnchor::attest(RuntimeOrigin::signed(OTHER_LAB), id),
			Error::<Test>::AlreadyAttested
		);
	});
}

#[test]
fn the_attesting_lab_withdraws_its_attestation_and_another_lab_may_attest() {
	run(|| {
		let id = id_of(SUBJECT, &genome(1));
		let withdraw = |who| GenomeAnchor::withdraw_attestation(RuntimeOrigin::signed(who), id);
		assert_noop!(withdraw(LAB), Error::<Test>::AnchorNotFound);
		assert_ok!(anchor(SUBJECT, &genome(1)));
		assert_noop!(withdraw(LAB), Error::<Test>::NotAttested);
		assert_ok!(GenomeAnchor::attest(RuntimeOrigin::signed(LAB), id));

		// Neither another lab nor the subject can undo a lab's word.
		assert_noop!(withdraw(OTHER_LAB), Error::<Test>::NotTheAttestingLab);
		assert_noop!(withdraw(SUBJECT), Error::<Test>::NotTheAttestingLab);
		// A lab suspended since still withdraws what it said.
		MapAccreditation::set(LAB, Role::Lab, false);
		assert_ok!(withdraw(LAB));
		assert_eq!(attestation(id), None);
		assert_eq!(
			last_event(),
			Event::AttestationWithdrawn { anchor: id, lab: LAB, by_governance: false }.into()
		);

		System::set_block_number(9);
		assert_ok!(GenomeAnchor::attest(RuntimeOrigin::signed(OTHER_LAB), id));
		assert_eq!(attestation(id), Some(Attestation { lab: OTHER_LAB, at: 9 }));
	});
}

#[test]
fn governance_withdraws_any_attestation() {
	run(|| {
		let id = id_of(SUBJECT, &genome(1));
		assert_ok!(anchor(SUBJECT, &genome(1)));
		assert_noop!(
			GenomeAnchor::withdraw_attestation(RuntimeOrigin::root(), id),
			Error::<Test>::NotAttested
		);
		assert_ok!(GenomeAnchor::attest(RuntimeOrigin::signed(LAB), id));
		assert_ok!(GenomeAnchor::withdraw_attestation(RuntimeOrigin::root(), id));
		assert_eq!(attestation(id), None);
		assert_eq!(
			last_event(),
			Event::AttestationWithdrawn { anchor: id, lab: LAB, by_governance: true }.into()
		);
		assert_noop!(
			GenomeAnchor::withdraw_attestation(RuntimeOrigin::none(), id),
			polkadot_sdk::sp_runtime::DispatchError::BadOrigin
		);
	});
}

/// A verdict names the subject and says who vouches for the genome: nobody, then the lab, then
/// the lab as suspended once governance suspends it, and nobody again once it is withdrawn.
#[test]
fn a_verdict_states_the_subject_and_the_provenance_with_the_labs_standing_now() {
	use genochain_primitives::{
		anchor::{Provenance, VariantVerdict},
		consent::Standing,
		fingerprint::{ProvenFact, VariantProof},
		traits::Accreditation,
	};
	run(|| {
		let fingerprint = genome(1);
		assert_ok!(anchor(SUBJECT, &fingerprint));
		let id = id_of(SUBJECT, &fingerprint);
		let carried = variant(2, 1_000, "G");
		let proof = VariantProof::V1(fingerprint.prove(&carried.key).expect("provable"));
		let verdict = || GenomeAnchor::verdict(&id, &proof);
		let with = |provenance| {
			Ok(VariantVerdict {
				fact: ProvenFact::Carries(carried.clone()),
				subject: SUBJECT,
				provenance,
			})
		};
		assert_eq!(verdict(), with(Provenance::SelfAsserted));

		System::set_block_number(4);
		assert_ok!(GenomeAnchor::attest(RuntimeOrigin::signed(LAB), id));
		let attested = |standing| Provenance::Attested { lab: LAB, at: 4, standing };
		assert_eq!(verdict(), with(attested(Standing::Accredited)));
		assert_ok!(<MapAccreditation as Accreditation<u64>>::suspend(&LAB));
		assert_eq!(verdict(), with(attested(Standing::Suspended)));
		MapAccreditation::set(LAB, Role::Lab, false);
		let anchor = Anchors::<Test>::get(id).expect("stored").anchor;
		assert_eq!(GenomeAnchor::provenance(&anchor), attested(Standing::NotAccredited));

		assert_ok!(GenomeAnchor::withdraw_attestation(RuntimeOrigin::signed(LAB), id));
		assert_eq!(verdict(), with(Provenance::SelfAsserted));
	});
}
