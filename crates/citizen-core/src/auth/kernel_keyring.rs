//! A `keyring` credential store on the Linux kernel's per-user keyring (keyutils). keyring's own
//! keyutils store links every key into the persistent keyring and fails where that is refused
//! (containers, hardened kernels); the user keyring is enough here: it lives as long as the user
//! has processes (so across app restarts), is readable only by that user, and never touches
//! disk. A reboot empties it, and the resident signs in again.

use std::any::Any;

use keyring::credential::{Credential, CredentialApi, CredentialBuilderApi, CredentialPersistence};
use keyring::{Error, Result};
use linux_keyutils::{KeyError, KeyRing, KeyRingIdentifier};

#[derive(Debug)]
struct UserKeyringCredential {
    description: String,
}

fn decode(e: KeyError) -> Error {
    match e {
        KeyError::KeyDoesNotExist | KeyError::KeyRevoked | KeyError::KeyExpired => Error::NoEntry,
        KeyError::AccessDenied => Error::NoStorageAccess(format!("kernel keyring: {e:?}").into()),
        other => Error::PlatformFailure(format!("kernel keyring: {other:?}").into()),
    }
}

fn user_keyring() -> Result<KeyRing> {
    KeyRing::from_special_id(KeyRingIdentifier::User, true).map_err(decode)
}

impl CredentialApi for UserKeyringCredential {
    fn set_secret(&self, secret: &[u8]) -> Result<()> {
        if secret.is_empty() {
            return Err(Error::Invalid("secret".into(), "cannot be empty".into()));
        }
        // add_key replaces the payload of a key with the same description.
        user_keyring()?
            .add_key(&self.description, secret)
            .map_err(decode)?;
        Ok(())
    }

    fn get_secret(&self) -> Result<Vec<u8>> {
        let key = user_keyring()?.search(&self.description).map_err(decode)?;
        key.read_to_vec().map_err(decode)
    }

    fn delete_credential(&self) -> Result<()> {
        let key = user_keyring()?.search(&self.description).map_err(decode)?;
        key.invalidate().map_err(decode)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[derive(Debug)]
struct UserKeyringBuilder;

impl CredentialBuilderApi for UserKeyringBuilder {
    fn build(&self, _target: Option<&str>, service: &str, user: &str) -> Result<Box<Credential>> {
        Ok(Box::new(UserKeyringCredential {
            description: format!("{service}:{user}"),
        }))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn persistence(&self) -> CredentialPersistence {
        CredentialPersistence::UntilReboot
    }
}

pub fn builder() -> Box<keyring::credential::CredentialBuilder> {
    Box::new(UserKeyringBuilder)
}
