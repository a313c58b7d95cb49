//! BLAKE2b-256 of eight short inputs at once in the 512-bit lanes of AVX-512, for the CPUs that
//! have it. Every hash of a fingerprint — leaf keys, salts, commitments, leaves, inner nodes,
//! window keys — has a one-block input (at most 128 bytes, save for variants with alleles of
//! dozens of bases), and a genome needs 28 million of them. `blake2b_simd::many` hashes four at
//! a time with AVX2 and handles inputs of any length; this hashes eight one-block inputs with no
//! per-input state: about twice as fast on this project's machine (an AMD EPYC of the Zen 4
//! generation, whose 512-bit instructions run at the AVX2 rate of 256-bit ones; the gain is
//! `vprorq` for the rotations, the lack of per-input bookkeeping, and the transposition of the
//! inputs in registers).
//!
//! The compression is BLAKE2b's (RFC 7693) written over arrays of eight words, one word per
//! input, which the compiler turns into 512-bit instructions (with `vprorq` for the rotations)
//! inside a function compiled for AVX-512. The one `unsafe` is the call into that function, made
//! only once the CPU is known to have AVX-512. Tests hold the result equal to `blake2b_simd` for
//! every input length from 0 to 128 bytes.

use super::H256;

/// Inputs hashed together.
pub(super) const LANES: usize = 8;
/// The longest input hashed in one block.
pub(super) const BLOCK: usize = 128;

/// One word of each of the eight inputs.
type Lanes = [u64; LANES];

const IV: [u64; 8] = [
	0x6a09e667f3bcc908,
	0xbb67ae8584caa73b,
	0x3c6ef372fe94f82b,
	0xa54ff53a5f1d36f1,
	0x510e527fade682d1,
	0x9b05688c2b3e6c1f,
	0x1f83d9abfb41bd6b,
	0x5be0cd19137e2179,
];

const SIGMA: [[usize; 16]; 12] = [
	[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
	[14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
	[11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
	[7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
	[9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
	[2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
	[12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
	[13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
	[6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
	[10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
	[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
	[14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
];

/// The first state word of BLAKE2b with a 32-byte digest, no key, fanout and depth 1.
const PARAMETERS: u64 = 0x0101_0020;

/// Whether this CPU can run [`hash8`].
pub(super) fn available() -> bool {
	#[cfg(target_arch = "x86_64")]
	{
		std::is_x86_feature_detected!("avx512f") && std::is_x86_feature_detected!("avx512bw")
	}
	#[cfg(not(target_arch = "x86_64"))]
	{
		false
	}
}

/// BLAKE2b-256 of each of eight inputs of at most [`BLOCK`] bytes, into `out`. `None`, and
/// nothing written, when an input is longer or the CPU lacks AVX-512 ([`available`]).
pub(super) fn hash8(inputs: [&[u8]; LANES], out: &mut [H256; LANES]) -> Option<()> {
	if inputs.iter().any(|input| input.len() > BLOCK) {
		return None;
	}
	let digest = compress(&inputs)?;
	for (lane, hash) in out.iter_mut().enumerate() {
		for (bytes, word) in hash.0.chunks_exact_mut(8).zip(&digest) {
			bytes.copy_from_slice(&word[lane].to_le_bytes());
		}
	}
	Some(())
}

/// The first four state words of each lane after compressing its input as one final block.
#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
fn compress(inputs: &[&[u8]; LANES]) -> Option<[Lanes; 4]> {
	if !available() {
		return None;
	}
	// SAFETY: the CPU has AVX-512F and AVX-512BW, checked just above; every input is at most
	// one block long, checked by the caller.
	Some(unsafe { avx512::compress(inputs) })
}

#[cfg(not(target_arch = "x86_64"))]
fn compress(_inputs: &[&[u8]; LANES]) -> Option<[Lanes; 4]> {
	None
}

#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
mod avx512 {
	use super::{Lanes, BLOCK, IV, LANES, PARAMETERS, SIGMA};
	use core::arch::x86_64::*;

	/// BLAKE2b's G (RFC 7693, 3.1) on eight lanes at once.
	macro_rules! mix {
		($v:ident, $a:literal, $b:literal, $c:literal, $d:literal, $x:expr, $y:expr) => {
			$v[$a] = _mm512_add_epi64(_mm512_add_epi64($v[$a], $v[$b]), $x);
			$v[$d] = _mm512_ror_epi64::<32>(_mm512_xor_si512($v[$d], $v[$a]));
			$v[$c] = _mm512_add_epi64($v[$c], $v[$d]);
			$v[$b] = _mm512_ror_epi64::<24>(_mm512_xor_si512($v[$b], $v[$c]));
			$v[$a] = _mm512_add_epi64(_mm512_add_epi64($v[$a], $v[$b]), $y);
			$v[$d] = _mm512_ror_epi64::<16>(_mm512_xor_si512($v[$d], $v[$a]));
			$v[$c] = _mm512_add_epi64($v[$c], $v[$d]);
			$v[$b] = _mm512_ror_epi64::<63>(_mm512_xor_si512($v[$b], $v[$c]));
		};
	}

	/// The byte mask of the first `length` bytes of a 64-byte half block.
	fn bytes_mask(length: usize) -> u64 {
		match length {
			0 => 0,
			64.. => u64::MAX,
			n => u64::MAX >> 64usize.saturating_sub(n),
		}
	}

	/// Turns eight rows (one per lane) of eight words into eight vectors of one word per lane.
	#[target_feature(enable = "avx512f")]
	fn transpose(rows: [__m512i; 8]) -> [__m512i; 8] {
		let pairs = [
			_mm512_unpacklo_epi64(rows[0], rows[1]),
			_mm512_unpackhi_epi64(rows[0], rows[1]),
			_mm512_unpacklo_epi64(rows[2], rows[3]),
			_mm512_unpackhi_epi64(rows[2], rows[3]),
			_mm512_unpacklo_epi64(rows[4], rows[5]),
			_mm512_unpackhi_epi64(rows[4], rows[5]),
			_mm512_unpacklo_epi64(rows[6], rows[7]),
			_mm512_unpackhi_epi64(rows[6], rows[7]),
		];
		let low = _mm512_set_epi64(13, 12, 5, 4, 9, 8, 1, 0);
		let high = _mm512_set_epi64(15, 14, 7, 6, 11, 10, 3, 2);
		let quads = [
			_mm512_permutex2var_epi64(pairs[0], low, pairs[2]),
			_mm512_permutex2var_epi64(pairs[1], low, pairs[3]),
			_mm512_permutex2var_epi64(pairs[0], high, pairs[2]),
			_mm512_permutex2var_epi64(pairs[1], high, pairs[3]),
			_mm512_permutex2var_epi64(pairs[4], low, pairs[6]),
			_mm512_permutex2var_epi64(pairs[5], low, pairs[7]),
			_mm512_permutex2var_epi64(pairs[4], high, pairs[6]),
			_mm512_permutex2var_epi64(pairs[5], high, pairs[7]),
		];
		let first = _mm512_set_epi64(11, 10, 9, 8, 3, 2, 1, 0);
		let second = _mm512_set_epi64(15, 14, 13, 12, 7, 6, 5, 4);
		[
			_mm512_permutex2var_epi64(quads[0], first, quads[4]),
			_mm512_permutex2var_epi64(quads[1], first, quads[5]),
			_mm512_permutex2var_epi64(quads[2], first, quads[6]),
			_mm512_permutex2var_epi64(quads[3], first, quads[7]),
			_mm512_permutex2var_epi64(quads[0], second, quads[4]),
			_mm512_permutex2var_epi64(quads[1], second, quads[5]),
			_mm512_permutex2var_epi64(quads[2], second, quads[6]),
			_mm512_permutex2var_epi64(quads[3], second, quads[7]),
		]
	}

	/// BLAKE2b's compression (RFC 7693, 3.2) of each input as one final block, from the
	/// initial state of a 32-byte digest; the first four state words after it.
	///
	/// # Safety
	/// The CPU must have AVX-512F and AVX-512BW, and no input may be longer than [`BLOCK`].
	#[target_feature(enable = "avx512f,avx512bw")]
	pub(super) unsafe fn compress(inputs: &[&[u8]; LANES]) -> [Lanes; 4] {
		let mut low = [_mm512_setzero_si512(); LANES];
		let mut high = [_mm512_setzero_si512(); LANES];
		let mut lengths = [0u64; LANES];
		for (lane, input) in inputs.iter().enumerate() {
			debug_assert!(input.len() <= BLOCK);
			let pointer = input.as_ptr().cast::<i8>();
			// SAFETY: the masks cover the input's bytes only (the second half from byte 64
			// on, when there is one), and masked-off bytes are never read.
			low[lane] = unsafe { _mm512_maskz_loadu_epi8(bytes_mask(input.len()), pointer) };
			if input.len() > 64 {
				high[lane] = unsafe {
					_mm512_maskz_loadu_epi8(
						bytes_mask(input.len().saturating_sub(64)),
						pointer.add(64),
					)
				};
			}
			lengths[lane] = input.len() as u64;
		}
		let [m0, m1, m2, m3, m4, m5, m6, m7] = transpose(low);
		let [m8, m9, m10, m11, m12, m13, m14, m15] = transpose(high);
		let m = [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15];

		let mut h = [_mm512_setzero_si512(); 8];
		for (word, iv) in h.iter_mut().zip(IV) {
			*word = _mm512_set1_epi64(iv as i64);
		}
		h[0] = _mm512_set1_epi64((IV[0] ^ PARAMETERS) as i64);
		let mut v = [_mm512_setzero_si512(); 16];
		v[..8].copy_from_slice(&h);
		for (word, iv) in v[8..].iter_mut().zip(IV) {
			*word = _mm512_set1_epi64(iv as i64);
		}
		// SAFETY: `lengths` is eight u64, the 64 bytes an unaligned load reads.
		let counts = unsafe { _mm512_loadu_si512(lengths.as_ptr().cast()) };
		// The byte counter (inputs of one block never reach its high word) and the last-block
		// flag.
		v[12] = _mm512_xor_si512(v[12], counts);
		v[14] = _mm512_xor_si512(v[14], _mm512_set1_epi64(-1));
		for sigma in &SIGMA {
			mix!(v, 0, 4, 8, 12, m[sigma[0]], m[sigma[1]]);
			mix!(v, 1, 5, 9, 13, m[sigma[2]], m[sigma[3]]);
			mix!(v, 2, 6, 10, 14, m[sigma[4]], m[sigma[5]]);
			mix!(v, 3, 7, 11, 15, m[sigma[6]], m[sigma[7]]);
			mix!(v, 0, 5, 10, 15, m[sigma[8]], m[sigma[9]]);
			mix!(v, 1, 6, 11, 12, m[sigma[10]], m[sigma[11]]);
			mix!(v, 2, 7, 8, 13, m[sigma[12]], m[sigma[13]]);
			mix!(v, 3, 4, 9, 14, m[sigma[14]], m[sigma[15]]);
		}
		let mut out = [[0u64; LANES]; 4];
		// The state's word i is h[i] ^ v[i] ^ v[i + 8].
		let (low, high) = v.split_at(8);
		for (((lanes, h), low), high) in out.iter_mut().zip(&h).zip(low).zip(high) {
			let word = _mm512_xor_si512(*h, _mm512_xor_si512(*low, *high));
			// SAFETY: `lanes` is eight u64, the 64 bytes an unaligned store writes.
			unsafe { _mm512_storeu_si512(lanes.as_mut_ptr().cast(), word) };
		}
		out
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn eight_lanes_hash_as_blake2b_256_for_every_length_of_one_block() {
		if !available() {
			return;
		}
		let bytes: Vec<u8> = (0..2 * BLOCK).map(|i| (i * 131 + 7) as u8).collect();
		for length in 0..=BLOCK {
			let inputs: [&[u8]; LANES] =
				core::array::from_fn(|lane| &bytes[lane * 3..lane * 3 + length]);
			let mut out = [H256::zero(); LANES];
			hash8(inputs, &mut out).expect("one block each");
			for (input, hash) in inputs.iter().zip(&out) {
				assert_eq!(
					hash.0,
					polkadot_sdk::sp_crypto_hashing::blake2_256(input),
					"length {length}"
				);
			}
		}
		// Lanes of different lengths in one call.
		let inputs: [&[u8]; LANES] = core::array::from_fn(|lane| &bytes[..lane * 17]);
		let mut out = [H256::zero(); LANES];
		hash8(inputs, &mut out).expect("one block each");
		for (input, hash) in inputs.iter().zip(&out) {
			assert_eq!(hash.0, polkadot_sdk::sp_crypto_hashing::blake2_256(input));
		}
		let long: [&[u8]; LANES] = core::array::from_fn(|_| &bytes[..BLOCK + 1]);
		assert!(hash8(long, &mut out).is_none(), "two blocks are not hashed here");
	}
}
