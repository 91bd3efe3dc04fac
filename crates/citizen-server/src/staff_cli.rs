//! `citizen-server officer …` and `citizen-server staff …`: enough to run a dossier's whole
//! workflow from a terminal. `staff` talks to a running server's staff API like any officer's
//! client would, so the API's role checks apply to it too.

use std::path::Path;

use citizen_protocol::dossiers::{Dossier, DossierStatus, MoveDossier, STAFF_DOSSIERS_PATH};
use citizen_protocol::error::ErrorBody;

use crate::config::{OfficerCommand, StaffCommand};
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
    let base = format!("{}{STAFF_DOSSIERS_PATH}", server.trim_end_matches('/'));
    let request = match command {
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
    let dossiers: Vec<Dossier> = match serde_json::from_slice::<Vec<Dossier>>(&body) {
        Ok(list) => list,
        Err(_) => vec![serde_json::from_slice(&body)
            .map_err(|e| ServerError::BadRequest(format!("unexpected answer: {e}")))?],
    };
    for dossier in dossiers {
        println!("{}", line(&dossier));
    }
    Ok(())
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
