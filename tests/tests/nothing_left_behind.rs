//! Shared machines (kiosks, helpers' laptops) must keep nothing of a resident once their session
//! ends (issue 7). Here the real core, on a real data directory, signs a resident in, takes a
//! dossier with a fee and its attachment, gets it back from a real server with their name on the
//! invoice, and signs out: then no file under the data directory holds their name, personal
//! number, birth date or address — checked byte by byte — and the keyring no longer holds the
//! key of their encrypted store. Before sign-out the store, opened with that key, holds them, so
//! the check can fail.

use std::path::Path;

use citizen_protocol::forms::{AttachmentRef, FieldValue};
use citizen_tests::dossiers::{photo, procedure_named};
use citizen_tests::payments::{extract_values, FEE_PROCEDURE};
use citizen_tests::{at_rest, files_holding, open_core, sign_in_as, TestServer};

const BINH: usize = 1;

/// Which of `needles` some file under `dir` holds, and where.
fn found_in(dir: &Path, needles: &[&str]) -> Vec<String> {
    needles
        .iter()
        .flat_map(|needle| {
            files_holding(dir, needle)
                .into_iter()
                .map(move |file| format!("{needle} in {}", file.display()))
        })
        .collect()
}

#[tokio::test]
async fn after_sign_out_no_byte_of_the_resident_remains() {
    let server = TestServer::start(true).await;
    let data = tempfile::tempdir().unwrap();
    let core = open_core(data.path(), &server.url()).await;
    let me = sign_in_as(&core, BINH).await;

    // A dossier with a fee, and a photo of a document beside it.
    let procedure = procedure_named(&server.url(), FEE_PROCEDURE).await;
    let draft = core.start_dossier(&procedure.id).await.unwrap();
    let mut values = extract_values();
    values.extend(draft.values);
    core.submit(&procedure.id, values).await.unwrap();
    let attached: AttachmentRef = core.attach("cccd-mat-truoc.jpg", photo(9)).await.unwrap();
    assert!(!attached.sha256.is_empty());
    core.deliver_outbox().await.unwrap();
    core.sync_dossiers().await.unwrap();
    let dossiers = core.dossiers().await.unwrap();
    let invoice = dossiers[0].invoice.as_ref().expect("the fee's invoice");
    assert_eq!(invoice.payer, me.full_name);
    assert!(matches!(
        dossiers[0].values.get("applicant_pin"),
        Some(FieldValue::Text(pin)) if pin == &me.personal_id_number
    ));

    let personal = [
        me.full_name.as_str(),
        me.personal_id_number.as_str(),
        me.birth_date
            .as_deref()
            .expect("the e-ID gives a birth date"),
        me.address.as_deref().expect("the e-ID gives an address"),
    ];
    // Encrypted at rest (`tests/encrypted_store.rs`): the bytes on disk never show the name, but
    // the store opened with the key the keyring keeps finds it.
    let store = at_rest::citizen_store(data.path(), &me.id).await;
    let profile: String = sqlx::query_scalar("SELECT profile_json FROM profile")
        .fetch_one(&store)
        .await
        .unwrap();
    store.close().await;
    assert!(
        profile.contains(&me.full_name),
        "the store holds the resident while signed in"
    );

    core.sign_out().await.unwrap();
    core.close().await;
    let after = found_in(data.path(), &personal);
    assert!(after.is_empty(), "left behind: {after:?}");
    assert!(
        at_rest::store_key(data.path(), &me.id).await.is_none(),
        "the store's key left the keyring (crypto-shredding)"
    );
    assert!(!at_rest::citizen_dir(data.path(), &me.id).exists());
    // The public catalogue stays for the next resident.
    let core = open_core(data.path(), &server.url()).await;
    assert!(core.status().await.unwrap().procedure_count > 300);
    core.close().await;
}
