//! Stands in for the system browser when the real app runs under WebDriver: the app runs
//! `sandbox-browser <resident-file> <url>` (its `--browser` setting plus the URL), and this signs
//! in at the sandbox e-ID as the demo resident whose index the test wrote to `<resident-file>`,
//! then follows the redirect back to the app's loopback listener.

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, resident_file, url] = args.as_slice() else {
        eprintln!("usage: sandbox-browser <resident-file> <authorize-url>");
        std::process::exit(2);
    };
    let resident: usize = std::fs::read_to_string(resident_file)
        .expect("resident file")
        .trim()
        .parse()
        .expect("a resident index");
    citizen_tests::browsers::play_sandbox(url, resident).await;
}
