//! Field reports against a real server on loopback (real SQLite file, real attachment store):
//! receipt with routing to an area and an agency, idempotent submission, every bad input refused
//! with nothing half-stored, the lifecycle run by an officer with the real `citizen-server staff
//! reports` CLI, the resident's rating and reopening, and the public feed that never says who.

use citizen_protocol::dossiers::IDEMPOTENCY_KEY_HEADER;
use citizen_protocol::error::{ErrorBody, ErrorCode};
use citizen_protocol::feed::{Change, FeedPage};
use citizen_protocol::forms::{AttachmentRef, FieldProblem, FileType};
use citizen_protocol::reports::{
    rating_path, reopen_path, PublicReport, Report, ReportCategory, ReportStatus,
    PUBLIC_REPORTS_PATH, REPORTS_PATH, REPORT_CATEGORIES_PATH, REPORT_FEED_PATH,
};
use citizen_tests::dossiers::{photo, sha256, Resident};
use citizen_tests::staff_cli::StaffCli;
use citizen_tests::TestServer;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Lê Lợi street by the Perfume River, central Huế.
const LE_LOI: (f64, f64) = (16.4637, 107.5909);

async fn post(resident: &Resident, path: &str, key: &str, body: &Value) -> reqwest::Response {
    resident
        .http
        .post(format!("{}{path}", resident.url))
        .bearer_auth(&resident.token)
        .header(IDEMPOTENCY_KEY_HEADER, key)
        .header("accept-language", "vi")
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn uploaded_photo(resident: &Resident, seed: u8) -> AttachmentRef {
    let bytes = photo(seed);
    let hash = sha256(&bytes);
    assert!(resident.upload(&bytes, &hash).await.status().is_success());
    AttachmentRef {
        sha256: hash,
        file_name: format!("anh-{seed}.jpg"),
        file_type: FileType::Jpeg,
        size: bytes.len() as u64,
    }
}

fn street_light(photo: &AttachmentRef) -> Value {
    json!({
        "category": "chieu-sang",
        "title": "Đèn đường không sáng",
        "description": "Ba cột đèn trước số 12 Lê Lợi tắt từ tối thứ Hai. <script>alert(1)</script>",
        "photos": [photo],
        "location": {"lat": LE_LOI.0, "lon": LE_LOI.1},
        "public": true,
    })
}

async fn count(server: &TestServer, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(server.server.db())
        .await
        .unwrap()
}

async fn refusal(response: reqwest::Response) -> (StatusCode, ErrorBody) {
    let status = response.status();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn a_report_is_routed_received_once_and_bad_ones_leave_nothing() {
    let server = TestServer::start(true).await;
    let resident = Resident::signed_in(&server, 1).await;

    let categories: Vec<ReportCategory> =
        reqwest::get(format!("{}{REPORT_CATEGORIES_PATH}", resident.url))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    assert!(categories.len() >= 8, "{categories:?}");
    assert!(categories.iter().any(|c| c.code == "chieu-sang"));

    let photo = uploaded_photo(&resident, 1).await;
    let body = street_light(&photo);
    let first = post(&resident, REPORTS_PATH, "r-key-1", &body).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let report: Report = first.json().await.unwrap();
    assert!(report.code.starts_with("PA-"), "{}", report.code);
    assert_eq!(report.status, ReportStatus::Received);
    assert!(report.area.is_some(), "central Huế lies in a ward");
    assert!(!report.agency.vi.is_empty());
    assert!(report.due_at > report.submitted_at);
    // Kept as text, exactly as typed: the app never renders it as HTML.
    assert!(report.description.ends_with("<script>alert(1)</script>"));
    assert_eq!(report.photos, vec![photo.clone()]);

    // Ten repeats at once: one report, every answer names it.
    let repeats =
        futures::future::join_all((0..10).map(|_| post(&resident, REPORTS_PATH, "r-key-1", &body)))
            .await;
    for response in repeats {
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.json::<Report>().await.unwrap().id, report.id);
    }
    assert_eq!(count(&server, "reports").await, 1);

    let (reports, photos, events) = (
        count(&server, "reports").await,
        count(&server, "report_photos").await,
        count(&server, "report_events").await,
    );
    let with = |change: &dyn Fn(&mut Value)| {
        let mut bad = body.clone();
        change(&mut bad);
        bad
    };
    let bad_inputs: Vec<(&str, Value, &str, FieldProblem)> = vec![
        (
            "no place at all",
            with(&|b| {
                b.as_object_mut().unwrap().remove("location");
            }),
            "location",
            FieldProblem::Required,
        ),
        (
            "Hà Nội",
            with(&|b| b["location"] = json!({"lat": 21.0285, "lon": 105.8542})),
            "location",
            FieldProblem::OutsideProvince,
        ),
        (
            "the open sea, inside the province's box",
            with(&|b| b["location"] = json!({"lat": 16.75, "lon": 108.2})),
            "location",
            FieldProblem::OutsideProvince,
        ),
        (
            "fifty photos",
            with(&|b| b["photos"] = json!(vec![photo.clone(); 50])),
            "photos",
            FieldProblem::TooManyFiles { max: 5 },
        ),
        (
            "no photo",
            with(&|b| b["photos"] = json!([])),
            "photos",
            FieldProblem::Required,
        ),
        (
            "an unknown category",
            with(&|b| b["category"] = json!("ufo")),
            "category",
            FieldProblem::UnknownChoice,
        ),
    ];
    for (n, (what, bad, field, problem)) in bad_inputs.into_iter().enumerate() {
        let (status, error) =
            refusal(post(&resident, REPORTS_PATH, &format!("bad-{n}"), &bad).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{what}");
        assert_eq!(error.code, ErrorCode::FormInvalid, "{what}");
        assert!(
            error
                .fields
                .iter()
                .any(|f| f.field == field && f.problem == problem),
            "{what}: {:?}",
            error.fields
        );
        assert!(!error.message.is_empty(), "{what}: localized message");
    }

    // A file that is not an image, and a tiny PNG claiming a gigapixel: refused at upload.
    let text = b"%PDF-1.4 not really".to_vec();
    let pdf = resident.upload(&text, &sha256(&text)).await;
    assert!(pdf.status().is_success(), "a PDF is a valid attachment");
    let as_photo = with(&|b| {
        b["photos"] = json!([{"sha256": sha256(&text), "fileName": "x.pdf", "fileType": "pdf",
            "size": text.len()}])
    });
    let (_, error) = refusal(post(&resident, REPORTS_PATH, "pdf", &as_photo).await).await;
    assert_eq!(error.fields[0].problem, FieldProblem::FileType);
    let bomb = png_claiming(100_000, 100_000);
    let (status, error) = refusal(resident.upload(&bomb, &sha256(&bomb)).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error.code, ErrorCode::AttachmentRejected);
    let html = b"<html><script>alert(1)</script></html>".to_vec();
    let (status, error) = refusal(resident.upload(&html, &sha256(&html)).await).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(error.code, ErrorCode::AttachmentRejected);
    // A photo never uploaded: the app is told to send it.
    let ghost = with(&|b| b["photos"][0]["sha256"] = json!("b".repeat(64)));
    let (status, error) = refusal(post(&resident, REPORTS_PATH, "ghost", &ghost).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error.code, ErrorCode::AttachmentMissing);

    assert_eq!(
        (
            count(&server, "reports").await,
            count(&server, "report_photos").await,
            count(&server, "report_events").await
        ),
        (reports, photos, events),
        "nothing half-stored"
    );
}

/// A valid PNG header (with its CRC) claiming `width` × `height`, and almost nothing behind it.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend_from_slice(&width.to_be_bytes());
    png.extend_from_slice(&height.to_be_bytes());
    png.extend_from_slice(&[8, 2, 0, 0, 0]);
    let crc = crc32(&png[12..29]);
    png.extend_from_slice(&crc.to_be_bytes());
    png.extend_from_slice(b"\0\0\0\0IEND\xaeB`\x82");
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

async fn my_feed(resident: &Resident) -> Vec<Report> {
    let page: FeedPage<Report> = resident
        .http
        .get(format!("{}{REPORT_FEED_PATH}", resident.url))
        .bearer_auth(&resident.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    page.changes
        .into_iter()
        .map(|c| match c {
            Change::Upsert { item } => item,
            Change::Tombstone { id } => panic!("report {id} deleted"),
        })
        .collect()
}

#[tokio::test]
async fn an_officer_resolves_a_report_the_resident_rates_it_and_the_public_sees_it_without_who() {
    let server = TestServer::start(true).await;
    let resident = Resident::signed_in(&server, 1).await;
    let photo = uploaded_photo(&resident, 3).await;
    let report: Report = post(&resident, REPORTS_PATH, "k1", &street_light(&photo))
        .await
        .json()
        .await
        .unwrap();
    // A second report the resident keeps private.
    let mut private = street_light(&photo);
    private["public"] = json!(false);
    private["title"] = json!("Đèn hẻm 5 tắt");
    let hidden: Report = post(&resident, REPORTS_PATH, "k2", &private)
        .await
        .json()
        .await
        .unwrap();

    // Rating before it is resolved is refused, clearly.
    let (status, error) = refusal(
        post(
            &resident,
            &rating_path(&report.id),
            "rate-0",
            &json!({"stars": 5}),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error.code, ErrorCode::ReportNotResolved);

    let cli = StaffCli {
        server_dir: server.dir.path().to_owned(),
        server_url: server.url(),
    };
    let officer = cli.add_officer("Lê Văn Tâm", &report.agency.vi).await;
    let elsewhere = cli.add_officer("Hồ Thị Lan", "Sở Y tế thành phố Huế").await;
    let listed = cli.ok(&["staff", "reports", "list"], Some(&officer)).await;
    assert!(listed.contains(&report.code), "{listed}");
    assert!(
        !cli.ok(&["staff", "reports", "list"], Some(&elsewhere))
            .await
            .contains(&report.code),
        "another agency does not see it"
    );
    let refused = cli
        .run(
            &["staff", "reports", "move", &report.code, "--to", "assigned"],
            Some(&elsewhere),
        )
        .await;
    assert!(!refused.status.success());

    cli.ok(
        &[
            "staff",
            "reports",
            "move",
            &report.code,
            "--to",
            "in-progress",
        ],
        Some(&officer),
    )
    .await;
    // Resolving needs the agency's answer.
    let no_answer = cli
        .run(
            &["staff", "reports", "move", &report.code, "--to", "resolved"],
            Some(&officer),
        )
        .await;
    assert!(!no_answer.status.success());
    let after = server.dir.path().join("sau-khi-sua.jpg");
    std::fs::write(&after, citizen_tests::dossiers::photo(9)).unwrap();
    let resolved = cli
        .ok(
            &[
                "staff",
                "reports",
                "move",
                &report.code,
                "--to",
                "resolved",
                "--message",
                "Đã thay bóng đèn LED mới.",
                "--photo",
                after.to_str().unwrap(),
            ],
            Some(&officer),
        )
        .await;
    assert!(resolved.contains("resolved"), "{resolved}");
    for code in [&hidden.code] {
        for to in ["in-progress", "resolved"] {
            cli.ok(
                &[
                    "staff",
                    "reports",
                    "move",
                    code,
                    "--to",
                    to,
                    "--message",
                    "Đã sửa.",
                ],
                Some(&officer),
            )
            .await;
        }
    }

    // The resident sees it through their feed, with the answer and the after photo.
    let mine = my_feed(&resident).await;
    let seen = mine.iter().find(|r| r.id == report.id).unwrap();
    assert_eq!(seen.status, ReportStatus::Resolved);
    let last = seen.timeline.last().unwrap();
    assert_eq!(last.message.as_deref(), Some("Đã thay bóng đèn LED mới."));
    assert_eq!(
        last.photo_sha256.as_deref(),
        Some(sha256(&citizen_tests::dossiers::photo(9)).as_str())
    );
    assert!(seen.reopen_until.is_some());

    // Rated once, however often the outbox sends it; a bad rating is refused.
    for _ in 0..3 {
        let rated = post(
            &resident,
            &rating_path(&report.id),
            "rate-1",
            &json!({"stars": 4}),
        )
        .await;
        assert!(rated.status().is_success());
    }
    let (_, error) = refusal(
        post(
            &resident,
            &rating_path(&report.id),
            "rate-2",
            &json!({"stars": 9}),
        )
        .await,
    )
    .await;
    assert_eq!(error.code, ErrorCode::FormInvalid);
    let other = Resident::signed_in(&server, 2).await;
    let (status, _) = refusal(
        post(
            &other,
            &rating_path(&report.id),
            "rate-x",
            &json!({"stars": 1}),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "only its resident rates it");
    let rated = my_feed(&resident).await;
    assert_eq!(
        rated.iter().find(|r| r.id == report.id).unwrap().rating,
        Some(4)
    );

    // The public feed: the public one, resolved, with the answer; never who sent it.
    let public_raw: Value = reqwest::get(format!("{}{PUBLIC_REPORTS_PATH}", resident.url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let public: Vec<PublicReport> = serde_json::from_value(public_raw.clone()).unwrap();
    assert_eq!(public.len(), 1, "the private one stays private");
    assert_eq!(public[0].code, report.code);
    assert_eq!(public[0].answer, "Đã thay bóng đèn LED mới.");
    let text = public_raw.to_string();
    let citizen_id: String = sqlx::query_scalar("SELECT citizen_id FROM reports WHERE id = $1")
        .bind(&report.id)
        .fetch_one(server.server.db())
        .await
        .unwrap();
    for identity in [citizen_id.as_str(), "Nguyễn", "046", &report.id] {
        assert!(!text.contains(identity), "{identity} in {text}");
    }

    // Reopened within the week: back in progress, off the public feed.
    let reopened: Report = post(
        &resident,
        &reopen_path(&report.id),
        "reopen-1",
        &json!({"message": "Đèn lại tắt sau hai ngày."}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(reopened.status, ReportStatus::InProgress);
    assert!(reopened.timeline.last().unwrap().by_resident);
    let public: Vec<PublicReport> = reqwest::get(format!("{}{PUBLIC_REPORTS_PATH}", resident.url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(public.is_empty());

    // Resolved eight days ago: too late to reopen; a new report is the way.
    sqlx::query("UPDATE reports SET resolved_at = $1 WHERE id = $2")
        .bind(
            (time::OffsetDateTime::now_utc() - time::Duration::days(8))
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap(),
        )
        .bind(&hidden.id)
        .execute(server.server.db())
        .await
        .unwrap();
    let (status, error) = refusal(
        post(
            &resident,
            &reopen_path(&hidden.id),
            "reopen-2",
            &json!({"message": "Vẫn tắt."}),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error.code, ErrorCode::ReopenExpired);
}
