//! libFuzzer's VCF/BCF reader target: see [`genochain_fuzz_decoders::vcf`].

#![no_main]
// libFuzzer calls into the target through the exported symbols `fuzz_target!` declares.
#![allow(unsafe_code)]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
	genochain_fuzz_decoders::vcf(data);
});
