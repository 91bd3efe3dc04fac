//! `citizen-server vietqr`, the real binary, as a public-service centre prints its counter's
//! static code: the payload on stdout, or a clear refusal and a failing exit.

use citizen_tests::workspace_binary;

fn vietqr(args: &[&str]) -> std::process::Output {
    std::process::Command::new(workspace_binary("citizen-server"))
        .arg("vietqr")
        .args(args)
        .env("CITIZEN_LOG", "warn")
        .output()
        .expect("citizen-server runs")
}

#[test]
fn prints_a_static_or_dynamic_payload_and_refuses_a_bad_bin() {
    let dynamic = vietqr(&[
        "--bin",
        "970415",
        "--account",
        "0011001932418",
        "--amount",
        "120000",
        "--reference",
        "ung ho lu lut",
    ]);
    assert!(dynamic.status.success());
    assert_eq!(
        String::from_utf8(dynamic.stdout).unwrap().trim(),
        "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA\
         530370454061200005802VN62170813ung ho lu lut6304C15C"
    );
    let counter = vietqr(&["--bin", "970415", "--account", "0011001932418"]);
    assert!(counter.status.success());
    let payload = String::from_utf8(counter.stdout).unwrap();
    assert!(payload.starts_with("000201010211"), "static: {payload}");

    let bad = vietqr(&["--bin", "9704", "--account", "0011001932418"]);
    assert!(!bad.status.success());
    let said = String::from_utf8_lossy(&bad.stderr);
    assert!(said.contains("BIN must be 6 digits"), "{said}");
}
