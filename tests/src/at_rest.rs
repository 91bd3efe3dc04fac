//! Looking inside a core's data directory from outside, as a test must now that a citizen's store
//! and files are encrypted: the install id from the device's (plain) store, the citizen's store
//! key from the same kernel keyring the core uses, and with it their store and files.

use std::path::{Path, PathBuf};

use citizen_core::at_rest::StoreKey;
use citizen_core::auth::vault::Vault;
use citizen_core::store::STORE_FILE;
use citizen_core::KeyringChoice;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::SqlitePool;

/// The install id of the core whose data directory is `data_dir` (it names the keyring entries).
pub async fn install_id(data_dir: &Path) -> String {
    let db =
        SqlitePool::connect_with(SqliteConnectOptions::new().filename(data_dir.join(STORE_FILE)))
            .await
            .expect("the device's store opens without a key");
    let install = sqlx::query_scalar("SELECT install_id FROM install")
        .fetch_one(&db)
        .await
        .expect("an install id");
    db.close().await;
    install
}

/// The keyring entries of the core in `data_dir` (the kernel keyring, as `open_core` uses).
pub async fn vault_of(data_dir: &Path) -> Vault {
    Vault::open(KeyringChoice::Kernel, &install_id(data_dir).await).expect("the kernel keyring")
}

pub fn citizen_dir(data_dir: &Path, citizen_id: &str) -> PathBuf {
    data_dir.join("citizens").join(citizen_id)
}

/// The key the keyring keeps for a citizen's store, if any.
pub async fn store_key(data_dir: &Path, citizen_id: &str) -> Option<StoreKey> {
    vault_of(data_dir)
        .await
        .store_key(citizen_id)
        .expect("the keyring answers")
}

/// A citizen's encrypted store, opened with its key from the keyring.
pub async fn citizen_store(data_dir: &Path, citizen_id: &str) -> SqlitePool {
    let key = store_key(data_dir, citizen_id)
        .await
        .expect("the keyring holds the store's key");
    let options = SqliteConnectOptions::new()
        .filename(citizen_dir(data_dir, citizen_id).join(STORE_FILE))
        // ATTACH (a test making a plaintext copy) opens with these flags.
        .create_if_missing(true)
        .pragma("key", key.sqlcipher_pragma().to_string());
    SqlitePool::connect_with(options)
        .await
        .expect("the store opens with its key")
}

/// The plaintext of a citizen's attachment file.
pub async fn citizen_file(data_dir: &Path, citizen_id: &str, sha256: &str) -> Vec<u8> {
    let key = store_key(data_dir, citizen_id)
        .await
        .expect("the keyring holds the store's key");
    let sealed = std::fs::read(
        citizen_dir(data_dir, citizen_id)
            .join("attachments")
            .join(sha256),
    )
    .expect("the attachment file");
    key.files()
        .open(sha256, &sealed)
        .expect("the file opens with the store's key")
}
