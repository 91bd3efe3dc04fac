//! SQL of the identity broker: citizens, pending sign-ins, codes and token families.

use citizen_protocol::auth::CitizenProfile;
use sqlx::Row;

use super::secrets::{hash, now, random_token};
use super::Lifetimes;
use crate::db::Db;
use crate::error::ServerError;

/// A citizen as the e-ID described them at sign-in.
#[derive(Debug, Clone)]
pub struct EidIdentity {
    pub issuer: String,
    pub subject: String,
    pub personal_id_number: String,
    pub full_name: String,
    pub birth_date: Option<String>,
    pub address: Option<String>,
}

/// Creates the citizen on first sign-in, refreshes what the e-ID says on later ones. Returns the id.
pub async fn upsert_citizen(db: &Db, who: &EidIdentity) -> Result<String, ServerError> {
    let id: String = sqlx::query_scalar(
        "INSERT INTO citizens (id, eid_issuer, eid_subject, personal_id_number, full_name,
             birth_date, address, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
         ON CONFLICT (eid_issuer, eid_subject) DO UPDATE SET
             personal_id_number = excluded.personal_id_number, full_name = excluded.full_name,
             birth_date = excluded.birth_date, address = excluded.address,
             updated_at = excluded.updated_at
         RETURNING id",
    )
    .bind(format!("c_{}", &random_token()[..22]))
    .bind(&who.issuer)
    .bind(&who.subject)
    .bind(&who.personal_id_number)
    .bind(&who.full_name)
    .bind(&who.birth_date)
    .bind(&who.address)
    .bind(now())
    .fetch_one(db)
    .await?;
    Ok(id)
}

pub async fn profile(db: &Db, citizen_id: &str) -> Result<Option<CitizenProfile>, ServerError> {
    let row = sqlx::query(
        "SELECT id, full_name, personal_id_number, birth_date, address FROM citizens WHERE id = $1",
    )
    .bind(citizen_id)
    .fetch_optional(db)
    .await?;
    row.map(|r| {
        Ok(CitizenProfile {
            id: r.try_get("id")?,
            full_name: r.try_get("full_name")?,
            personal_id_number: r.try_get("personal_id_number")?,
            birth_date: r.try_get("birth_date")?,
            address: r.try_get("address")?,
        })
    })
    .transpose()
}

/// An app's validated /authorize request.
#[derive(Debug, Clone)]
pub struct SignInRequest {
    pub id: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub app_state: Option<String>,
    pub code_challenge: String,
    pub scope: String,
    /// Set once the resident has signed in (at the e-ID) and is being offered a passkey.
    pub citizen_id: Option<String>,
}

/// What was sent to the e-ID for one sign-in, to check its answer against.
#[derive(Debug, Clone)]
pub struct Upstream {
    pub state: String,
    pub nonce: String,
    pub verifier: String,
}

pub async fn save_sign_in(db: &Db, r: &SignInRequest, ttl: i64) -> Result<(), ServerError> {
    sqlx::query(
        "INSERT INTO sign_in_requests (id, client_id, redirect_uri, app_state, code_challenge,
             scope, citizen_id, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&r.id)
    .bind(&r.client_id)
    .bind(&r.redirect_uri)
    .bind(&r.app_state)
    .bind(&r.code_challenge)
    .bind(&r.scope)
    .bind(&r.citizen_id)
    .bind(now() + ttl)
    .execute(db)
    .await?;
    // Abandoned sign-ins are swept here rather than by a timer: this is where they accumulate.
    sqlx::query("DELETE FROM sign_in_requests WHERE expires_at < $1")
        .bind(now())
        .execute(db)
        .await?;
    Ok(())
}

fn sign_in_from_row(r: &sqlx::any::AnyRow) -> Result<SignInRequest, sqlx::Error> {
    Ok(SignInRequest {
        id: r.try_get("id")?,
        client_id: r.try_get("client_id")?,
        redirect_uri: r.try_get("redirect_uri")?,
        app_state: r.try_get("app_state")?,
        code_challenge: r.try_get("code_challenge")?,
        scope: r.try_get("scope")?,
        citizen_id: r.try_get("citizen_id")?,
    })
}

pub async fn sign_in(db: &Db, id: &str) -> Result<Option<SignInRequest>, ServerError> {
    let row = sqlx::query("SELECT * FROM sign_in_requests WHERE id = $1 AND expires_at >= $2")
        .bind(id)
        .bind(now())
        .fetch_optional(db)
        .await?;
    Ok(row.as_ref().map(sign_in_from_row).transpose()?)
}

/// Remembers the state of the WebAuthn ceremony started on this sign-in, replacing any earlier one.
pub async fn set_ceremony(db: &Db, id: &str, ceremony: &str) -> Result<(), ServerError> {
    sqlx::query("UPDATE sign_in_requests SET ceremony = $1 WHERE id = $2")
        .bind(ceremony)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Takes the ceremony in progress on a live sign-in, leaving the sign-in itself for a retry.
pub async fn take_ceremony(
    db: &Db,
    id: &str,
) -> Result<Option<(SignInRequest, String)>, ServerError> {
    let row = sqlx::query(
        "SELECT * FROM sign_in_requests WHERE id = $1 AND expires_at >= $2 AND ceremony IS NOT NULL",
    )
    .bind(id)
    .bind(now())
    .fetch_optional(db)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let ceremony: String = r.try_get("ceremony")?;
    // Compare-and-clear: of two answers to one challenge racing here, only one wins.
    let taken =
        sqlx::query("UPDATE sign_in_requests SET ceremony = NULL WHERE id = $1 AND ceremony = $2")
            .bind(id)
            .bind(&ceremony)
            .execute(db)
            .await?;
    if taken.rows_affected() != 1 {
        return Ok(None);
    }
    Ok(Some((sign_in_from_row(&r)?, ceremony)))
}

/// Ends a sign-in (it produced a code): nothing more can be done with it.
pub async fn delete_sign_in(db: &Db, id: &str) -> Result<bool, ServerError> {
    let done = sqlx::query("DELETE FROM sign_in_requests WHERE id = $1")
        .bind(id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_upstream(db: &Db, id: &str, up: &Upstream) -> Result<(), ServerError> {
    sqlx::query(
        "UPDATE sign_in_requests SET upstream_state = $1, upstream_nonce = $2, upstream_verifier = $3
         WHERE id = $4",
    )
    .bind(&up.state)
    .bind(&up.nonce)
    .bind(&up.verifier)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

/// Takes (deletes) the pending sign-in the e-ID's `state` belongs to: each answer is used once.
pub async fn take_by_upstream_state(
    db: &Db,
    state: &str,
) -> Result<Option<(SignInRequest, Upstream)>, ServerError> {
    let row = sqlx::query(
        "DELETE FROM sign_in_requests WHERE upstream_state = $1 AND expires_at >= $2 RETURNING *",
    )
    .bind(state)
    .bind(now())
    .fetch_optional(db)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let up = Upstream {
        state: r.try_get("upstream_state")?,
        nonce: r.try_get("upstream_nonce")?,
        verifier: r.try_get("upstream_verifier")?,
    };
    Ok(Some((sign_in_from_row(&r)?, up)))
}

/// Issues a single-use authorization code for `request`, good for `ttl` seconds.
pub async fn issue_code(
    db: &Db,
    request: &SignInRequest,
    citizen_id: &str,
    ttl: i64,
) -> Result<String, ServerError> {
    let code = random_token();
    sqlx::query(
        "INSERT INTO authorization_codes (code_hash, client_id, redirect_uri, code_challenge, scope,
             citizen_id, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(hash(&code))
    .bind(&request.client_id)
    .bind(&request.redirect_uri)
    .bind(&request.code_challenge)
    .bind(&request.scope)
    .bind(citizen_id)
    .bind(now() + ttl)
    .execute(db)
    .await?;
    Ok(code)
}

/// A code as presented at the token endpoint.
#[derive(Debug)]
pub struct CodeGrant {
    pub client_id: String,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub scope: String,
    pub citizen_id: String,
    pub expired: bool,
    /// Set when the code was already exchanged once: the family it produced.
    pub replayed_family: Option<Option<String>>,
}

/// Marks the code used and returns what it was issued for.
pub async fn redeem_code(db: &Db, code: &str) -> Result<Option<CodeGrant>, ServerError> {
    // A writer's turn: of two redemptions of one code racing here, the second sees it used.
    let mut tx = crate::db::begin_write(db).await?;
    let row = sqlx::query("SELECT * FROM authorization_codes WHERE code_hash = $1")
        .bind(hash(code))
        .fetch_optional(&mut *tx)
        .await?;
    let Some(r) = row else { return Ok(None) };
    let used_at: Option<i64> = r.try_get("used_at")?;
    if used_at.is_none() {
        sqlx::query("UPDATE authorization_codes SET used_at = $1 WHERE code_hash = $2")
            .bind(now())
            .bind(hash(code))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Some(CodeGrant {
        client_id: r.try_get("client_id")?,
        redirect_uri: r.try_get("redirect_uri")?,
        code_challenge: r.try_get("code_challenge")?,
        scope: r.try_get("scope")?,
        citizen_id: r.try_get("citizen_id")?,
        expired: r.try_get::<i64, _>("expires_at")? < now(),
        replayed_family: used_at.map(|_| r.try_get("family_id")).transpose()?,
    }))
}

pub async fn link_code_to_family(db: &Db, code: &str, family_id: &str) -> Result<(), ServerError> {
    sqlx::query("UPDATE authorization_codes SET family_id = $1 WHERE code_hash = $2")
        .bind(family_id)
        .bind(hash(code))
        .execute(db)
        .await?;
    Ok(())
}

/// Fresh tokens, as handed to the client once.
pub struct IssuedTokens {
    pub access_token: String,
    pub refresh_token: String,
    pub access_expires_at: i64,
    pub refresh_expires_at: i64,
}

impl std::fmt::Debug for IssuedTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IssuedTokens { .. }")
    }
}

pub async fn new_family(
    db: &Db,
    citizen_id: &str,
    client_id: &str,
    scope: &str,
) -> Result<String, ServerError> {
    new_limited_family(db, citizen_id, client_id, scope, None, None).await
}

/// A sign-in that ends at `expires_at` whatever its tokens say (a kiosk's, a delegated one), and
/// that `actor_id` performs for the citizen when set (RFC 8693 `act`).
pub async fn new_limited_family(
    db: &Db,
    citizen_id: &str,
    client_id: &str,
    scope: &str,
    expires_at: Option<i64>,
    actor_id: Option<&str>,
) -> Result<String, ServerError> {
    let id = format!("f_{}", &random_token()[..22]);
    sqlx::query(
        "INSERT INTO token_families (id, citizen_id, client_id, scope, created_at, expires_at,
             actor_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(citizen_id)
    .bind(client_id)
    .bind(scope)
    .bind(now())
    .bind(expires_at)
    .bind(actor_id)
    .execute(db)
    .await?;
    Ok(id)
}

pub async fn issue_tokens(
    db: &Db,
    family_id: &str,
    lifetimes: Lifetimes,
) -> Result<IssuedTokens, ServerError> {
    // A writer like every other (a deferred BEGIN that reads first cannot wait its turn to
    // write: SQLite answers "database is locked" at once, which 200 sign-ins together hit).
    let mut tx = crate::db::begin_write(db).await?;
    let tokens = issue_tokens_in(&mut tx, family_id, lifetimes).await?;
    tx.commit().await?;
    Ok(tokens)
}

async fn issue_tokens_in(
    conn: &mut sqlx::AnyConnection,
    family_id: &str,
    lifetimes: Lifetimes,
) -> Result<IssuedTokens, ServerError> {
    let ends: Option<i64> =
        sqlx::query_scalar("SELECT expires_at FROM token_families WHERE id = $1")
            .bind(family_id)
            .fetch_one(&mut *conn)
            .await?;
    let now = now();
    // No token outlives a limited sign-in.
    let until = |ttl: i64| ends.map_or(now + ttl, |end| end.min(now + ttl));
    let tokens = IssuedTokens {
        access_token: random_token(),
        refresh_token: random_token(),
        access_expires_at: until(lifetimes.access),
        refresh_expires_at: until(lifetimes.refresh),
    };
    sqlx::query(
        "INSERT INTO access_tokens (token_hash, family_id, expires_at) VALUES ($1, $2, $3)",
    )
    .bind(hash(&tokens.access_token))
    .bind(family_id)
    .bind(tokens.access_expires_at)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO refresh_tokens (token_hash, family_id, expires_at) VALUES ($1, $2, $3)",
    )
    .bind(hash(&tokens.refresh_token))
    .bind(family_id)
    .bind(tokens.refresh_expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(tokens)
}

/// What presenting a refresh token amounts to.
#[derive(Debug)]
pub enum Refresh {
    /// Valid: spent and exchanged for `tokens` in the same family. `replayed` when it had been
    /// spent already and was honoured again within the reuse grace (its unused successor is
    /// withdrawn).
    Rotated {
        family_id: String,
        scope: String,
        tokens: IssuedTokens,
        replayed: bool,
    },
    /// Already spent, or withdrawn: someone else holds a copy. The family has been revoked.
    Reused { family_id: String },
    /// Unknown, expired, revoked or of another client.
    Invalid,
}

/// Spends a refresh token and issues its successor, all in one transaction.
///
/// A token is spent once. Presented again, it revokes its whole family (someone copied it),
/// except in one case: within `lifetimes.refresh_reuse_grace` seconds of its first spending, while
/// the token it was last exchanged for has never been used. That is what a device sees when it was
/// stopped after the server answered and before it stored the answer; the token is then exchanged
/// again and the unused successor withdrawn, so the family keeps one live refresh token.
/// Presenting a withdrawn token later counts as reuse.
pub async fn spend_refresh_token(
    db: &Db,
    token: &str,
    client_id: &str,
    lifetimes: Lifetimes,
) -> Result<Refresh, ServerError> {
    // IMMEDIATE: two requests with one token take turns, and the second sees what the first did.
    let mut tx = crate::db::begin_write(db).await?;
    let row = sqlx::query(
        "SELECT r.family_id, r.expires_at, r.used_at, r.withdrawn_at, r.replaced_by,
             s.used_at AS successor_used_at, f.revoked_at, f.client_id, f.scope,
             f.expires_at AS family_expires_at
         FROM refresh_tokens r JOIN token_families f ON f.id = r.family_id
         LEFT JOIN refresh_tokens s ON s.token_hash = r.replaced_by
         WHERE r.token_hash = $1",
    )
    .bind(hash(token))
    .fetch_optional(&mut *tx)
    .await?;
    let Some(r) = row else {
        return Ok(Refresh::Invalid);
    };
    let family_id: String = r.try_get("family_id")?;
    if r.try_get::<Option<i64>, _>("revoked_at")?.is_some()
        || r.try_get::<String, _>("client_id")? != client_id
    {
        return Ok(Refresh::Invalid);
    }
    let now = now();
    let spent_at: Option<i64> = r.try_get("used_at")?;
    let withdrawn_at: Option<i64> = r.try_get("withdrawn_at")?;
    let successor: Option<String> = r.try_get("replaced_by")?;
    let successor_used_at: Option<i64> = r.try_get("successor_used_at")?;
    // What a spent token may still do: replace its successor, unused, within the grace.
    let replaces = match (spent_at, successor) {
        (Some(at), Some(successor))
            if successor_used_at.is_none() && now - at < lifetimes.refresh_reuse_grace =>
        {
            Some(successor)
        }
        _ => None,
    };
    if withdrawn_at.is_some() || (spent_at.is_some() && replaces.is_none()) {
        revoke_family_in(&mut tx, &family_id, "refresh-token-reuse").await?;
        tx.commit().await?;
        return Ok(Refresh::Reused { family_id });
    }
    if r.try_get::<i64, _>("expires_at")? < now
        || r.try_get::<Option<i64>, _>("family_expires_at")?
            .is_some_and(|end| end < now)
    {
        return Ok(Refresh::Invalid);
    }
    if let Some(successor) = &replaces {
        sqlx::query("UPDATE refresh_tokens SET withdrawn_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(successor)
            .execute(&mut *tx)
            .await?;
    }
    let tokens = issue_tokens_in(&mut tx, &family_id, lifetimes).await?;
    // The grace counts from the first spending: replays do not extend it.
    sqlx::query(
        "UPDATE refresh_tokens SET used_at = COALESCE(used_at, $1), replaced_by = $2
         WHERE token_hash = $3",
    )
    .bind(now)
    .bind(hash(&tokens.refresh_token))
    .bind(hash(token))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Refresh::Rotated {
        family_id,
        scope: r.try_get("scope")?,
        tokens,
        replayed: replaces.is_some(),
    })
}

async fn revoke_family_in(
    conn: &mut sqlx::AnyConnection,
    family_id: &str,
    reason: &str,
) -> Result<(), ServerError> {
    sqlx::query(
        "UPDATE token_families SET revoked_at = $1, revoked_reason = $2
         WHERE id = $3 AND revoked_at IS NULL",
    )
    .bind(now())
    .bind(reason)
    .bind(family_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn revoke_family(db: &Db, family_id: &str, reason: &str) -> Result<(), ServerError> {
    let mut conn = db.acquire().await?;
    revoke_family_in(&mut conn, family_id, reason).await
}

/// The family a refresh or access token belongs to, whichever it is.
pub async fn family_of_token(db: &Db, token: &str) -> Result<Option<String>, ServerError> {
    Ok(sqlx::query_scalar(
        "SELECT family_id FROM refresh_tokens WHERE token_hash = $1
         UNION ALL SELECT family_id FROM access_tokens WHERE token_hash = $1 LIMIT 1",
    )
    .bind(hash(token))
    .fetch_optional(db)
    .await?)
}

/// Revokes every session of a citizen. Returns how many were live.
pub async fn revoke_all(db: &Db, citizen_id: &str) -> Result<u64, ServerError> {
    Ok(sqlx::query(
        "UPDATE token_families SET revoked_at = $1, revoked_reason = 'sign-out-everywhere'
         WHERE citizen_id = $2 AND revoked_at IS NULL",
    )
    .bind(now())
    .bind(citizen_id)
    .execute(db)
    .await?
    .rows_affected())
}

/// Who a live access token speaks for, and with what rights.
#[derive(Debug, Clone)]
pub struct Bearer {
    pub citizen_id: String,
    pub family_id: String,
    pub client_id: String,
    pub scope: String,
    /// The helper acting for the citizen, in a delegated session.
    pub actor_id: Option<String>,
    pub expires_at: i64,
}

fn bearer_from_row(r: &sqlx::any::AnyRow) -> Result<Bearer, sqlx::Error> {
    Ok(Bearer {
        citizen_id: r.try_get("citizen_id")?,
        family_id: r.try_get("family_id")?,
        client_id: r.try_get("client_id")?,
        scope: r.try_get("scope")?,
        actor_id: r.try_get("actor_id")?,
        expires_at: r.try_get("expires_at")?,
    })
}

const BEARER_SELECT: &str = "SELECT f.citizen_id, f.id AS family_id, f.client_id, f.scope,
        f.actor_id, a.expires_at
    FROM access_tokens a JOIN token_families f ON f.id = a.family_id
    WHERE a.token_hash = $1";

/// The citizen a live access token speaks for: unexpired, its sign-in neither revoked nor over.
pub async fn bearer(db: &Db, token: &str) -> Result<Option<Bearer>, ServerError> {
    let row = sqlx::query(&format!(
        "{BEARER_SELECT} AND a.expires_at >= $2 AND f.revoked_at IS NULL
             AND (f.expires_at IS NULL OR f.expires_at >= $2)"
    ))
    .bind(hash(token))
    .bind(now())
    .fetch_optional(db)
    .await?;
    Ok(row.as_ref().map(bearer_from_row).transpose()?)
}

/// What a token that no longer works was, to audit a helper's token used after its session.
pub async fn spent_bearer(db: &Db, token: &str) -> Result<Option<Bearer>, ServerError> {
    let row = sqlx::query(BEARER_SELECT)
        .bind(hash(token))
        .fetch_optional(db)
        .await?;
    Ok(row.as_ref().map(bearer_from_row).transpose()?)
}
