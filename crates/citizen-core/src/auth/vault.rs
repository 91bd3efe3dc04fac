//! Where the refresh token lives: the operating system's keyring and nowhere else (not the local
//! store, not a file, not a log). On Linux that is the Secret Service when the desktop runs one,
//! else the kernel's per-user keyring (`kernel_keyring`); macOS/iOS Keychain and the Windows Credential Manager
//! elsewhere. Access tokens are never stored: they live in memory and are refreshed. Beside each
//! refresh token lives the key of that citizen's encrypted store (`at_rest`).

use keyring::credential::CredentialBuilder;
use keyring::Entry;

use crate::at_rest::StoreKey;
use crate::error::CoreError;

const SERVICE: &str = "vn.congdanso.app";

/// Which keyring to use. `Auto` prefers the Secret Service and falls back to the kernel keyring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeyringChoice {
    #[default]
    Auto,
    SecretService,
    Kernel,
}

impl KeyringChoice {
    pub fn parse(s: &str) -> Option<KeyringChoice> {
        match s {
            "auto" => Some(KeyringChoice::Auto),
            "secret-service" => Some(KeyringChoice::SecretService),
            "kernel" => Some(KeyringChoice::Kernel),
            _ => None,
        }
    }
}

pub struct Vault {
    builder: Box<CredentialBuilder>,
    /// Which store answered, for the log.
    pub backend: &'static str,
    /// Entries are per install (a data directory), so two app instances on one account, or a
    /// kiosk's successive sessions, never read each other's tokens.
    install_id: String,
}

impl Vault {
    pub fn open(choice: KeyringChoice, install_id: &str) -> Result<Vault, CoreError> {
        let (builder, backend) = pick(choice)?;
        Ok(Vault {
            builder,
            backend,
            install_id: install_id.to_owned(),
        })
    }

    fn entry(&self, citizen_id: &str) -> Result<Entry, CoreError> {
        self.entry_for(&format!("{citizen_id}@{}", self.install_id))
    }

    /// A citizen's store key sits beside their token: `<citizen id>:store@<install>`. A citizen
    /// id never holds a `:`, so no key entry is ever some citizen's token entry.
    fn store_key_entry(&self, citizen_id: &str) -> Result<Entry, CoreError> {
        self.entry_for(&format!("{citizen_id}:store@{}", self.install_id))
    }

    fn entry_for(&self, user: &str) -> Result<Entry, CoreError> {
        let credential = self
            .builder
            .build(None, SERVICE, user)
            .map_err(keyring_error)?;
        Ok(Entry::new_with_credential(credential))
    }

    pub fn put(&self, citizen_id: &str, refresh_token: &str) -> Result<(), CoreError> {
        self.entry(citizen_id)?
            .set_password(refresh_token)
            .map_err(keyring_error)
    }

    /// The refresh token, or None when the keyring has none (signed out, or the kernel keyring
    /// was cleared by a reboot).
    pub fn get(&self, citizen_id: &str) -> Result<Option<String>, CoreError> {
        match self.entry(citizen_id)?.get_password() {
            Ok(token) => Ok(Some(token)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keyring_error(e)),
        }
    }

    pub fn delete(&self, citizen_id: &str) -> Result<(), CoreError> {
        match self.entry(citizen_id)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keyring_error(e)),
        }
    }
}

impl Vault {
    /// The key of a citizen's store, or None when the keyring has none.
    pub fn store_key(&self, citizen_id: &str) -> Result<Option<StoreKey>, CoreError> {
        match self.store_key_entry(citizen_id)?.get_password() {
            Ok(secret) => Ok(Some(StoreKey::from_secret(&secret)?)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keyring_error(e)),
        }
    }

    pub fn put_store_key(&self, citizen_id: &str, key: &StoreKey) -> Result<(), CoreError> {
        self.store_key_entry(citizen_id)?
            .set_password(&key.to_secret())
            .map_err(keyring_error)
    }

    /// Forgets a citizen's store key: from then on their store and files are noise.
    pub fn delete_store_key(&self, citizen_id: &str) -> Result<(), CoreError> {
        match self.store_key_entry(citizen_id)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keyring_error(e)),
        }
    }
}

fn keyring_error(e: keyring::Error) -> CoreError {
    CoreError::Keyring(e.to_string())
}

/// A store that answers a lookup (even with "no entry") is usable.
fn answers(builder: &CredentialBuilder) -> bool {
    match builder.build(None, SERVICE, "probe") {
        Ok(credential) => matches!(
            Entry::new_with_credential(credential).get_password(),
            Ok(_) | Err(keyring::Error::NoEntry)
        ),
        Err(_) => false,
    }
}

#[cfg(target_os = "linux")]
fn pick(choice: KeyringChoice) -> Result<(Box<CredentialBuilder>, &'static str), CoreError> {
    let secret_service = || keyring::secret_service::default_credential_builder();
    let kernel = super::kernel_keyring::builder;
    match choice {
        KeyringChoice::SecretService => Ok((secret_service(), "secret-service")),
        KeyringChoice::Kernel => Ok((kernel(), "kernel")),
        KeyringChoice::Auto => {
            let ss = secret_service();
            if answers(ss.as_ref()) {
                return Ok((ss, "secret-service"));
            }
            let k = kernel();
            if answers(k.as_ref()) {
                return Ok((k, "kernel"));
            }
            Err(CoreError::Keyring(
                "neither the Secret Service nor the kernel keyring answers".into(),
            ))
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn pick(_choice: KeyringChoice) -> Result<(Box<CredentialBuilder>, &'static str), CoreError> {
    let builder = keyring::default::default_credential_builder();
    if !answers(builder.as_ref()) {
        return Err(CoreError::Keyring(
            "the platform keyring does not answer".into(),
        ));
    }
    Ok((builder, "platform"))
}
