//! A citizen's data is encrypted at rest. Each citizen's store on the device has its own 32-byte
//! random key, kept in the OS keyring beside their refresh token (`vault::Vault::store_key`) and
//! nowhere else: the store file is SQLCipher (the raw key, so opening costs no key derivation),
//! and the attachment files beside it are AES-256-GCM under a key derived from the same secret
//! (HKDF-SHA256, its own label). Ending a session deletes the key before the files
//! (crypto-shredding): whatever a failed removal, a journal or the disk's spare blocks keep is
//! unreadable from then on.
//!
//! The device's own store (public catalogue, public reports, who is signed in: nothing
//! personal) is not encrypted, so the catalogue survives a keyring that forgets (the kernel
//! keyring empties at every reboot) and works on a device without one.
//!
//! Attachments stay content-addressed by the SHA-256 of their plaintext: the outbox uploads, and
//! the server stores, exactly the bytes it did before encryption.

use std::path::{Path, PathBuf};

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use hkdf::Hkdf;
use rand::RngCore;
use sha2::Sha256;
use zeroize::Zeroizing;

/// The first bytes of every sealed file, and part of what its tag authenticates. Not a secret: it
/// tells a sealed file from one a previous version left in plaintext.
const MAGIC: &[u8; 8] = b"CDSSEAL1";
const NONCE_LEN: usize = 12;
/// HKDF's label for the attachments' key: never the same key as the SQLCipher store's.
const FILES_LABEL: &[u8] = b"vn.congdanso citizen attachments v1";

#[derive(Debug, thiserror::Error)]
pub enum AtRestError {
    /// The keyring has no key for a store that is encrypted: nobody can read it any more.
    #[error("the keyring holds no key for this encrypted store")]
    KeyLost,
    #[error("the keyring's store key is malformed")]
    BadKey,
    #[error("attachment {0} does not open with this store's key")]
    FileUnreadable(String),
    #[error("the plaintext store could not be encrypted: {0}")]
    Migration(String),
}

/// The secret of one citizen's store.
pub struct StoreKey(Zeroizing<[u8; 32]>);

impl StoreKey {
    pub fn generate() -> StoreKey {
        let mut key = Zeroizing::new([0u8; 32]);
        rand::rng().fill_bytes(key.as_mut());
        StoreKey(key)
    }

    /// As the keyring keeps it: hex text, which every keyring backend stores as it is.
    pub(crate) fn to_secret(&self) -> Zeroizing<String> {
        Zeroizing::new(hex(self.0.as_ref()))
    }

    pub(crate) fn from_secret(secret: &str) -> Result<StoreKey, AtRestError> {
        let secret = secret.trim();
        if secret.len() != 64 || !secret.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(AtRestError::BadKey);
        }
        let mut key = Zeroizing::new([0u8; 32]);
        for (i, byte) in key.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&secret[2 * i..2 * i + 2], 16)
                .map_err(|_| AtRestError::BadKey)?;
        }
        Ok(StoreKey(key))
    }

    /// The value of SQLCipher's `PRAGMA key` for this raw key: `"x'<64 hex>'"`. SQLCipher takes a
    /// key of exactly that shape as the key itself and skips PBKDF2; the double quotes make it
    /// one SQL token.
    pub fn sqlcipher_pragma(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("\"x'{}'\"", hex(self.0.as_ref())))
    }

    /// The same key as `ATTACH … KEY ?` takes it, bound as text.
    pub(crate) fn sqlcipher_text(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex(self.0.as_ref())))
    }

    /// What seals this citizen's attachment files.
    pub fn files(&self) -> FileSealer {
        let mut okm = Zeroizing::new([0u8; 32]);
        Hkdf::<Sha256>::new(None, self.0.as_ref())
            .expand(FILES_LABEL, okm.as_mut())
            .expect("32 bytes is a valid HKDF-SHA256 length");
        FileSealer {
            cipher: Aes256Gcm::new_from_slice(okm.as_ref()).expect("a 32-byte key"),
        }
    }
}

/// Seals and opens one citizen's attachment files: `MAGIC ‖ nonce ‖ AES-256-GCM(plaintext)`,
/// the file's name (its plaintext's SHA-256) bound in as associated data, so a file moved to
/// another name does not open.
#[derive(Clone)]
pub struct FileSealer {
    cipher: Aes256Gcm,
}

impl FileSealer {
    pub fn seal(&self, name: &str, plaintext: &[u8]) -> Vec<u8> {
        // A random 96-bit nonce per file: a citizen's few hundred files are far from the 2^32
        // messages after which random GCM nonces may collide.
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let aad = aad(name);
        let sealed = self
            .cipher
            .encrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: plaintext,
                    aad: &aad,
                },
            )
            .expect("AES-GCM seals anything under 64 GB");
        let mut out = Vec::with_capacity(MAGIC.len() + NONCE_LEN + sealed.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    pub fn open(&self, name: &str, sealed: &[u8]) -> Result<Vec<u8>, AtRestError> {
        let unreadable = || AtRestError::FileUnreadable(name.to_owned());
        let rest = sealed
            .strip_prefix(MAGIC.as_slice())
            .ok_or_else(unreadable)?;
        if rest.len() < NONCE_LEN {
            return Err(unreadable());
        }
        let (nonce, body) = rest.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| unreadable())?;
        self.cipher
            .decrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: body,
                    aad: &aad(name),
                },
            )
            .map_err(|_| unreadable())
    }
}

fn aad(name: &str) -> Vec<u8> {
    [MAGIC.as_slice(), name.as_bytes()].concat()
}

/// Whether these bytes are a sealed file (else a previous version's plaintext).
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// A citizen's attachment files: a directory of sealed files named by their plaintext's hash.
#[derive(Clone)]
pub struct Files {
    dir: PathBuf,
    sealer: FileSealer,
}

impl Files {
    pub fn new(dir: PathBuf, sealer: FileSealer) -> Files {
        Files { dir, sealer }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub async fn exists(&self, sha256: &str) -> bool {
        tokio::fs::try_exists(self.dir.join(sha256))
            .await
            .unwrap_or(false)
    }

    /// Writes `plaintext` sealed, whole or not at all: a crash mid-write leaves only the
    /// temporary file, and that holds ciphertext too.
    pub async fn write(&self, sha256: &str, plaintext: &[u8]) -> std::io::Result<()> {
        tokio::fs::create_dir_all(&self.dir).await?;
        let sealed = self.sealer.seal(sha256, plaintext);
        let temporary = self.dir.join(format!(".{sha256}.part"));
        tokio::fs::write(&temporary, sealed).await?;
        tokio::fs::rename(&temporary, self.dir.join(sha256)).await
    }

    /// The plaintext of a file. One a previous version left unsealed (and `seal_plaintext` has
    /// not reached yet) is read as it is.
    pub async fn read(&self, sha256: &str) -> Result<Vec<u8>, crate::error::CoreError> {
        let bytes = tokio::fs::read(self.dir.join(sha256)).await.map_err(|e| {
            crate::error::CoreError::StoreFailed(format!("attachment {sha256}: {e}"))
        })?;
        if !is_sealed(&bytes) {
            return Ok(bytes);
        }
        Ok(self.sealer.open(sha256, &bytes)?)
    }

    /// Seals, in place, every file a previous version left in plaintext, and removes the
    /// unfinished plaintext writes (`.part`) it may have left. Returns how many were sealed.
    pub fn seal_plaintext(&self) -> std::io::Result<usize> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e),
        };
        let mut sealed = 0;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if name.starts_with('.') && name.ends_with(".part") {
                let bytes = std::fs::read(&path)?;
                if !is_sealed(&bytes) {
                    std::fs::remove_file(&path)?;
                }
                continue;
            }
            let bytes = std::fs::read(&path)?;
            if is_sealed(&bytes) {
                continue;
            }
            let temporary = self.dir.join(format!(".{name}.part"));
            std::fs::write(&temporary, self.sealer.seal(&name, &bytes))?;
            std::fs::rename(&temporary, &path)?;
            sealed += 1;
        }
        Ok(sealed)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_file_opens_only_under_its_own_name_and_key() {
        let key = StoreKey::generate();
        let files = key.files();
        let sealed = files.seal("abc", b"a photo of a birth certificate");
        assert!(is_sealed(&sealed));
        assert!(!sealed.windows(5).any(|w| w == b"photo".as_slice()));
        assert_eq!(
            files.open("abc", &sealed).unwrap(),
            b"a photo of a birth certificate"
        );
        assert!(files.open("abd", &sealed).is_err(), "renamed");
        assert!(
            StoreKey::generate().files().open("abc", &sealed).is_err(),
            "another key"
        );
        let mut flipped = sealed.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert!(files.open("abc", &flipped).is_err(), "tampered");
    }

    #[test]
    fn the_keyring_form_of_a_key_gives_the_same_key_back() {
        let key = StoreKey::generate();
        let again = StoreKey::from_secret(&key.to_secret()).unwrap();
        assert_eq!(*key.sqlcipher_pragma(), *again.sqlcipher_pragma());
        assert!(matches!(
            StoreKey::from_secret("not hex"),
            Err(AtRestError::BadKey)
        ));
        let pragma = key.sqlcipher_pragma();
        assert!(pragma.starts_with("\"x'") && pragma.ends_with("'\"") && pragma.len() == 64 + 5);
    }
}
