//! `citizen-server officer …` and `citizen-server staff …`: enough to run a dossier's or a report's whole
//! workflow from a terminal. `staff` talks to a running server's staff API like any officer's
//! client would, so the API's role checks apply to it too.

use std::path::Path;

use citizen_protocol::dossiers::{Dossier, DossierStatus, MoveDossier, STAFF_DOSSIERS_PATH};
use citizen_protocol::error::ErrorBody;
use citizen_protocol::payments::{HeldPayment, STAFF_HELD_PAYMENTS_PATH};
use citizen_protocol::reports::{
    MoveReport, Report, ReportStatus, STAFF_REPORTS_PATH, STAFF_REPORT_PHOTOS_PATH,
};

use crate::config::{OfficerCommand, ReportsCommand, StaffCommand};
use crate::db::Db;
use crate::dossiers::store;
use crate::error::ServerError;

pub async fn officer(db: &Db, command: OfficerCommand) -> Result<(), ServerError> {
    match command {
        OfficerCommand::Add { name, agency } => {
            let (officer, token) = store::add_officer(db, &name, &agency).await?;
            tracing::info!(officer = %officer.id, agency = %officer.agency_vi, "officer added");
            println!("{token}");
            Ok(())
        }
    }
}

pub async fn staff(server: &str, token: &str, command: StaffCommand) -> Result<(), ServerError> {
    let http = reqwest::Client::new();
    let server = server.trim_end_matches('/');
    let base = format!("{server}{STAFF_DOSSIERS_PATH}");
    let request = match command {
        StaffCommand::Reports(command) => return reports(&http, server, token, command).await,
        StaffCommand::HeldPayments => {
            let request = http.get(format!("{server}{STAFF_HELD_PAYMENTS_PATH}"));
            let held: Vec<HeldPayment> = serde_json::from_slice(&send(request, token).await?)
                .map_err(|e| ServerError::BadRequest(format!("unexpected answer: {e}")))?;
            for p in held {
                println!(
                    "{}\t{}\t{}\t{} {}\t{} of {} đồng\t{}",
                    p.received_at,
                    p.dossier_code,
                    p.reason,
                    p.method.as_str(),
                    p.transaction_no,
                    p.amount_vnd,
                    p.invoice_amount_vnd,
                    p.invoice_reference
                );
            }
            return Ok(());
        }
        StaffCommand::List { status } => {
            let mut request = http.get(&base);
            if let Some(status) = status {
                request = request.query(&[("status", status)]);
            }
            request
        }
        StaffCommand::Move { code, to, message } => {
            let to = DossierStatus::parse(&to)
                .ok_or_else(|| ServerError::BadRequest(format!("unknown status {to:?}")))?;
            http.post(format!("{base}/{code}/moves"))
                .json(&MoveDossier { to, message })
        }
        StaffCommand::Result { code, file } => http
            .put(format!("{base}/{code}/result"))
            .body(read(&file).await?),
    };
    for dossier in one_or_many::<Dossier>(send(request, token).await?)? {
        println!("{}", line(&dossier));
    }
    Ok(())
}

async fn reports(
    http: &reqwest::Client,
    server: &str,
    token: &str,
    command: ReportsCommand,
) -> Result<(), ServerError> {
    let base = format!("{server}{STAFF_REPORTS_PATH}");
    let request = match command {
        ReportsCommand::List { status } => {
            let mut request = http.get(&base);
            if let Some(status) = status {
                request = request.query(&[("status", status)]);
            }
            request
        }
        ReportsCommand::Move {
            code,
            to,
            message,
            photo,
        } => {
            let to = ReportStatus::parse(&to)
                .ok_or_else(|| ServerError::BadRequest(format!("unknown status {to:?}")))?;
            let photo_sha256 = match photo {
                None => None,
                Some(file) => {
                    let upload = http
                        .put(format!("{server}{STAFF_REPORT_PHOTOS_PATH}"))
                        .body(read(&file).await?);
                    let body = send(upload, token).await?;
                    let stored: StoredPhoto = serde_json::from_slice(&body)
                        .map_err(|e| ServerError::BadRequest(format!("unexpected answer: {e}")))?;
                    Some(stored.sha256)
                }
            };
            http.post(format!("{base}/{code}/moves")).json(&MoveReport {
                to,
                message,
                photo_sha256,
            })
        }
    };
    for report in one_or_many::<Report>(send(request, token).await?)? {
        println!("{}", report_line(&report));
    }
    Ok(())
}

/// The part of the stored photo's answer (`attachments::StoredAttachment`) the CLI reads back.
#[derive(serde::Deserialize)]
struct StoredPhoto {
    sha256: String,
}

/// Sends as the officer; the answer's body, or the server's refusal as an error.
async fn send(request: reqwest::RequestBuilder, token: &str) -> Result<Vec<u8>, ServerError> {
    let response = request
        .bearer_auth(token)
        .send()
        .await
        .map_err(|e| ServerError::BadRequest(format!("server unreachable: {e}")))?;
    let status = response.status();
    let body = response
        .bytes()
        .await
        .map_err(|e| ServerError::BadRequest(format!("reading the answer: {e}")))?;
    if !status.is_success() {
        let why = serde_json::from_slice::<ErrorBody>(&body)
            .map(|e| format!("{} ({})", e.message, e.code.as_str()))
            .unwrap_or_else(|_| String::from_utf8_lossy(&body).into_owned());
        return Err(ServerError::BadRequest(format!("{status}: {why}")));
    }
    Ok(body.to_vec())
}

/// A list answer, or the one item a move answers with.
fn one_or_many<T: serde::de::DeserializeOwned>(body: Vec<u8>) -> Result<Vec<T>, ServerError> {
    match serde_json::from_slice::<Vec<T>>(&body) {
        Ok(list) => Ok(list),
        Err(_) => Ok(vec![serde_json::from_slice(&body).map_err(|e| {
            ServerError::BadRequest(format!("unexpected answer: {e}"))
        })?]),
    }
}

/// `PA-261123-0001  received  due 2026-11-25T09:00:00Z  Điện chiếu sáng  Phú Xuân  Đèn đường hỏng`
fn report_line(report: &Report) -> String {
    format!(
        "{}\t{}\tdue {}\t{}\t{}\t{}",
        report.code,
        report.status.as_str(),
        report.due_at,
        report.category_name.vi,
        report.area.as_ref().map_or("-", |a| a.vi.as_str()),
        report.title
    )
}

async fn read(file: &Path) -> Result<Vec<u8>, ServerError> {
    tokio::fs::read(file)
        .await
        .map_err(|e| ServerError::BadRequest(format!("{}: {e}", file.display())))
}

/// `H57.HT-261123-0001  received  due 2026-11-26  Đăng ký khai sinh  [result]`
fn line(dossier: &Dossier) -> String {
    format!(
        "{}\t{}\tdue {}\t{}{}",
        dossier.code,
        dossier.status.as_str(),
        dossier.due_date,
        dossier.procedure_name.vi,
        if dossier.result_sha256.is_some() {
            "\t[result]"
        } else {
            ""
        }
    )
}
