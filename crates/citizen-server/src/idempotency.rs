//! What a stored `Idempotency-Key` says about a new request with the same key: the rows the app
//! creates (dossiers, reports) keep the key and a hash of the request that came with it.

use sqlx::AnyConnection;

use crate::error::ServerError;

/// What an earlier request with the same key created.
pub enum Earlier<T> {
    /// The same request was made before: this is what it created.
    Same(Box<T>),
    /// The key came with a different request.
    Different,
}

/// The id of the row of `table` this citizen created under `key`, if the request was the same;
/// `Some(None)` when the key came with a different request.
pub async fn earlier_id(
    conn: &mut AnyConnection,
    table: &'static str,
    citizen_id: &str,
    key: &str,
    request_sha256: &str,
) -> Result<Option<Option<String>>, ServerError> {
    let row: Option<(String, String)> = sqlx::query_as(&format!(
        "SELECT id, request_sha256 FROM {table} WHERE citizen_id = $1 AND idempotency_key = $2"
    ))
    .bind(citizen_id)
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(id, sha)| (sha == request_sha256).then_some(id)))
}
