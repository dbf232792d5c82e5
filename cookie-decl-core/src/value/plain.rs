//! Whether a value can stand in a `Set-Cookie` header as it is: the check
//! `.cookie` makes on every call, so it is written for speed, and inlined
//! where the cookie is built.
//!
//! On x86-64 it is written with SSE2 intrinsics (every x86-64 processor has
//! SSE2, so nothing is detected at run time); elsewhere in portable Rust,
//! which the compiler vectorises. Both are tested against [`must_encode`]
//! for every byte at every position of every length up to 80 bytes.

/// Whether `byte` may not stand in a value as is: outside `%x21-7E`, or one
/// of `"` `%` `,` `;` `\`.
///
/// Written with `|`, not `||` or `matches!`: without branches, LLVM turns
/// the folds of [`portable`] into vector compares.
#[inline(always)]
pub(crate) const fn must_encode(byte: u8) -> bool {
    (byte.wrapping_sub(0x21) > 0x7E - 0x21)
        | (byte == b'"')
        | (byte == b'%')
        | (byte == b',')
        | (byte == b';')
        | (byte == b'\\')
}

/// Whether no byte of `bytes` needs encoding.
///
/// Values of 16 bytes and more are read as whole 16-byte blocks, the last
/// one overlapping the one before, so that no byte is checked alone and no
/// length has a slow scalar tail; a shorter value is read as two
/// overlapping words, from its start and its end. Values that need
/// encoding are rare, so finding where is left to the caller.
#[inline(always)]
pub(crate) fn all_plain(bytes: &[u8]) -> bool {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    return sse2::all_plain(bytes);
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    return portable(bytes);
}

/// The 8 bytes of `bytes` from `at`, as one word; the caller knows they
/// are there.
#[inline(always)]
fn word(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"))
}

/// The first and the last 8 bytes of a value of fewer than 16, which
/// between them hold every byte of it. A value under 8 bytes is spread
/// over a word, bytes repeated or `a` (which needs no encoding) filling
/// the rest.
#[inline(always)]
fn short_words(bytes: &[u8]) -> (u64, u64) {
    let len = bytes.len();
    debug_assert!(len < 16);
    if len >= 8 {
        return (word(bytes, 0), word(bytes, len - 8));
    }
    let word = if len >= 4 {
        let half = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
        u64::from(half(0)) | u64::from(half(len - 4)) << 32
    } else if len > 0 {
        u64::from_le_bytes([
            bytes[0],
            bytes[len / 2],
            bytes[len - 1],
            b'a',
            b'a',
            b'a',
            b'a',
            b'a',
        ])
    } else {
        u64::from_le_bytes([b'a'; 8])
    };
    (word, word)
}

/// [`all_plain`] with SSE2: per 16-byte block, one add and one signed
/// compare for the range `%x21-7E`, and five equality compares; the
/// compiler left to itself made an unsigned range check of three
/// instructions and turned the short values' path into byte shifts.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use core::arch::x86_64::{
        __m128i, _mm_add_epi8, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
        _mm_or_si128, _mm_set_epi64x, _mm_set1_epi8, _mm_setzero_si128,
    };

    // SAFETY (every `unsafe` block of this module): the intrinsics need
    // SSE2, which the module is compiled only with (`target_feature =
    // "sse2"`, part of every x86-64 target); the one load reads 16 bytes
    // that are there.

    /// Each lane `0xFF` where the byte needs encoding, else `0`.
    #[inline(always)]
    fn marks(block: __m128i) -> __m128i {
        // SAFETY: SSE2 (above).
        unsafe {
            // `+ 0x5F` takes `0x21..=0x7E` to `-128..=-35`, and every other
            // byte above -35, as signed bytes.
            let shifted = _mm_add_epi8(block, _mm_set1_epi8(0x5F));
            let mut marks = _mm_cmpgt_epi8(shifted, _mm_set1_epi8(-35));
            for special in [b'"', b'%', b',', b';', b'\\'] {
                let found = _mm_cmpeq_epi8(block, _mm_set1_epi8(special as i8));
                marks = _mm_or_si128(marks, found);
            }
            marks
        }
    }

    /// The 16 bytes of `bytes` from `at`; the caller knows they are there.
    #[inline(always)]
    fn load(bytes: &[u8], at: usize) -> __m128i {
        let block: &[u8; 16] = bytes[at..at + 16].try_into().expect("16 bytes");
        // SAFETY: SSE2 (above); the pointer is to 16 readable bytes, and
        // the load needs no alignment.
        unsafe { _mm_loadu_si128(block.as_ptr().cast()) }
    }

    /// `first` in the low 8 lanes, `last` in the high 8.
    #[inline(always)]
    fn words(first: u64, last: u64) -> __m128i {
        // SAFETY: SSE2 (above).
        unsafe { _mm_set_epi64x(last as i64, first as i64) }
    }

    #[inline(always)]
    fn or(a: __m128i, b: __m128i) -> __m128i {
        // SAFETY: SSE2 (above).
        unsafe { _mm_or_si128(a, b) }
    }

    #[inline(always)]
    pub(super) fn all_plain(bytes: &[u8]) -> bool {
        let len = bytes.len();
        let marks = if len >= 16 {
            // SAFETY: SSE2 (above).
            let mut found = unsafe { _mm_setzero_si128() };
            let mut at = 0;
            while at + 16 < len {
                found = or(found, marks(load(bytes, at)));
                at += 16;
            }
            or(found, marks(load(bytes, len - 16)))
        } else {
            let (first, last) = super::short_words(bytes);
            marks(words(first, last))
        };
        // SAFETY: SSE2 (above).
        unsafe { _mm_movemask_epi8(marks) == 0 }
    }
}

/// [`all_plain`] in portable Rust, for other processors.
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
#[inline(always)]
pub(crate) fn portable(bytes: &[u8]) -> bool {
    /// Marks, lane by lane, the bytes of a 16-byte block that need
    /// encoding: lanes of bytes and no early exit, so that the compiler
    /// checks the block with a few vector compares and keeps the marks in
    /// a vector register from one block to the next.
    #[inline(always)]
    fn mark(marks: &mut [u8; 16], block: &[u8; 16]) {
        for (mark, &byte) in marks.iter_mut().zip(block) {
            *mark |= u8::from(must_encode(byte));
        }
    }

    let len = bytes.len();
    let mut marks = [0u8; 16];
    if len >= 16 {
        let block = |at: usize| -> &[u8; 16] { bytes[at..at + 16].try_into().expect("16 bytes") };
        let mut at = 0;
        while at + 16 < len {
            mark(&mut marks, block(at));
            at += 16;
        }
        mark(&mut marks, block(len - 16));
    } else {
        let (first, last) = short_words(bytes);
        mark(
            &mut marks,
            &(u128::from(first) | u128::from(last) << 64).to_le_bytes(),
        );
    }
    u128::from_ne_bytes(marks) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `check` gives the answer of `must_encode` byte by byte, for every
    /// length up to 80 (five blocks) and every byte value at every position: the
    /// short values' words, the first, middle and last blocks, and blocks
    /// that overlap.
    fn agrees_with_must_encode(check: impl Fn(&[u8]) -> bool) {
        for len in 0..=80 {
            let mut value = vec![b'a'; len];
            assert!(check(&value), "len {len}");
            for at in 0..len {
                for byte in 0..=u8::MAX {
                    value[at] = byte;
                    let expected = !must_encode(byte);
                    assert_eq!(check(&value), expected, "len {len}, {byte:#04x} at {at}");
                }
                value[at] = b'a';
            }
        }
    }

    #[test]
    fn all_plain_agrees_with_must_encode() {
        agrees_with_must_encode(all_plain);
    }

    #[test]
    fn portable_agrees_with_must_encode() {
        agrees_with_must_encode(portable);
    }

    /// Two bad bytes in different blocks, and plain values of every byte
    /// that needs no encoding, in every position.
    #[test]
    fn every_plain_byte_passes_and_two_bad_ones_fail() {
        let plain: Vec<u8> = (0..=u8::MAX).filter(|&b| !must_encode(b)).collect();
        for len in 0..plain.len() {
            assert!(all_plain(&plain[..len]));
            assert!(portable(&plain[..len]));
        }
        let mut value = plain.clone();
        value[3] = b';';
        value[70] = 0xC3;
        assert!(!all_plain(&value) && !portable(&value));
    }
}
