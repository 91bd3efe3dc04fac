//! The change-feed decoder: the core's `FeedClient::page` fetches a page from a loopback server
//! that answers with the fuzzer's status, `Content-Encoding` and body (gzip and zstd as the real
//! server sends them, or bytes that claim to be), then `sync::check_progress` and, for the
//! catalogue, `catalog::store::apply_page` into a real store.
//!
//! Properties: a page the client accepts is exactly what `decode_answer` makes of the plain body;
//! a body over the size cap is refused however well it compresses; an error status is never a
//! page; a page that promises more with an unmoved cursor is refused; once applied, the store's
//! cursor is the page's and every procedure reads back as the page's last word on it.

#![no_main]

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use citizen_core::catalog::store as catalog_store;
use citizen_core::sync::{check_progress, decode_answer, FeedClient};
use citizen_core::CoreError;
use citizen_protocol::catalog::Procedure;
use citizen_protocol::dossiers::Dossier;
use citizen_protocol::feed::{Change, FeedPage};
use citizen_protocol::reports::Report;
use libfuzzer_sys::fuzz_target;

/// Small, so that the fuzzer's few kilobytes of zstd can cross it.
const CAP: usize = 256 * 1024;

/// The input: five bytes of header, the `after` cursor, then the body. The header picks the
/// status, the encoding (high bit: the harness compresses the body as a server would; otherwise
/// the bytes go as they are), how often the body repeats (pages larger than the input), the feed,
/// and the cursor's length (0: none). Seeds in `fuzz/corpus/feed_decode` are real pages.
struct Input<'a> {
    status: u8,
    encoding: u8,
    compress: bool,
    repeat: u8,
    scope: u8,
    after: Option<&'a str>,
    body: &'a [u8],
}

impl<'a> Input<'a> {
    fn parse(data: &'a [u8]) -> Option<Input<'a>> {
        let (header, rest) = data.split_first_chunk::<5>()?;
        let [status, encoding, repeat, scope, after_len] = *header;
        let after_len = usize::from(after_len);
        let (after, body) = if after_len == 0 {
            (None, rest)
        } else {
            let after = rest.get(..after_len - 1)?;
            (
                Some(std::str::from_utf8(after).ok()?),
                &rest[after_len - 1..],
            )
        };
        Some(Input {
            status,
            encoding: encoding & 0x7f,
            compress: encoding & 0x80 != 0,
            repeat,
            scope,
            after,
            body,
        })
    }
}

struct Harness {
    runtime: tokio::runtime::Runtime,
    client: FeedClient,
    store: citizen_core::store::Store,
    /// The raw HTTP answer the loopback server gives next.
    answer: &'static Mutex<Vec<u8>>,
    _dir: tempfile::TempDir,
}

fn harness() -> &'static Harness {
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    HARNESS.get_or_init(|| {
        static ANSWER: Mutex<Vec<u8>> = Mutex::new(Vec::new());
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for socket in listener.incoming() {
                let Ok(mut socket) = socket else { continue };
                let _ = socket.set_nodelay(true);
                std::thread::spawn(move || serve(&mut socket, &ANSWER));
            }
        });
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let store = runtime
            .block_on(citizen_core::store::Store::open(dir.path()))
            .unwrap()
            .store;
        let client = FeedClient::new(&url, Duration::from_secs(10))
            .unwrap()
            .with_max_body(CAP);
        Harness {
            runtime,
            client,
            store,
            answer: &ANSWER,
            _dir: dir,
        }
    })
}

/// Answers every request on the connection with the current answer, keeping it alive.
fn serve(socket: &mut std::net::TcpStream, answer: &Mutex<Vec<u8>>) {
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        while !request.windows(4).any(|w| w == b"\r\n\r\n") {
            match socket.read(&mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => request.extend_from_slice(&buf[..n]),
            }
        }
        request.clear();
        let bytes = answer.lock().unwrap().clone();
        if socket.write_all(&bytes).is_err() {
            return;
        }
    }
}

fn compress(encoding: &str, plain: &[u8]) -> Vec<u8> {
    match encoding {
        "gzip" => {
            let mut out = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            out.write_all(plain).unwrap();
            out.finish().unwrap()
        }
        "zstd" => zstd::encode_all(plain, 1).unwrap(),
        _ => plain.to_vec(),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(input) = Input::parse(data) else {
        return;
    };
    let h = harness();
    let status =
        [200u16, 200, 200, 200, 206, 401, 404, 422, 500, 503][usize::from(input.status) % 10];
    let encoding =
        ["identity", "gzip", "zstd", "gzip", "zstd", "br"][usize::from(input.encoding) % 6];
    let plain: Option<Vec<u8>> = input
        .compress
        .then(|| input.body.repeat(usize::from(input.repeat) + 1));
    let wire = match &plain {
        Some(plain) => compress(encoding, plain),
        None => input.body.to_vec(),
    };
    let mut head = format!("HTTP/1.1 {status} X\r\ncontent-type: application/json\r\n");
    if encoding != "identity" {
        head.push_str(&format!("content-encoding: {encoding}\r\n"));
    }
    head.push_str(&format!("content-length: {}\r\n\r\n", wire.len()));
    let mut answer = head.into_bytes();
    answer.extend_from_slice(&wire);
    *h.answer.lock().unwrap() = answer;

    let after = input.after;
    match input.scope % 3 {
        0 => {
            let got = h.runtime.block_on(h.client.page::<Procedure>(
                "/api/v1/feeds/catalog",
                after,
                None,
            ));
            check_answer(status, encoding, plain.as_deref(), &got);
            if let Ok(page) = got {
                let advanced = check_progress("catalog", after, &page);
                assert_eq!(
                    advanced.is_err(),
                    page.has_more && after == Some(page.cursor.as_str())
                );
                apply(h, &page);
            }
        }
        1 => {
            let got = h.runtime.block_on(h.client.page::<Dossier>(
                "/api/v1/feeds/dossiers",
                after,
                Some("t"),
            ));
            check_answer(status, encoding, plain.as_deref(), &got);
        }
        _ => {
            let got = h.runtime.block_on(h.client.page::<Report>(
                "/api/v1/feeds/reports",
                after,
                Some("t"),
            ));
            check_answer(status, encoding, plain.as_deref(), &got);
        }
    }
});

fn check_answer<T>(
    status: u16,
    encoding: &str,
    plain: Option<&[u8]>,
    got: &Result<FeedPage<T>, CoreError>,
) where
    T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    if !(200..300).contains(&status) {
        assert!(got.is_err(), "status {status} taken as a page");
    }
    if status == 401 {
        assert!(matches!(got, Err(CoreError::NotSignedIn)), "{got:?}");
    }
    let Some(plain) = plain else { return };
    if encoding == "br" {
        // Not something the client asked for; it must not pass as JSON that happens to parse.
        return;
    }
    if plain.len() > CAP && status != 401 {
        assert!(
            matches!(got, Err(CoreError::BadResponse(why)) if why.contains("too large")),
            "{} bytes ({encoding}) not refused: {got:?}",
            plain.len()
        );
        return;
    }
    if status == 401 {
        return;
    }
    // What came over HTTP is what the plain body says.
    let direct = decode_answer::<FeedPage<T>>(status, plain);
    match (got, &direct) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(a), Err(b)) => assert_eq!(a.code(), b.code(), "{a:?} / {b:?}"),
        (a, b) => panic!("over HTTP {a:?}, directly {b:?}"),
    }
}

/// Applies a catalogue page to the store and reads it back.
fn apply(h: &Harness, page: &FeedPage<Procedure>) {
    let pool = h.store.pool();
    let words = HashMap::new();
    h.runtime
        .block_on(catalog_store::apply_page(pool, page, &words))
        .expect("a decoded page applies");
    let cursor = h.runtime.block_on(catalog_store::cursor(pool)).unwrap();
    assert_eq!(cursor.as_deref(), Some(page.cursor.as_str()));
    let mut last: HashMap<&str, &Change<Procedure>> = HashMap::new();
    for change in &page.changes {
        let id = match change {
            Change::Upsert { item } => item.id.as_str(),
            Change::Tombstone { id } => id.as_str(),
        };
        last.insert(id, change);
    }
    for (id, change) in last {
        let stored = h.runtime.block_on(catalog_store::get(pool, id));
        match change {
            Change::Upsert { item } => {
                assert_eq!(
                    stored.as_ref().ok(),
                    Some(item),
                    "procedure {id:?} reads back"
                )
            }
            Change::Tombstone { .. } => assert!(stored.is_err(), "procedure {id:?} is gone"),
        }
    }
}
