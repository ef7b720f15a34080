//! FNV-1a (64 bits) of bytes, as 16 hex digits: a pack's version for drafts, and the checksum of a
//! compiled pack's body. Not a security hash: it finds change and damage, not forgery.
//!
//! Owns: the fingerprint of bytes. Must not know: what the bytes are.

/// The FNV-1a (64 bits) fingerprint of `bytes`, as 16 hex digits. Any one byte changed changes it.
pub(crate) fn fingerprint(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}
