//! The real `citizen-server` binary as an officer runs it: `officer add` against the server's
//! database, `staff …` against the running server's staff API.

use std::path::PathBuf;
use std::process::Output;

use crate::workspace_binary;

pub struct StaffCli {
    /// The test server's directory (`crate::database_url` finds its database from it).
    pub server_dir: PathBuf,
    pub server_url: String,
}

impl StaffCli {
    pub async fn run(&self, args: &[&str], token: Option<&str>) -> Output {
        let database = crate::database_url(&self.server_dir);
        let mut command = tokio::process::Command::new(workspace_binary("citizen-server"));
        command
            .args(args)
            .env("CITIZEN_DATABASE", database)
            .env("CITIZEN_STAFF_SERVER", &self.server_url)
            .env("CITIZEN_LOG", "warn");
        if let Some(token) = token {
            command.env("CITIZEN_STAFF_TOKEN", token);
        }
        command.output().await.expect("citizen-server runs")
    }

    /// Runs and insists on success; returns what it printed.
    pub async fn ok(&self, args: &[&str], token: Option<&str>) -> String {
        let output = self.run(args, token).await;
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8 output")
    }

    /// Adds an officer of `agency` and returns their token.
    pub async fn add_officer(&self, name: &str, agency: &str) -> String {
        self.ok(
            &["officer", "add", "--name", name, "--agency", agency],
            None,
        )
        .await
        .trim()
        .to_owned()
    }
}
