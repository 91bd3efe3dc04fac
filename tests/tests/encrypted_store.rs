//! A citizen's data is encrypted at rest on the device (issue 8): the real core against a real
//! demo server fills a resident's store — a draft with what the e-ID vouched for, a photo
//! attached to it, a dossier with a fee synced back with their name on the invoice, a field report
//! with a photo delivered — and then no file under the data directory holds a personal string, a
//! run of the photos' bytes or a JPEG/PNG header. The server got exactly the bytes the resident
//! attached. The store opens with the key the keyring keeps and without it is "not a database"; a
//! plaintext store and files left by the previous version are encrypted on open, nothing lost; a
//! store whose key the keyring lost is set aside, never deleted, and the resident signs in again.

use std::path::{Path, PathBuf};

use citizen_core::store::STORE_FILE;
use citizen_protocol::forms::{AttachmentRef, FieldValue, FormValues};
use citizen_protocol::reports::{GeoPoint, SubmitReport};
use citizen_tests::at_rest::{self, citizen_dir};
use citizen_tests::browsers::SandboxBrowser;
use citizen_tests::dossiers::{
    birth_registration, birth_values, photo_of_size, procedure_named, sha256,
};
use citizen_tests::payments::{extract_values, FEE_PROCEDURE};
use citizen_tests::{files_holding, open_core, sign_in_as, TestServer};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{Connection, SqlitePool};

const BINH: usize = 1;
const CHILD: &str = "Trần Bảo Ngọc";
const PHONE: &str = "0905 777 321";
const REPORT_WORDS: &str = "Cống trước nhà bà Bình ở kiệt 7 bị tắc";

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .flat_map(|e| {
            let path = e.path();
            if path.is_dir() {
                files_under(&path)
            } else {
                vec![path]
            }
        })
        .collect()
}

/// Runs of `photo` (32 bytes each, from its compressed body) found in some file under `dir`.
fn photo_runs_in(dir: &Path, photo: &[u8]) -> Vec<String> {
    let runs: Vec<&[u8]> = (1..=12)
        .map(|i| {
            let at = photo.len() / 4 + (photo.len() / 2) * i / 12;
            &photo[at..at + 32]
        })
        .collect();
    files_under(dir)
        .into_iter()
        .filter_map(|file| {
            let bytes = std::fs::read(&file).unwrap_or_default();
            runs.iter()
                .any(|run| bytes.windows(run.len()).any(|w| w == *run))
                .then(|| file.display().to_string())
        })
        .collect()
}

/// Files under `dir` that start as a JPEG, a PNG, a PDF or a plain SQLite database would.
fn files_with_a_plain_header(dir: &Path) -> Vec<String> {
    let headers: [&[u8]; 4] = [
        &[0xFF, 0xD8, 0xFF],
        b"\x89PNG\r\n\x1a\n",
        b"%PDF",
        b"SQLite format 3\0",
    ];
    files_under(dir)
        .into_iter()
        .filter(|file| {
            let bytes = std::fs::read(file).unwrap_or_default();
            headers.iter().any(|h| bytes.starts_with(h))
        })
        .map(|file| file.display().to_string())
        .collect()
}

fn personal_found(dir: &Path, needles: &[&str]) -> Vec<String> {
    needles
        .iter()
        .flat_map(|needle| {
            files_holding(dir, needle)
                .into_iter()
                .map(move |file| format!("{needle} in {}", file.display()))
        })
        .collect()
}

/// A plain SQLite connection, with no key.
async fn without_key(path: &Path) -> Result<i64, sqlx::Error> {
    let db = SqlitePool::connect_with(SqliteConnectOptions::new().filename(path)).await?;
    let tables = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master")
        .fetch_one(&db)
        .await;
    db.close().await;
    tables
}

struct Filled {
    citizen_id: String,
    personal: Vec<String>,
    /// The draft's photo and the report's photo, as the resident attached them.
    photos: Vec<(AttachmentRef, Vec<u8>)>,
    draft_procedure: String,
}

/// Signs Bình in and fills her store the way the app does.
async fn fill(core: &citizen_core::Core, server: &TestServer) -> Filled {
    let me = sign_in_as(core, BINH).await;

    // A birth registration begun and left as a draft: the e-ID's details filled in, the child's
    // name and a phone number typed, a photo of the hospital's certificate attached.
    let birth = birth_registration(&server.url()).await;
    let draft = core.start_dossier(&birth.id).await.unwrap();
    assert!(draft.from_eid.iter().any(|f| f == "applicant_pin"));
    let certificate = photo_of_size(31, 1_200, 900);
    let certificate_ref = core
        .attach("giay-chung-sinh.jpg", certificate.clone())
        .await
        .unwrap();
    let mut values: FormValues = draft.values;
    let text = |s: &str| FieldValue::Text(s.into());
    values.insert("child_name".into(), text(CHILD));
    values.insert("applicant_phone".into(), text(PHONE));
    values.insert(
        "birth_certificate".into(),
        FieldValue::Files(vec![certificate_ref.clone()]),
    );
    core.save_draft(&birth.id, &values).await.unwrap();

    // A dossier with a fee, delivered and synced back with her name on its invoice.
    let fee = procedure_named(&server.url(), FEE_PROCEDURE).await;
    let mut values = extract_values();
    values.extend(core.start_dossier(&fee.id).await.unwrap().values);
    core.submit(&fee.id, values).await.unwrap();

    // A field report with a photo.
    let drain = photo_of_size(77, 1_600, 1_200);
    let drain_ref = core.attach("cong-tac.jpg", drain.clone()).await.unwrap();
    core.submit_report(SubmitReport {
        category: "cap-thoat-nuoc".into(),
        title: "Cống bị tắc".into(),
        description: REPORT_WORDS.into(),
        photos: vec![drain_ref.clone()],
        location: Some(GeoPoint {
            lat: 16.4637,
            lon: 107.5909,
        }),
        address: None,
        public: false,
    })
    .await
    .unwrap();
    let round = core.background_round().await.unwrap();
    assert_eq!(round.outbox_count, 0, "everything was delivered: {round:?}");
    let dossiers = core.dossiers().await.unwrap();
    assert_eq!(
        dossiers[0]
            .invoice
            .as_ref()
            .expect("the fee's invoice")
            .payer,
        me.full_name
    );
    assert_eq!(core.my_reports().await.unwrap().reports.len(), 1);

    Filled {
        citizen_id: me.id.clone(),
        personal: vec![
            me.full_name.clone(),
            me.personal_id_number.clone(),
            me.birth_date.clone().expect("the e-ID gives a birth date"),
            me.address.clone().expect("the e-ID gives an address"),
            CHILD.into(),
            PHONE.into(),
            REPORT_WORDS.into(),
        ],
        photos: vec![(certificate_ref, certificate), (drain_ref, drain)],
        draft_procedure: birth.id,
    }
}

#[tokio::test]
async fn a_filled_store_holds_no_plaintext_and_opens_only_with_its_key() {
    let server = TestServer::start(true).await;
    let data = tempfile::tempdir().unwrap();
    let core = open_core(data.path(), &server.url()).await;
    let filled = fill(&core, &server).await;
    let personal: Vec<&str> = filled.personal.iter().map(String::as_str).collect();

    // The server got the report's photo as attached: the same bytes, under the same hash.
    let (drain_ref, drain) = &filled.photos[1];
    let on_server = std::fs::read(
        server
            .dir
            .path()
            .join("files/attachments")
            .join(&drain_ref.sha256),
    )
    .unwrap();
    assert_eq!(&on_server, drain);
    assert_eq!(sha256(&on_server), drain_ref.sha256);
    // The scans below can fail: the server's own files hold both in the clear (its personal data
    // is in its database file on SQLite; on PostgreSQL it lives in the cluster, not in this dir).
    if !citizen_tests::on_postgres() {
        assert!(!personal_found(server.dir.path(), &personal[..1]).is_empty());
    }
    assert!(!photo_runs_in(server.dir.path(), drain).is_empty());

    // While the core is open (its WAL in use) and after it closed.
    for moment in ["open", "closed"] {
        if moment == "closed" {
            core.close().await;
        }
        let found = personal_found(data.path(), &personal);
        assert!(
            found.is_empty(),
            "{moment}: personal data in the clear: {found:?}"
        );
        for (attached, bytes) in &filled.photos {
            let found = photo_runs_in(data.path(), bytes);
            assert!(
                found.is_empty(),
                "{moment}: {} in the clear: {found:?}",
                attached.file_name
            );
        }
        let plain: Vec<String> = files_with_a_plain_header(data.path())
            .into_iter()
            // The device's own store: the public catalogue, nothing personal (scanned above).
            .filter(|f| Path::new(f) != data.path().join(STORE_FILE))
            .collect();
        assert!(plain.is_empty(), "{moment}: a readable header: {plain:?}");
    }

    // Without the key SQLite sees noise; with the key the keyring keeps, the store reads.
    let store_file = citizen_dir(data.path(), &filled.citizen_id).join(STORE_FILE);
    let refused = without_key(&store_file).await.unwrap_err();
    assert!(
        refused.to_string().contains("file is not a database"),
        "{refused}"
    );
    let store = at_rest::citizen_store(data.path(), &filled.citizen_id).await;
    let draft: String = sqlx::query_scalar("SELECT values_json FROM drafts WHERE procedure_id = ?")
        .bind(&filled.draft_procedure)
        .fetch_one(&store)
        .await
        .unwrap();
    assert!(draft.contains(CHILD) && draft.contains(&filled.personal[1]));
    store.close().await;
    // Each attachment file is sealed, and opens to exactly what was attached.
    for (attached, bytes) in &filled.photos {
        let on_disk = std::fs::read(
            citizen_dir(data.path(), &filled.citizen_id)
                .join("attachments")
                .join(&attached.sha256),
        )
        .unwrap();
        assert!(citizen_core::at_rest::is_sealed(&on_disk));
        assert_ne!(&on_disk, bytes);
        let opened = at_rest::citizen_file(data.path(), &filled.citizen_id, &attached.sha256).await;
        assert_eq!(&opened, bytes);
    }

    // Reopened, the core reads it all back; signed out, the key is gone with the files.
    let core = open_core(data.path(), &server.url()).await;
    let draft = core.draft(&filled.draft_procedure).await.unwrap().unwrap();
    assert_eq!(
        draft.get("child_name"),
        Some(&FieldValue::Text(CHILD.into()))
    );
    core.sign_out().await.unwrap();
    core.close().await;
    assert!(at_rest::store_key(data.path(), &filled.citizen_id)
        .await
        .is_none());
    assert!(!citizen_dir(data.path(), &filled.citizen_id).exists());
}

/// Turns Bình's encrypted store into what the previous version left: the same database in
/// plaintext (SQLCipher's own export to an unkeyed copy) in WAL mode with a last write in its WAL,
/// the attachment files in the clear, and no store key in the keyring.
async fn as_the_previous_version_left_it(data_dir: &Path, citizen_id: &str) {
    let dir = citizen_dir(data_dir, citizen_id);
    let key = at_rest::store_key(data_dir, citizen_id).await.unwrap();
    let files = key.files();
    for entry in std::fs::read_dir(dir.join("attachments"))
        .unwrap()
        .flatten()
    {
        let name = entry.file_name().into_string().unwrap();
        let sealed = std::fs::read(entry.path()).unwrap();
        std::fs::write(entry.path(), files.open(&name, &sealed).unwrap()).unwrap();
    }
    let plain = dir.join("plain.db");
    let store = at_rest::citizen_store(data_dir, citizen_id).await;
    let mut conn = store.acquire().await.unwrap();
    sqlx::query("ATTACH DATABASE ? AS plain KEY ''")
        .bind(plain.to_str().unwrap())
        .execute(&mut *conn)
        .await
        .unwrap();
    sqlx::query("SELECT sqlcipher_export('plain')")
        .execute(&mut *conn)
        .await
        .unwrap();
    sqlx::query("DETACH DATABASE plain")
        .execute(&mut *conn)
        .await
        .unwrap();
    drop(conn);
    store.close().await;
    at_rest::vault_of(data_dir)
        .await
        .delete_store_key(citizen_id)
        .unwrap();

    // The previous version ran in WAL mode; it stopped with a write still in the WAL: the file
    // and its WAL as they were at that instant take the store's place.
    let options = SqliteConnectOptions::new()
        .filename(&plain)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal);
    let mut conn = SqliteConnection::connect_with(&options).await.unwrap();
    sqlx::query("PRAGMA wal_autocheckpoint = 0")
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query("UPDATE drafts SET updated_at = '2026-11-20T08:00:00Z'")
        .execute(&mut conn)
        .await
        .unwrap();
    let store_file = dir.join(STORE_FILE).display().to_string();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{store_file}{suffix}"));
    }
    std::fs::copy(&plain, &store_file).unwrap();
    std::fs::copy(
        format!("{}-wal", plain.display()),
        format!("{store_file}-wal"),
    )
    .unwrap();
    conn.close().await.unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", plain.display()));
    }
    assert!(
        std::fs::metadata(format!("{store_file}-wal"))
            .unwrap()
            .len()
            > 0
    );
}

#[tokio::test]
async fn a_plaintext_store_from_the_previous_version_is_encrypted_on_open_with_nothing_lost() {
    let server = TestServer::start(true).await;
    let data = tempfile::tempdir().unwrap();
    let core = open_core(data.path(), &server.url()).await;
    let filled = fill(&core, &server).await;
    core.close().await;
    drop(core);
    as_the_previous_version_left_it(data.path(), &filled.citizen_id).await;
    let personal: Vec<&str> = filled.personal.iter().map(String::as_str).collect();
    assert!(
        !personal_found(data.path(), &personal[..1]).is_empty(),
        "the previous version's store is plaintext"
    );
    assert!(!photo_runs_in(data.path(), &filled.photos[0].1).is_empty());

    let core = open_core(data.path(), &server.url()).await;
    let status = core.status().await.unwrap();
    assert_eq!(
        status.session.expect("still signed in").citizen.full_name,
        filled.personal[0]
    );
    // Everything is still there: the draft (with the write that was in the WAL), the synced
    // dossier and report, and the draft's photo, which the outbox can still send.
    let draft = core.draft(&filled.draft_procedure).await.unwrap().unwrap();
    assert_eq!(
        draft.get("child_name"),
        Some(&FieldValue::Text(CHILD.into()))
    );
    let store = at_rest::citizen_store(data.path(), &filled.citizen_id).await;
    let updated: String = sqlx::query_scalar("SELECT updated_at FROM drafts")
        .fetch_one(&store)
        .await
        .unwrap();
    store.close().await;
    assert_eq!(updated, "2026-11-20T08:00:00Z");
    assert_eq!(core.dossiers().await.unwrap().len(), 1);
    assert_eq!(core.my_reports().await.unwrap().reports.len(), 1);
    let (certificate_ref, certificate) = &filled.photos[0];
    assert_eq!(
        &at_rest::citizen_file(data.path(), &filled.citizen_id, &certificate_ref.sha256).await,
        certificate
    );
    core.submit(
        &filled.draft_procedure,
        birth_values(certificate_ref.clone()),
    )
    .await
    .unwrap();
    let delivered = core.deliver_outbox().await.unwrap();
    assert_eq!(delivered.sent, 1, "{delivered:?}");
    let on_server = std::fs::read(
        server
            .dir
            .path()
            .join("files/attachments")
            .join(&certificate_ref.sha256),
    )
    .unwrap();
    assert_eq!(
        &on_server, certificate,
        "the server got the very bytes attached"
    );
    core.close().await;

    // And nothing of the plaintext is left: no file, no WAL, no half-made copy.
    let found = personal_found(data.path(), &personal);
    assert!(found.is_empty(), "personal data in the clear: {found:?}");
    for (attached, bytes) in &filled.photos {
        let found = photo_runs_in(data.path(), bytes);
        assert!(
            found.is_empty(),
            "{} in the clear: {found:?}",
            attached.file_name
        );
    }
    let store_file = citizen_dir(data.path(), &filled.citizen_id).join(STORE_FILE);
    assert!(without_key(&store_file).await.is_err());
    assert!(at_rest::store_key(data.path(), &filled.citizen_id)
        .await
        .is_some());
}

#[tokio::test]
async fn a_store_whose_key_the_keyring_lost_is_set_aside_and_the_resident_signs_in_again() {
    let server = TestServer::start(true).await;
    let data = tempfile::tempdir().unwrap();
    let core = open_core(data.path(), &server.url()).await;
    let me = sign_in_as(&core, BINH).await;
    let birth = birth_registration(&server.url()).await;
    let draft = core.start_dossier(&birth.id).await.unwrap();
    core.save_draft(&birth.id, &draft.values).await.unwrap();
    core.close().await;
    drop(core);

    // The keyring loses the store's key (its token stays).
    at_rest::vault_of(data.path())
        .await
        .delete_store_key(&me.id)
        .unwrap();
    let core = open_core(data.path(), &server.url()).await;
    let status = core.status().await.unwrap();
    assert!(status.session.is_none(), "the session ended");
    assert_eq!(
        status.notice.map(|n| n.code),
        Some(citizen_protocol::error::ErrorCode::NotSignedIn)
    );
    // Set aside whole, not deleted: still encrypted, holding nothing readable.
    let aside: Vec<PathBuf> = std::fs::read_dir(data.path().join("unreadable"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert!(aside[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with(&me.id));
    assert!(without_key(&aside[0].join(STORE_FILE)).await.is_err());
    assert!(personal_found(data.path(), &[me.full_name.as_str()]).is_empty());
    assert!(!citizen_dir(data.path(), &me.id).exists());

    // She signs in again and starts afresh.
    let again = core
        .sign_in(&SandboxBrowser::as_resident(BINH))
        .await
        .unwrap();
    assert_eq!(again.session.unwrap().citizen.id, me.id);
    assert_eq!(core.draft(&birth.id).await.unwrap(), None);
    assert!(at_rest::store_key(data.path(), &me.id).await.is_some());
    core.sign_out().await.unwrap();
    core.close().await;
}
