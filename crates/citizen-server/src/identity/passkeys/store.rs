//! SQL of passkeys: the citizen's WebAuthn user handle and their registered credentials.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sqlx::Row;
use webauthn_rs::prelude::{Passkey, Uuid};

use crate::db::Db;
use crate::error::ServerError;
use crate::identity::secrets::now;

fn credential_key(credential_id: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(credential_id)
}

fn parse(json: &str) -> Result<Passkey, ServerError> {
    serde_json::from_str(json).map_err(|e| ServerError::Corrupt(format!("stored passkey: {e}")))
}

/// The citizen's user handle, made on first use. Random, so it says nothing about who they are.
pub async fn user_handle(db: &Db, citizen_id: &str) -> Result<Uuid, ServerError> {
    let handle: Option<String> = sqlx::query_scalar(
        "UPDATE citizens SET webauthn_user_id = COALESCE(webauthn_user_id, $1) WHERE id = $2
         RETURNING webauthn_user_id",
    )
    .bind(Uuid::new_v4().to_string())
    .bind(citizen_id)
    .fetch_optional(db)
    .await?;
    let handle =
        handle.ok_or_else(|| ServerError::Corrupt("sign-in for a missing citizen".into()))?;
    Uuid::parse_str(&handle).map_err(|e| ServerError::Corrupt(format!("user handle: {e}")))
}

pub async fn of_citizen(db: &Db, citizen_id: &str) -> Result<Vec<Passkey>, ServerError> {
    let rows: Vec<String> =
        sqlx::query_scalar("SELECT passkey FROM passkeys WHERE citizen_id = $1")
            .bind(citizen_id)
            .fetch_all(db)
            .await?;
    rows.iter().map(|json| parse(json)).collect()
}

/// Registers a new passkey. False when the credential is already registered (to anyone): an
/// authenticator never reuses an id, so that is a replayed or forged registration.
pub async fn add(db: &Db, citizen_id: &str, passkey: &Passkey) -> Result<bool, ServerError> {
    let json = serde_json::to_string(passkey)
        .map_err(|e| ServerError::Corrupt(format!("passkey to JSON: {e}")))?;
    let added = sqlx::query(
        "INSERT INTO passkeys (credential_id, citizen_id, passkey, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (credential_id) DO NOTHING",
    )
    .bind(credential_key(passkey.cred_id()))
    .bind(citizen_id)
    .bind(json)
    .bind(now())
    .execute(db)
    .await?;
    Ok(added.rows_affected() == 1)
}

/// The passkey an authenticator presented, if it belongs to the citizen its user handle names.
pub async fn find(
    db: &Db,
    user_handle: Uuid,
    credential_id: &[u8],
) -> Result<Option<(String, Passkey)>, ServerError> {
    let row = sqlx::query(
        "SELECT p.citizen_id, p.passkey FROM passkeys p JOIN citizens c ON c.id = p.citizen_id
         WHERE p.credential_id = $1 AND c.webauthn_user_id = $2",
    )
    .bind(credential_key(credential_id))
    .bind(user_handle.to_string())
    .fetch_optional(db)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let json: String = r.try_get("passkey")?;
    Ok(Some((r.try_get("citizen_id")?, parse(&json)?)))
}

/// After a sign-in: the new counter and backup state, and when it was last used.
pub async fn used(db: &Db, passkey: &Passkey) -> Result<(), ServerError> {
    let json = serde_json::to_string(passkey)
        .map_err(|e| ServerError::Corrupt(format!("passkey to JSON: {e}")))?;
    sqlx::query("UPDATE passkeys SET passkey = $1, last_used_at = $2 WHERE credential_id = $3")
        .bind(json)
        .bind(now())
        .bind(credential_key(passkey.cred_id()))
        .execute(db)
        .await?;
    Ok(())
}
