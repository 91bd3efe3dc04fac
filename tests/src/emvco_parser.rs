//! An independent reader of EMVCo merchant-presented QR payloads: `vietqr-emvco` (PyPI), run by
//! Python, so that the server's VietQR payloads (`citizen_server::payments::vietqr`) are checked
//! against an implementation written by someone else.
//!
//! The package is installed by the tests themselves, once, into a virtual environment under the
//! cargo target directory (`<target>/python/vietqr-emvco-1.0.0`), and reused by every later run.
//! What a machine needs: `python3` with `venv` and `pip`, and PyPI. The version is pinned, and so is
//! the sha256 of its wheel (`--require-hashes`, wheels only, so installing runs no code of it).
//!
//! The library is small and lenient (see its `parser.py`): `parse` reads the TLVs by the lengths
//! they state, keeps the last of a repeated id and stops quietly at a length that is not a number,
//! so the tests also compare its `raw_tags` with the whole payload.

use std::fs::{self, File};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use serde_json::Value;

use crate::workspace_root;

const PACKAGE: &str = "vietqr-emvco";
const VERSION: &str = "1.0.0";
/// sha256 of `vietqr_emvco-1.0.0-py3-none-any.whl` as PyPI serves it.
const WHEEL_SHA256: &str = "e082619ac1a00254e63f0dae84c30c9c5c25afc52ead086448b9588edc3ef527";

/// Reads a JSON list of payloads on stdin, writes a JSON list of what the library makes of each.
const SCRIPT: &str = r#"
import json, sys
from vietqr_emvco import VietQRParser
results = []
for payload in json.load(sys.stdin):
    result = VietQRParser.parse(payload)
    result["crc_ok"] = VietQRParser.verify_checksum(payload)
    results.append(result)
json.dump(results, sys.stdout)
"#;

/// Each payload as vietqr-emvco (PyPI) reads it: its parse() dict plus "crc_ok": verify_checksum().
///
/// The keys are the library's: `payload_format_indicator`, `point_of_initiation_method`,
/// `napas_guid` (only when there is a tag 38), `bank_bin`, `account_number`, `service_code`,
/// `currency`, `amount`, `country_code`, `memo` (tag 62, sub-tag 08; "" when absent), `checksum`,
/// `raw_tags` (top-level id → value). `amount` comes back as a float (`float(tag 54)`, JSON
/// `135000.0`) or null, not as the integer the payload holds: compare it with the integer as f64
/// (exact up to 2^53, well above the largest amount of 9,999,999,999,999 đồng), or read
/// `raw_tags["54"]` for the digits themselves.
///
/// All payloads go to one Python process. Panics, with Python's stderr, if it fails.
pub fn parse_with_vietqr_emvco(payloads: &[String]) -> Vec<Value> {
    let python = venv_python();
    let mut child = Command::new(&python)
        .args(["-I", "-c", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("could not run {}: {e}", python.display()));
    // The script reads all of stdin before it writes anything, so this cannot block on a full
    // stdout pipe.
    let input = serde_json::to_vec(payloads).expect("payloads as JSON");
    child
        .stdin
        .take()
        .expect("stdin piped")
        .write_all(&input)
        .unwrap_or_else(|e| panic!("could not write the payloads to {PACKAGE}'s script: {e}"));
    let output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("{PACKAGE}'s script: {e}"));
    if !output.status.success() {
        panic!(
            "{PACKAGE}'s script failed ({}); its stderr:\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let results: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{PACKAGE}'s script printed no JSON list ({e}): {}\nits stderr:\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    assert_eq!(
        results.len(),
        payloads.len(),
        "{PACKAGE}'s script answered for another number of payloads: {results:?}"
    );
    results
}

/// The virtual environment's Python, with the package installed: by an earlier run, by another
/// test waited for, or now.
fn venv_python() -> PathBuf {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(install).clone()
}

/// The cargo target directory, found as `workspace_binary` finds it.
fn target_dir() -> PathBuf {
    std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| workspace_root().join("target"))
}

/// Creates the virtual environment and installs the package, unless done already. Test binaries
/// run at the same time take turns on a lock file; the marker file, written last, says that the
/// environment is complete, so one left half-made by an interrupted run is made again.
fn install() -> PathBuf {
    let requirement = format!("{PACKAGE}=={VERSION} --hash=sha256:{WHEEL_SHA256}\n");
    let root = target_dir().join("python");
    let venv = root.join(format!("{PACKAGE}-{VERSION}"));
    let python = venv.join("bin").join("python");
    let marker = venv.join(".installed");
    let ready = || fs::read_to_string(&marker).is_ok_and(|m| m == requirement) && python.is_file();
    if ready() {
        return python;
    }

    fs::create_dir_all(&root)
        .unwrap_or_else(|e| panic!("could not create {}: {e}", root.display()));
    let lock_path = root.join(format!("{PACKAGE}-{VERSION}.lock"));
    let lock = File::create(&lock_path)
        .unwrap_or_else(|e| panic!("could not create {}: {e}", lock_path.display()));
    lock.lock()
        .unwrap_or_else(|e| panic!("could not lock {}: {e}", lock_path.display()));
    if ready() {
        return python;
    }

    eprintln!("installing {PACKAGE} {VERSION} into {}", venv.display());
    // `--clear`: whatever an interrupted run left there goes.
    run(
        Command::new("python3")
            .args(["-m", "venv", "--clear"])
            .arg(&venv),
        "python3 -m venv (needs python3 with its venv module and pip)",
    );
    let requirements = venv.join("requirements.txt");
    fs::write(&requirements, &requirement)
        .unwrap_or_else(|e| panic!("could not write {}: {e}", requirements.display()));
    run(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--no-input",
                "--disable-pip-version-check",
            ])
            .args(["--only-binary", ":all:", "--require-hashes", "-r"])
            .arg(&requirements),
        &format!("pip install {PACKAGE}=={VERSION}"),
    );
    fs::write(&marker, &requirement)
        .unwrap_or_else(|e| panic!("could not write {}: {e}", marker.display()));
    // The lock is released when `lock` is dropped (or when the process ends, however it ends).
    drop(lock);
    python
}

/// Runs a set-up command; panics with its output if it fails.
fn run(command: &mut Command, what: &str) {
    let output = command
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{what}: could not run {:?}: {e}", command.get_program()));
    if !output.status.success() {
        panic!(
            "{what} failed ({}); stderr:\n{}\nstdout:\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr),
            String::from_utf8_lossy(&output.stdout)
        );
    }
}
