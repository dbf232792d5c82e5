//! The perfect hash table behind a registry's `get`, built at expansion
//! time.
//!
//! `get(name)` hashes the name once with a seed chosen here, reads a small
//! per-bucket "pilot", which picks the slot, reads the slot (an index into
//! `COOKIES`) and compares one name. No step depends on which names came
//! before, so the cost does not rely on a branch predictor having learnt
//! the sequence of lookups (a `match` tree on the name's bytes does, and
//! mispredicts on real requests).
//!
//! The scheme is hash-and-displace (as in PTHash): keys fall into buckets
//! by the high half of their hash; buckets are placed largest first, each
//! with the first pilot that sends all its keys to free slots. At most one
//! slot in two is taken, so the search is short even in an unoptimised
//! debug build of this crate.
//!
//! [`hash`] and [`slot`] must compute exactly what
//! `cookie_decl::__private::phf_hash` and `phf_slot` compute at run time:
//! the test of every registry's `get` (`tests/lookup.rs`) finds each name
//! through the generated table, so any drift fails there.

/// Odd 64-bit constants (from wyhash) that mix the bytes.
const P0: u64 = 0xa076_1d64_78bd_642f;
const P1: u64 = 0xe703_7ed1_a0b4_28db;
const P2: u64 = 0x8ebc_6af0_9c88_c6e3;

/// The multiplier of [`slot`] (the golden ratio, odd).
const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;

/// The 128-bit product of `a` and `b`, folded to 64 bits.
fn fold(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ ((product >> 64) as u64)
}

fn read64(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"))
}

fn read32(bytes: &[u8], at: usize) -> u64 {
    u64::from(u32::from_le_bytes(
        bytes[at..at + 4].try_into().expect("4 bytes"),
    ))
}

/// The words [`hash`] reads from `bytes`: for names of up to 16 bytes,
/// two overlapping words that hold every byte, so that with the length
/// they tell the name apart from any other (`get` compares them instead of
/// the bytes); for longer names, the last two words.
pub fn words(bytes: &[u8]) -> (u64, u64) {
    let len = bytes.len();
    if len > 16 {
        (read64(bytes, len - 16), read64(bytes, len - 8))
    } else if len >= 8 {
        (read64(bytes, 0), read64(bytes, len - 8))
    } else if len >= 4 {
        (read32(bytes, 0), read32(bytes, len - 4))
    } else if len > 0 {
        let spread = (u64::from(bytes[0]) << 16)
            | (u64::from(bytes[len / 2]) << 8)
            | u64::from(bytes[len - 1]);
        (spread, 0)
    } else {
        (0, 0)
    }
}

/// A wyhash-like hash of `bytes`: every byte is read (names up to 16 bytes
/// in the two overlapping [`words`]), then one folded multiply mixes them.
pub fn hash(seed: u64, bytes: &[u8]) -> u64 {
    let len = bytes.len();
    let mut acc = seed ^ P0;
    let mut at = 0;
    while len - at > 16 {
        acc = fold(read64(bytes, at) ^ P1, read64(bytes, at + 8) ^ acc);
        at += 16;
    }
    let (lo, hi) = words(bytes);
    fold(lo ^ P1, hi ^ acc ^ (len as u64).wrapping_mul(P2))
}

/// The bucket of a hash, among `buckets`: its high 32 bits scaled down.
pub fn bucket(hash: u64, buckets: usize) -> usize {
    (((hash >> 32) * buckets as u64) >> 32) as usize
}

/// The slot of a hash displaced by `pilot`, in a table of `2^bits` slots.
pub fn slot(hash: u64, pilot: u16, bits: u32) -> usize {
    ((hash ^ u64::from(pilot).wrapping_mul(GOLDEN)).wrapping_mul(GOLDEN) >> (64 - bits)) as usize
}

/// A table for some distinct names.
pub struct Table {
    pub seed: u64,
    /// One per bucket.
    pub pilots: Vec<u16>,
    /// `2^bits` of them: each an index into `COOKIES`. A free slot holds
    /// the first name's index: a name that hashes there cannot equal it,
    /// since that name hashes to its own slot, so the final comparison
    /// fails as it should, and no slot needs a branch for "empty".
    pub slots: Vec<usize>,
}

/// The table for `keys` (distinct names, each with its index in
/// `COOKIES`), which must not be empty.
pub fn build(keys: &[(&[u8], usize)]) -> Table {
    let n = keys.len();
    // At least twice as many slots as names, and at least two (`slot`
    // shifts by `64 - bits`).
    let bits = (2 * n).next_power_of_two().trailing_zeros().max(1);
    let size = 1usize << bits;
    let buckets = n.div_ceil(4);
    let mut hashes = Vec::with_capacity(n);
    for attempt in 0u64.. {
        let seed = splitmix(attempt);
        hashes.clear();
        hashes.extend(keys.iter().map(|(name, _)| hash(seed, name)));
        if let Some(table) = place(seed, &hashes, keys, bits, size, buckets) {
            return table;
        }
    }
    unreachable!("some seed places every name")
}

/// Places every key with this seed's hashes, or `None` if some bucket finds
/// no pilot (then the caller tries another seed).
fn place(
    seed: u64,
    hashes: &[u64],
    keys: &[(&[u8], usize)],
    bits: u32,
    size: usize,
    buckets: usize,
) -> Option<Table> {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); buckets];
    for (key, &h) in hashes.iter().enumerate() {
        members[bucket(h, buckets)].push(key);
    }
    let mut order: Vec<usize> = (0..buckets).collect();
    // Largest buckets first, while most slots are free.
    order.sort_by_key(|&b| std::cmp::Reverse(members[b].len()));
    const FREE: usize = usize::MAX;
    let mut slots = vec![FREE; size];
    let mut pilots = vec![0u16; buckets];
    let mut chosen = Vec::with_capacity(8);
    for b in order {
        let keys_here = &members[b];
        if keys_here.is_empty() {
            break;
        }
        let found = (0..=u16::MAX).find(|&pilot| {
            chosen.clear();
            for &key in keys_here {
                let s = slot(hashes[key], pilot, bits);
                if slots[s] != FREE || chosen.contains(&s) {
                    return false;
                }
                chosen.push(s);
            }
            true
        })?;
        pilots[b] = found;
        for (&key, &s) in keys_here.iter().zip(&chosen) {
            slots[s] = keys[key].1;
        }
    }
    let filler = keys[0].1;
    for s in &mut slots {
        if *s == FREE {
            *s = filler;
        }
    }
    Some(Table {
        seed,
        pilots,
        slots,
    })
}

/// Seeds that differ in every bit for consecutive attempts.
fn splitmix(n: u64) -> u64 {
    let mut z = n.wrapping_add(1).wrapping_mul(GOLDEN);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(names: &[String]) -> Table {
        let keys: Vec<(&[u8], usize)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_bytes(), i))
            .collect();
        let table = build(&keys);
        let bits = table.slots.len().trailing_zeros();
        for (name, index) in &keys {
            let h = hash(table.seed, name);
            let pilot = table.pilots[bucket(h, table.pilots.len())];
            assert_eq!(table.slots[slot(h, pilot, bits)], *index);
        }
        table
    }

    #[test]
    fn near_identical_names_find_their_slot_with_the_first_seeds() {
        for n in [1, 2, 3, 10, 100, 1000, 10_000] {
            let names: Vec<String> = (0..n).map(|i| format!("c{i:04}")).collect();
            let table = check(&names);
            assert!(
                table.seed == splitmix(0) || table.seed == splitmix(1),
                "{n}"
            );
            let names: Vec<String> = (0..n).map(|i| format!("_ga_{i:04X}")).collect();
            check(&names);
            let names: Vec<String> = (0..n)
                .map(|i| format!("a_rather_long_cookie_name_{i}_with_a_tail"))
                .collect();
            check(&names);
        }
    }

    #[test]
    fn words_and_length_tell_short_names_apart() {
        let mut seen = std::collections::HashMap::new();
        let alphabet = [b'a', b'b', b'_'];
        let mut names = vec![Vec::new()];
        for len in 1..=5 {
            let mut next = Vec::new();
            for name in names.iter().filter(|n: &&Vec<u8>| n.len() == len - 1) {
                for &c in &alphabet {
                    let mut longer = name.clone();
                    longer.push(c);
                    next.push(longer);
                }
            }
            names.extend(next);
        }
        for name in &names {
            let key = (words(name), name.len());
            assert_eq!(seen.insert(key, name.clone()), None, "{name:?}");
        }
        for len in 6..=16 {
            let base = vec![b'a'; len];
            for at in 0..len {
                let mut other = base.clone();
                other[at] = b'b';
                assert_ne!(words(&other), words(&base), "len {len}, byte {at}");
            }
        }
    }

    #[test]
    fn every_length_hashes_every_byte() {
        for len in 1..40 {
            let base = vec![b'a'; len];
            let h = hash(7, &base);
            for at in 0..len {
                let mut other = base.clone();
                other[at] = b'b';
                assert_ne!(hash(7, &other), h, "len {len}, byte {at}");
            }
        }
    }
}
