//! An officer runs a dossier's workflow from the command line: the real `citizen-server` binary's
//! `officer add` against the server's database, then `staff list / move / result` against the
//! running server's staff API. The resident follows it through their dossier feed.

use citizen_protocol::dossiers::{
    Dossier, DossierStatus, MoveDossier, DOSSIER_FEED_PATH, STAFF_DOSSIERS_PATH,
};
use citizen_protocol::feed::{Change, FeedPage};
use citizen_tests::dossiers::{
    birth_registration, birth_values, certificate_ref, photo, sha256, Resident,
};
use citizen_tests::staff_cli::StaffCli;
use citizen_tests::TestServer;
use reqwest::StatusCode;
use serde_json::json;

async fn feed(resident: &Resident, after: &str) -> FeedPage<Dossier> {
    resident
        .http
        .get(format!("{}{DOSSIER_FEED_PATH}", resident.url))
        .query(&[("after", after)])
        .bearer_auth(&resident.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

fn upserted(page: FeedPage<Dossier>) -> Vec<Dossier> {
    page.changes
        .into_iter()
        .map(|change| match change {
            Change::Upsert { item } => item,
            Change::Tombstone { id } => panic!("dossier {id} deleted"),
        })
        .collect()
}

#[tokio::test]
async fn an_officer_moves_a_dossier_from_the_command_line_and_the_resident_sees_it() {
    let server = TestServer::start(true).await;
    let resident = Resident::signed_in(&server, 1).await;
    let procedure = birth_registration(&resident.url).await;
    let bytes = photo(7);
    assert_eq!(
        resident.upload(&bytes, &sha256(&bytes)).await.status(),
        StatusCode::CREATED
    );
    let body =
        json!({"procedureId": procedure.id, "values": birth_values(certificate_ref(&bytes))});
    let dossier: Dossier = resident
        .submit("k-1", &body, "vi")
        .await
        .json()
        .await
        .unwrap();
    let first = feed(&resident, "").await;
    assert_eq!(upserted(first.clone()), vec![dossier.clone()]);

    let cli = StaffCli {
        server_dir: server.dir.path().to_path_buf(),
        server_url: server.url(),
    };
    let token = cli
        .ok(
            &[
                "officer",
                "add",
                "--name",
                "Lê Văn Tâm",
                "--agency",
                &dossier.agency.vi,
            ],
            None,
        )
        .await;
    let token = token.trim();
    assert_eq!(token.len(), 43, "{token}");
    // An officer of another agency, for the role check.
    let stranger = cli
        .ok(
            &[
                "officer",
                "add",
                "--name",
                "Hồ Thị Lan",
                "--agency",
                "Sở Xây dựng",
            ],
            None,
        )
        .await;

    let listed = cli
        .ok(&["staff", "list", "--status", "received"], Some(token))
        .await;
    assert!(listed.contains(&dossier.code), "{listed}");
    assert!(listed.contains("Đăng ký khai sinh"), "{listed}");
    let elsewhere = cli.ok(&["staff", "list"], Some(stranger.trim())).await;
    assert!(elsewhere.trim().is_empty(), "{elsewhere}");

    // The workflow's rules hold at the API, whoever calls it.
    let skipped = cli
        .run(
            &["staff", "move", &dossier.code, "--to", "completed"],
            Some(token),
        )
        .await;
    assert!(!skipped.status.success());
    assert!(String::from_utf8_lossy(&skipped.stderr).contains("409"));
    let silent = cli
        .run(
            &["staff", "move", &dossier.code, "--to", "needs-info"],
            Some(token),
        )
        .await;
    assert!(!silent.status.success());
    let not_theirs = cli
        .run(
            &["staff", "move", &dossier.code, "--to", "processing"],
            Some(stranger.trim()),
        )
        .await;
    assert!(String::from_utf8_lossy(&not_theirs.stderr).contains("404"));
    // A resident's token is not an officer's.
    let as_resident = reqwest::Client::new()
        .post(format!(
            "{}{STAFF_DOSSIERS_PATH}/{}/moves",
            server.url(),
            dossier.code
        ))
        .bearer_auth(&resident.token)
        .json(&MoveDossier {
            to: DossierStatus::Processing,
            message: None,
        })
        .send()
        .await
        .unwrap();
    assert_eq!(as_resident.status(), StatusCode::UNAUTHORIZED);

    let moved = cli
        .ok(
            &["staff", "move", &dossier.code, "--to", "processing"],
            Some(token),
        )
        .await;
    assert!(moved.contains("processing"), "{moved}");
    cli.ok(
        &[
            "staff",
            "move",
            &dossier.code,
            "--to",
            "needs-info",
            "--message",
            "Xin bổ sung ảnh giấy chứng sinh rõ hơn.",
        ],
        Some(token),
    )
    .await;
    cli.ok(
        &["staff", "move", &dossier.code, "--to", "processing"],
        Some(token),
    )
    .await;
    let result = server.dir.path().join("trich-luc-khai-sinh.pdf");
    std::fs::write(&result, b"%PDF-1.7\n% Trich luc khai sinh\n").unwrap();
    let attached = cli
        .ok(
            &["staff", "result", &dossier.code, result.to_str().unwrap()],
            Some(token),
        )
        .await;
    assert!(attached.contains("[result]"), "{attached}");
    cli.ok(
        &["staff", "move", &dossier.code, "--to", "completed"],
        Some(token),
    )
    .await;

    // The resident's feed from where it stood carries the dossier as it is now, with the whole
    // timeline and the officer's message.
    let now = upserted(feed(&resident, &first.cursor).await);
    assert_eq!(now.len(), 1);
    let now = &now[0];
    assert_eq!(now.status, DossierStatus::Completed);
    let steps: Vec<DossierStatus> = now.timeline.iter().map(|e| e.status).collect();
    assert_eq!(
        steps,
        vec![
            DossierStatus::Received,
            DossierStatus::Processing,
            DossierStatus::NeedsInfo,
            DossierStatus::Processing,
            DossierStatus::Completed,
        ]
    );
    assert_eq!(
        now.timeline[2].message.as_deref(),
        Some("Xin bổ sung ảnh giấy chứng sinh rõ hơn.")
    );
    assert!(now.result_sha256.is_some());
    // Completed is final.
    let after_done = cli
        .run(
            &["staff", "move", &dossier.code, "--to", "processing"],
            Some(token),
        )
        .await;
    assert!(!after_done.status.success());
}
