//! Dossier receipt against a real server on loopback with a real SQLite file and attachment
//! directory: attachments by hash, the same form validation as the app, idempotent submission,
//! and every refusal localized, logged and leaving nothing half-written.

use citizen_protocol::dossiers::{
    answers_path, Dossier, DossierStatus, DOSSIERS_PATH, IDEMPOTENCY_KEY_HEADER,
};
use citizen_protocol::error::{ErrorBody, ErrorCode};
use citizen_protocol::forms::{today_in_vietnam, FieldProblem, FieldValue};
use citizen_server::catalog::store as catalog_store;
use citizen_server::dossiers::{store, workflow};
use citizen_tests::dossiers::{
    birth_registration, birth_values, certificate_ref, photo, sha256, Resident,
};
use citizen_tests::TestServer;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_dossier_is_received_once_however_often_it_is_sent() {
    let server = TestServer::start(true).await;
    let resident = Resident::signed_in(&server, 1).await;
    let procedure = birth_registration(&resident.url).await;
    let bytes = photo(1);
    let hash = sha256(&bytes);

    // The attachment first; sending it again (a retry after a cut) stores it once.
    assert_eq!(resident.has(&hash).await, StatusCode::NOT_FOUND);
    assert_eq!(
        resident.upload(&bytes, &hash).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(
        resident.upload(&bytes, &hash).await.status(),
        StatusCode::OK
    );
    assert_eq!(resident.has(&hash).await, StatusCode::OK);
    let stored = server.dir.path().join("files/attachments").join(&hash);
    assert_eq!(std::fs::read(&stored).unwrap(), bytes);
    // Another resident knowing the hash does not make it theirs.
    let other = Resident::signed_in(&server, 2).await;
    assert_eq!(other.has(&hash).await, StatusCode::NOT_FOUND);

    let body = json!({
        "procedureId": procedure.id,
        "values": birth_values(certificate_ref(&bytes)),
    });
    let key = "01937a4e-0000-7000-8000-000000000001";
    let first = resident.submit(key, &body, "vi").await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let dossier: Dossier = first.json().await.unwrap();
    assert!(dossier.code.starts_with("H57.HT-"), "{}", dossier.code);
    assert!(dossier.code.ends_with("-0001"), "{}", dossier.code);
    assert_eq!(dossier.status, DossierStatus::Received);
    assert_eq!(dossier.procedure_name.vi, "Đăng ký khai sinh");
    assert_eq!(dossier.timeline.len(), 1);
    // Due after the procedure's processing days, counted in working days from today in Huế.
    let today = today_in_vietnam(time::OffsetDateTime::now_utc());
    let due = workflow::due_date(today, procedure.processing_days).to_string();
    assert_eq!(dossier.due_date, due);

    // The same request ten times at once, as a flaky network and an eager outbox might: one
    // dossier, and every answer names it.
    let repeats =
        futures::future::join_all((0..10).map(|_| resident.submit(key, &body, "vi"))).await;
    for response in repeats {
        assert_eq!(response.status(), StatusCode::OK);
        let again: Dossier = response.json().await.unwrap();
        assert_eq!(again.id, dossier.id);
        assert_eq!(again.code, dossier.code);
    }
    assert_eq!(resident.dossiers().await, vec![dossier.clone()]);
    assert!(other.dossiers().await.is_empty());

    // The key with a different request is refused, not taken for the first.
    let mut changed = body.clone();
    changed["values"]["child_name"] = json!("Trần Bảo Anh");
    let reused = resident.submit(key, &changed, "en").await;
    assert_eq!(reused.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // A second dossier the same day takes the next number.
    let second: Dossier = resident
        .submit("01937a4e-0000-7000-8000-000000000002", &changed, "vi")
        .await
        .json()
        .await
        .unwrap();
    assert!(second.code.ends_with("-0002"), "{}", second.code);
    assert_eq!(resident.dossiers().await.len(), 2);
}

async fn refusal(response: reqwest::Response, status: StatusCode, code: ErrorCode) -> ErrorBody {
    assert_eq!(response.status(), status);
    let body: ErrorBody = response.json().await.unwrap();
    assert_eq!(body.code, code, "{body:?}");
    assert!(!body.message.is_empty());
    body
}

#[tokio::test]
async fn bad_input_is_refused_clearly_and_nothing_is_half_written() {
    let server = TestServer::start(true).await;
    let resident = Resident::signed_in(&server, 1).await;
    let procedure = birth_registration(&resident.url).await;
    let bytes = photo(2);
    let hash = sha256(&bytes);
    assert_eq!(
        resident.upload(&bytes, &hash).await.status(),
        StatusCode::CREATED
    );
    let good = birth_values(certificate_ref(&bytes));

    // Missing required answers, a bad personal number, a birth date that has not come yet: every
    // problem at once, by field, in the resident's language.
    let mut values = good.clone();
    values.remove("child_name");
    values.insert("mother_pin".into(), FieldValue::Text("04619200000".into()));
    values.insert(
        "child_birth_date".into(),
        FieldValue::Text("2099-01-01".into()),
    );
    let body = json!({"procedureId": procedure.id, "values": values});
    let vi = refusal(
        resident.submit("k-form", &body, "vi").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::FormInvalid,
    )
    .await;
    let problems: Vec<(&str, &FieldProblem)> = vi
        .fields
        .iter()
        .map(|f| (f.field.as_str(), &f.problem))
        .collect();
    assert_eq!(
        problems,
        vec![
            ("child_name", &FieldProblem::Required),
            ("child_birth_date", &FieldProblem::DateInFuture),
            ("mother_pin", &FieldProblem::BadPersonalNumber),
        ]
    );
    let en = refusal(
        resident.submit("k-form", &body, "en").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::FormInvalid,
    )
    .await;
    assert_ne!(vi.message, en.message);

    // A dossier naming a file that was never uploaded.
    let mut values = good.clone();
    let unsent = photo(3);
    values.insert(
        "birth_certificate".into(),
        FieldValue::Files(vec![certificate_ref(&unsent)]),
    );
    let body = json!({"procedureId": procedure.id, "values": values});
    refusal(
        resident.submit("k-missing", &body, "vi").await,
        StatusCode::CONFLICT,
        ErrorCode::AttachmentMissing,
    )
    .await;

    // Files: one that claims to be a PDF and is not, one whose bytes do not match the hash,
    // one over the limit (10 MB; this one is 11).
    let fake_pdf = b"<html>not a pdf</html>".to_vec();
    refusal(
        resident.upload(&fake_pdf, &sha256(&fake_pdf)).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorCode::AttachmentRejected,
    )
    .await;
    refusal(
        resident.upload(&photo(4), &hash).await,
        StatusCode::BAD_REQUEST,
        ErrorCode::BadRequest,
    )
    .await;
    let mut huge = photo(5);
    huge.resize(11 * 1024 * 1024, 0);
    refusal(
        resident.upload(&huge, &sha256(&huge)).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::AttachmentTooLarge,
    )
    .await;

    // No Idempotency-Key; then a procedure the province has withdrawn.
    let body = json!({"procedureId": procedure.id, "values": good});
    let no_key = resident
        .http
        .post(format!("{}{DOSSIERS_PATH}", resident.url))
        .bearer_auth(&resident.token)
        .json(&body)
        .send()
        .await
        .unwrap();
    refusal(no_key, StatusCode::BAD_REQUEST, ErrorCode::BadRequest).await;
    assert!(catalog_store::retire(server.server.db(), &procedure.id)
        .await
        .unwrap());
    refusal(
        resident.submit("k-withdrawn", &body, "vi").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::ProcedureUnavailable,
    )
    .await;

    // Not signed in.
    let anonymous = reqwest::Client::new()
        .post(format!("{}{DOSSIERS_PATH}", resident.url))
        .header(IDEMPOTENCY_KEY_HEADER, "k-anon")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    // None of it left a dossier, and only whole files are in the store.
    assert!(resident.dossiers().await.is_empty());
    let mut files: Vec<String> = std::fs::read_dir(server.dir.path().join("files/attachments"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, vec![hash]);
}

async fn answer(
    resident: &Resident,
    dossier_id: &str,
    key: &str,
    body: &serde_json::Value,
) -> reqwest::Response {
    resident
        .http
        .post(format!("{}{}", resident.url, answers_path(dossier_id)))
        .bearer_auth(&resident.token)
        .header(IDEMPOTENCY_KEY_HEADER, key)
        .json(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_eid_fills_the_applicant_and_an_answer_to_needs_info_is_taken_once() {
    let server = TestServer::start(true).await;
    let resident = Resident::signed_in(&server, 1).await;
    let procedure = birth_registration(&resident.url).await;
    let bytes = photo(4);
    resident.upload(&bytes, &sha256(&bytes)).await;
    // What is typed for the applicant does not count: the e-ID says who applies.
    let mut values = birth_values(certificate_ref(&bytes));
    values.insert(
        "applicant_pin".into(),
        FieldValue::Text("001099000009".into()),
    );
    let body = json!({ "procedureId": procedure.id, "values": values });
    let dossier: Dossier = resident
        .submit("k-answer-1", &body, "vi")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        dossier.values["applicant_pin"],
        FieldValue::Text("046192000002".into())
    );
    assert_eq!(
        dossier.values["applicant_name"],
        FieldValue::Text("Trần Thị Bình".into())
    );

    // Not waiting for anything yet: an answer is refused, and changes nothing.
    let reply = json!({ "message": "Đã chụp lại giấy chứng sinh.", "attachments": [] });
    let early = answer(&resident, &dossier.id, "a-0", &reply).await;
    let early = refusal(early, StatusCode::CONFLICT, ErrorCode::NotAwaitingAnswer).await;
    assert!(
        early.message.contains("không còn chờ bổ sung"),
        "{}",
        early.message
    );

    let (officer, _) = store::add_officer(server.server.db(), "Lê Văn Tâm", &dossier.agency.vi)
        .await
        .unwrap();
    store::move_on(
        server.server.db(),
        &officer,
        &dossier.code,
        DossierStatus::NeedsInfo,
        Some("Ảnh giấy chứng sinh bị mờ."),
    )
    .await
    .unwrap()
    .unwrap();

    // An empty answer, a file not uploaded, someone else's dossier: refused.
    let empty = answer(&resident, &dossier.id, "a-1", &json!({ "message": "  " })).await;
    let empty = refusal(
        empty,
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::FormInvalid,
    )
    .await;
    assert_eq!(empty.fields[0].problem, FieldProblem::Required);
    let clearer = photo(5);
    let with_file = json!({
        "message": "Đã chụp lại giấy chứng sinh.",
        "attachments": [certificate_ref(&clearer)],
    });
    let missing = answer(&resident, &dossier.id, "a-2", &with_file).await;
    refusal(missing, StatusCode::CONFLICT, ErrorCode::AttachmentMissing).await;
    let stranger = Resident::signed_in(&server, 2).await;
    let theirs = answer(&stranger, &dossier.id, "a-3", &reply).await;
    refusal(theirs, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;

    // The answer with its new photo, sent three times (a retry after a cut): taken once.
    resident.upload(&clearer, &sha256(&clearer)).await;
    let mut statuses = vec![];
    for _ in 0..3 {
        statuses.push(
            answer(&resident, &dossier.id, "a-4", &with_file)
                .await
                .status(),
        );
    }
    assert_eq!(
        statuses,
        vec![StatusCode::CREATED, StatusCode::OK, StatusCode::OK]
    );
    let answered = &resident.dossiers().await[0];
    assert_eq!(answered.status, DossierStatus::Processing);
    assert_eq!(answered.timeline.len(), 3, "{:?}", answered.timeline);
    let step = &answered.timeline[2];
    assert!(step.by_resident);
    assert_eq!(
        step.message.as_deref(),
        Some("Đã chụp lại giấy chứng sinh.")
    );
    assert_eq!(step.attachments, vec![certificate_ref(&clearer)]);
    assert!(!answered.timeline[1].by_resident);

    // Once answered, a second answer is refused: it waits for the officer again.
    let again = answer(&resident, &dossier.id, "a-5", &reply).await;
    refusal(again, StatusCode::CONFLICT, ErrorCode::NotAwaitingAnswer).await;
}
