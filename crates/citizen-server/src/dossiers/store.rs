//! SQL for dossiers. A dossier, its first timeline event and its attachment links are written in
//! one transaction, under the citizen's idempotency key.

use citizen_protocol::catalog::{Localized, Procedure};
use citizen_protocol::dossiers::{Dossier, DossierEvent, DossierStatus};
use citizen_protocol::feed::FeedPage;
use citizen_protocol::forms::{FieldValue, FormValues};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use time::{Date, OffsetDateTime};

use super::workflow;
use crate::citizen_feed;
use crate::clock;
use crate::db::{Db, WriteTransaction};
use crate::error::ServerError;
use crate::identity::secrets;

/// What a stored idempotency key says about a new request with the same key.
pub type Earlier = crate::idempotency::Earlier<Dossier>;

pub async fn earlier(
    db: &Db,
    citizen_id: &str,
    key: &str,
    request_sha256: &str,
) -> Result<Option<Earlier>, ServerError> {
    let mut conn = db.acquire().await?;
    earlier_on(&mut conn, citizen_id, key, request_sha256).await
}

async fn earlier_on(
    conn: &mut AnyConnection,
    citizen_id: &str,
    key: &str,
    request_sha256: &str,
) -> Result<Option<Earlier>, ServerError> {
    let earlier =
        crate::idempotency::earlier_id(conn, "dossiers", citizen_id, key, request_sha256).await?;
    Ok(match earlier {
        None => None,
        Some(None) => Some(Earlier::Different),
        Some(Some(id)) => Some(Earlier::Same(Box::new(read(conn, &id).await?))),
    })
}

/// A dossier to create: the procedure as published now, and the validated answers.
pub struct NewDossier<'a> {
    pub citizen_id: &'a str,
    pub procedure: &'a Procedure,
    pub values: &'a FormValues,
    pub idempotency_key: &'a str,
    pub request_sha256: &'a str,
    /// Who pays the procedure's fee (the e-ID's name), and into which account; with a fee, the
    /// dossier waits for payment under an invoice issued with it.
    pub payer: &'a str,
    pub payee: Option<&'a crate::payments::Payee>,
}

/// Creates the dossier, received now; or, should the same key have won a race, returns that one.
pub async fn create(db: &Db, new: NewDossier<'_>) -> Result<(Dossier, bool), ServerError> {
    // IMMEDIATE: the day's numbering and the key check must see every dossier committed before.
    let mut tx = crate::db::begin_write(db).await?;
    match earlier_on(
        &mut tx,
        new.citizen_id,
        new.idempotency_key,
        new.request_sha256,
    )
    .await?
    {
        Some(Earlier::Same(dossier)) => return Ok((*dossier, false)),
        Some(Earlier::Different) => {
            return Err(ServerError::BadRequest(
                "idempotency key reused with a different request".into(),
            ))
        }
        None => {}
    }
    let now = OffsetDateTime::now_utc();
    let today = citizen_protocol::forms::today_in_vietnam(now);
    let code = next_code(&mut tx, &new.procedure.id, today).await?;
    let id = format!("d_{}", &secrets::random_token()[..22]);
    let submitted_at = clock::rfc3339(now);
    let due = workflow::due_date(today, new.procedure.processing_days).to_string();
    let values =
        serde_json::to_string(new.values).map_err(|e| ServerError::Corrupt(e.to_string()))?;
    let seq = next_seq(&mut tx).await?;
    let fee_payee = match (new.procedure.fee_vnd, new.payee) {
        (0, _) => None,
        (_, Some(payee)) => Some(payee),
        (_, None) => return Err(ServerError::Config("a fee but no payee account".into())),
    };
    let status = match fee_payee {
        Some(_) => DossierStatus::AwaitingPayment,
        None => DossierStatus::Received,
    };
    sqlx::query(
        "INSERT INTO dossiers (id, code, citizen_id, procedure_id, procedure_vi, procedure_en,
             agency_vi, agency_en, form_values, status, submitted_at, due_date, idempotency_key,
             request_sha256, seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(&id)
    .bind(&code)
    .bind(new.citizen_id)
    .bind(&new.procedure.id)
    .bind(&new.procedure.name.vi)
    .bind(&new.procedure.name.en)
    .bind(&new.procedure.agency.vi)
    .bind(&new.procedure.agency.en)
    .bind(&values)
    .bind(status.as_str())
    .bind(&submitted_at)
    .bind(&due)
    .bind(new.idempotency_key)
    .bind(new.request_sha256)
    .bind(seq)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO dossier_events (dossier_id, position, status, at) VALUES ($1, 0, $2, $3)",
    )
    .bind(&id)
    .bind(status.as_str())
    .bind(&submitted_at)
    .execute(&mut *tx)
    .await?;
    if let Some(payee) = fee_payee {
        crate::payments::invoices::issue(
            &mut tx,
            crate::payments::invoices::NewInvoice {
                dossier_id: &id,
                dossier_code: &code,
                citizen_id: new.citizen_id,
                payer: new.payer,
                procedure: new.procedure,
                payee,
            },
        )
        .await?;
    }
    for (field, value) in new.values {
        let FieldValue::Files(files) = value else {
            continue;
        };
        for file in files {
            sqlx::query(
                "INSERT INTO dossier_attachments (dossier_id, field, sha256) VALUES ($1, $2, $3)
                 ON CONFLICT DO NOTHING",
            )
            .bind(&id)
            .bind(field)
            .bind(&file.sha256)
            .execute(&mut *tx)
            .await?;
        }
    }
    let dossier = read(&mut tx, &id).await?;
    tx.commit().await?;
    Ok((dossier, true))
}

pub(crate) async fn next_seq(conn: &mut AnyConnection) -> Result<i64, ServerError> {
    let max: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM dossiers")
        .fetch_one(&mut *conn)
        .await?;
    Ok(max + 1)
}

/// Puts the dossier at the head of its citizen's feed, for a change outside its own row (its
/// invoice).
pub(crate) async fn touch(conn: &mut AnyConnection, id: &str) -> Result<(), ServerError> {
    let seq = next_seq(conn).await?;
    sqlx::query("UPDATE dossiers SET seq = $1 WHERE id = $2")
        .bind(seq)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The next code of the day for this procedure's field.
async fn next_code(
    tx: &mut WriteTransaction,
    procedure_id: &str,
    day: Date,
) -> Result<String, ServerError> {
    let prefix = workflow::code_prefix(procedure_id, day);
    let taken = crate::db::next_number(tx, &prefix, "dossiers").await?;
    Ok(workflow::dossier_code(
        procedure_id,
        day,
        u32::try_from(taken).unwrap_or(u32::MAX),
    ))
}

/// The citizen's dossiers, newest first.
pub async fn of_citizen(db: &Db, citizen_id: &str) -> Result<Vec<Dossier>, ServerError> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM dossiers WHERE citizen_id = $1 ORDER BY submitted_at DESC, code DESC",
    )
    .bind(citizen_id)
    .fetch_all(db)
    .await?;
    read_all(db, ids).await
}

/// An agency's dossiers, oldest due first, optionally of one status.
pub async fn of_agency(
    db: &Db,
    agency_vi: &str,
    status: Option<DossierStatus>,
) -> Result<Vec<Dossier>, ServerError> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM dossiers WHERE agency_vi = $1 AND ($2 IS NULL OR status = $2)
         ORDER BY due_date, code",
    )
    .bind(agency_vi)
    .bind(status.map(DossierStatus::as_str))
    .fetch_all(db)
    .await?;
    read_all(db, ids).await
}

/// The citizen's dossiers changed after `after` (exclusive), oldest change first. Dossiers are
/// never deleted, so the feed has upserts only.
pub async fn feed_page(
    db: &Db,
    citizen_id: &str,
    after: i64,
    limit: u32,
) -> Result<FeedPage<Dossier>, ServerError> {
    let (ids, cursor, has_more) =
        citizen_feed::changed_ids(db, "dossiers", citizen_id, after, limit).await?;
    Ok(citizen_feed::upserts(
        read_all(db, ids).await?,
        cursor,
        has_more,
    ))
}

async fn read_all(db: &Db, ids: Vec<String>) -> Result<Vec<Dossier>, ServerError> {
    let mut conn = db.acquire().await?;
    let mut dossiers = Vec::with_capacity(ids.len());
    for id in ids {
        dossiers.push(read(&mut conn, &id).await?);
    }
    Ok(dossiers)
}

/// Why an officer's change was not made.
#[derive(Debug, PartialEq, Eq)]
pub enum StaffRefusal {
    /// No dossier by that code at the officer's agency.
    NotFound,
    /// The workflow does not go from the current status to the asked one.
    NotAllowed(DossierStatus),
    MessageNeeded,
}

/// Moves the agency's dossier `code` on, recording who did it and their message.
pub async fn move_on(
    db: &Db,
    officer: &Officer,
    code: &str,
    to: DossierStatus,
    message: Option<&str>,
) -> Result<Result<Dossier, StaffRefusal>, ServerError> {
    let message = message.map(str::trim).filter(|m| !m.is_empty());
    if to.needs_message() && message.is_none() {
        return Ok(Err(StaffRefusal::MessageNeeded));
    }
    let mut tx = crate::db::begin_write(db).await?;
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT id, status FROM dossiers WHERE code = $1 AND agency_vi = $2")
            .bind(code)
            .bind(&officer.agency_vi)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((id, status)) = row else {
        return Ok(Err(StaffRefusal::NotFound));
    };
    let from = DossierStatus::parse(&status)
        .ok_or_else(|| ServerError::Corrupt(format!("dossier {id}: bad status")))?;
    if !from.can_move_to(to) {
        return Ok(Err(StaffRefusal::NotAllowed(from)));
    }
    let seq = next_seq(&mut tx).await?;
    sqlx::query("UPDATE dossiers SET status = $1, seq = $2 WHERE id = $3")
        .bind(to.as_str())
        .bind(seq)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO dossier_events (dossier_id, position, status, at, message, officer_id)
         SELECT $1, COALESCE(MAX(position), -1) + 1, $2, $3, $4, $5
         FROM dossier_events WHERE dossier_id = $1",
    )
    .bind(&id)
    .bind(to.as_str())
    .bind(clock::now_rfc3339())
    .bind(message)
    .bind(&officer.id)
    .execute(&mut *tx)
    .await?;
    let dossier = read(&mut tx, &id).await?;
    tx.commit().await?;
    Ok(Ok(dossier))
}

/// Attaches the result document (already in the attachment store) to the agency's dossier.
pub async fn set_result(
    db: &Db,
    officer: &Officer,
    code: &str,
    sha256: &str,
) -> Result<Result<Dossier, StaffRefusal>, ServerError> {
    let mut tx = crate::db::begin_write(db).await?;
    let id: Option<String> =
        sqlx::query_scalar("SELECT id FROM dossiers WHERE code = $1 AND agency_vi = $2")
            .bind(code)
            .bind(&officer.agency_vi)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(id) = id else {
        return Ok(Err(StaffRefusal::NotFound));
    };
    let seq = next_seq(&mut tx).await?;
    sqlx::query("UPDATE dossiers SET result_sha256 = $1, seq = $2 WHERE id = $3")
        .bind(sha256)
        .bind(seq)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    let dossier = read(&mut tx, &id).await?;
    tx.commit().await?;
    Ok(Ok(dossier))
}

/// An officer, as their token identifies them.
#[derive(Debug, Clone)]
pub struct Officer {
    pub id: String,
    pub name: String,
    pub agency_vi: String,
}

/// Creates an officer of `agency_vi`; returns the officer and their token, shown only now.
pub async fn add_officer(
    db: &Db,
    name: &str,
    agency_vi: &str,
) -> Result<(Officer, String), ServerError> {
    let token = secrets::random_token();
    let officer = Officer {
        id: format!("o_{}", &secrets::random_token()[..22]),
        name: name.to_owned(),
        agency_vi: agency_vi.to_owned(),
    };
    sqlx::query(
        "INSERT INTO officers (id, name, agency_vi, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&officer.id)
    .bind(&officer.name)
    .bind(&officer.agency_vi)
    .bind(secrets::hash(&token))
    .bind(clock::now_rfc3339())
    .execute(db)
    .await?;
    Ok((officer, token))
}

pub async fn officer_for_token(db: &Db, token: &str) -> Result<Option<Officer>, ServerError> {
    let row: Option<(String, String, String)> =
        sqlx::query_as("SELECT id, name, agency_vi FROM officers WHERE token_hash = $1")
            .bind(secrets::hash(token))
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(id, name, agency_vi)| Officer {
        id,
        name,
        agency_vi,
    }))
}

pub(crate) async fn read(conn: &mut AnyConnection, id: &str) -> Result<Dossier, ServerError> {
    let row = sqlx::query(
        "SELECT id, code, procedure_id, procedure_vi, procedure_en, agency_vi, agency_en,
             form_values, status, submitted_at, due_date, result_sha256
         FROM dossiers WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    let events = sqlx::query(
        "SELECT status, at, message, by_resident, attachments FROM dossier_events
         WHERE dossier_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let mut dossier = dossier_from_rows(&row, &events)?;
    dossier.invoice = crate::payments::invoices::current(conn, id).await?;
    Ok(dossier)
}

fn dossier_from_rows(row: &AnyRow, events: &[AnyRow]) -> Result<Dossier, ServerError> {
    let id: String = row.try_get("id")?;
    let corrupt = |what: &str| ServerError::Corrupt(format!("dossier {id}: bad {what}"));
    let status = |text: String| DossierStatus::parse(&text).ok_or_else(|| corrupt("status"));
    let timeline = events
        .iter()
        .map(|event| {
            let files: Option<String> = event.try_get("attachments")?;
            Ok(DossierEvent {
                status: status(event.try_get("status")?)?,
                at: event.try_get("at")?,
                message: event.try_get("message")?,
                by_resident: event.try_get::<i64, _>("by_resident")? != 0,
                attachments: match files {
                    Some(files) => serde_json::from_str(&files).map_err(|_| corrupt("answer"))?,
                    None => Vec::new(),
                },
            })
        })
        .collect::<Result<Vec<_>, ServerError>>()?;
    let values: String = row.try_get("form_values")?;
    Ok(Dossier {
        code: row.try_get("code")?,
        procedure_id: row.try_get("procedure_id")?,
        procedure_name: Localized::new(
            row.try_get::<String, _>("procedure_vi")?,
            row.try_get::<String, _>("procedure_en")?,
        ),
        agency: Localized::new(
            row.try_get::<String, _>("agency_vi")?,
            row.try_get::<String, _>("agency_en")?,
        ),
        status: status(row.try_get("status")?)?,
        submitted_at: row.try_get("submitted_at")?,
        due_date: row.try_get("due_date")?,
        values: serde_json::from_str(&values).map_err(|_| corrupt("values"))?,
        timeline,
        result_sha256: row.try_get("result_sha256")?,
        invoice: None,
        id,
    })
}
