//! Stands in for the system browser when the real app runs under WebDriver: the app runs
//! `sandbox-browser <resident-file> <url>` (its `--browser` setting plus the URL), and this signs
//! in at the sandbox e-ID as the demo resident whose index the test wrote to `<resident-file>`,
//! then follows the redirect back to the app's loopback listener. Sent to the sandbox payment
//! gateway instead, it pays (scenario "normal") and keeps the return page it lands on beside
//! `<resident-file>`, as `gateway-return.html`, for the test to read.

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, resident_file, url] = args.as_slice() else {
        eprintln!("usage: sandbox-browser <resident-file> <authorize-url>");
        std::process::exit(2);
    };
    if url.contains(citizen_server::payments::sandbox::GATEWAY_PAY_PATH) {
        let back = citizen_tests::payments::play_gateway(url, "pay", "normal")
            .await
            .unwrap_or_else(|| "no pay button: the order was paid already".to_owned());
        let beside = std::path::Path::new(resident_file).with_file_name("gateway-return.html");
        std::fs::write(beside, back).expect("return page written");
        return;
    }
    let resident: usize = std::fs::read_to_string(resident_file)
        .expect("resident file")
        .trim()
        .parse()
        .expect("a resident index");
    citizen_tests::browsers::play_sandbox(url, resident).await;
}
