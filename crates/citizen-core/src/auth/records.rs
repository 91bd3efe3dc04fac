//! What the stores keep about sign-in: the install id and the current session row in the
//! device's store, the profile in the citizen's own store. Never a token.

use citizen_protocol::auth::CitizenProfile;
use sqlx::SqlitePool;

use crate::error::CoreError;

pub struct SessionRow {
    pub citizen_id: String,
    pub server_url: String,
    pub refresh_expires_at: String,
}

/// This install's id, created on first use.
pub async fn install_id(
    device: &SqlitePool,
    fresh: impl FnOnce() -> String,
) -> Result<String, CoreError> {
    if let Some(id) = sqlx::query_scalar("SELECT install_id FROM install WHERE id = 1")
        .fetch_optional(device)
        .await?
    {
        return Ok(id);
    }
    sqlx::query("INSERT OR IGNORE INTO install (id, install_id) VALUES (1, ?)")
        .bind(fresh())
        .execute(device)
        .await?;
    Ok(
        sqlx::query_scalar("SELECT install_id FROM install WHERE id = 1")
            .fetch_one(device)
            .await?,
    )
}

pub async fn session(device: &SqlitePool) -> Result<Option<SessionRow>, CoreError> {
    let row: Option<(String, String, String)> = sqlx::query_as(
        "SELECT citizen_id, server_url, refresh_expires_at FROM session WHERE id = 1",
    )
    .fetch_optional(device)
    .await?;
    Ok(
        row.map(|(citizen_id, server_url, refresh_expires_at)| SessionRow {
            citizen_id,
            server_url,
            refresh_expires_at,
        }),
    )
}

pub async fn save_session(
    device: &SqlitePool,
    row: &SessionRow,
    now: &str,
) -> Result<(), CoreError> {
    sqlx::query(
        "INSERT INTO session (id, citizen_id, server_url, refresh_expires_at, signed_in_at)
         VALUES (1, ?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET
             citizen_id = excluded.citizen_id, server_url = excluded.server_url,
             refresh_expires_at = excluded.refresh_expires_at,
             signed_in_at = CASE WHEN session.citizen_id = excluded.citizen_id
                                 THEN session.signed_in_at ELSE excluded.signed_in_at END",
    )
    .bind(&row.citizen_id)
    .bind(&row.server_url)
    .bind(&row.refresh_expires_at)
    .bind(now)
    .execute(device)
    .await?;
    Ok(())
}

pub async fn clear_session(device: &SqlitePool) -> Result<(), CoreError> {
    sqlx::query("DELETE FROM session").execute(device).await?;
    Ok(())
}

pub async fn profile(citizen: &SqlitePool) -> Result<Option<CitizenProfile>, CoreError> {
    let json: Option<String> = sqlx::query_scalar("SELECT profile_json FROM profile WHERE id = 1")
        .fetch_optional(citizen)
        .await?;
    json.map(|j| serde_json::from_str(&j).map_err(|e| CoreError::StoreFailed(e.to_string())))
        .transpose()
}

pub async fn save_profile(
    citizen: &SqlitePool,
    profile: &CitizenProfile,
    now: &str,
) -> Result<(), CoreError> {
    let json = serde_json::to_string(profile).map_err(|e| CoreError::StoreFailed(e.to_string()))?;
    sqlx::query(
        "INSERT INTO profile (id, citizen_id, profile_json, fetched_at) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET citizen_id = excluded.citizen_id,
             profile_json = excluded.profile_json, fetched_at = excluded.fetched_at",
    )
    .bind(&profile.id)
    .bind(json)
    .bind(now)
    .execute(citizen)
    .await?;
    Ok(())
}
