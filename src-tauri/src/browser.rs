//! Where the sign-in page opens: the system browser (RFC 8252 §8.12: never an embedded webview,
//! so the resident's e-ID credentials and passkeys stay with the browser), or the command given
//! by `--browser`.

use citizen_core::Browser;
use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt;

pub enum ShellBrowser {
    System(AppHandle),
    Command { program: String, args: Vec<String> },
}

impl ShellBrowser {
    pub fn new(app: &AppHandle, command: Option<&str>) -> Result<ShellBrowser, String> {
        let Some(command) = command.filter(|c| !c.trim().is_empty()) else {
            return Ok(ShellBrowser::System(app.clone()));
        };
        let mut words = command.split_whitespace().map(str::to_owned);
        let program = words.next().ok_or("--browser is empty")?;
        Ok(ShellBrowser::Command {
            program,
            args: words.collect(),
        })
    }
}

impl Browser for ShellBrowser {
    fn open(&self, url: &str) -> Result<(), String> {
        match self {
            ShellBrowser::System(app) => app
                .opener()
                .open_url(url, None::<&str>)
                .map_err(|e| e.to_string()),
            ShellBrowser::Command { program, args } => {
                let mut child = std::process::Command::new(program)
                    .args(args)
                    .arg(url)
                    .spawn()
                    .map_err(|e| format!("{program}: {e}"))?;
                // Reap it when it exits, whenever that is.
                std::thread::spawn(move || {
                    let _ = child.wait();
                });
                Ok(())
            }
        }
    }
}
