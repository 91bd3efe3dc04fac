//! Sign-in on the app's side: OAuth 2.0 for native apps (RFC 8252) against the provincial
//! server, which brokers the national e-ID. The system browser does the sign-in (never the app's
//! webview, so the resident's e-ID credentials never pass through the app); the app gets a code
//! on a loopback redirect, exchanges it with its PKCE verifier, keeps the refresh token in the OS
//! keyring (`vault`) and the access token in memory.
//!
//! The session survives restarts and the network going away: the app shows the last known
//! profile, read-only, until the refresh token would have expired. A refresh the server refuses
//! (signed out everywhere, reuse detected) ends the session at once.

mod client;
#[cfg(target_os = "linux")]
mod kernel_keyring;
mod loopback;
mod records;
pub mod vault;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use citizen_protocol::assist::{AuditEntry, HandOff, HelperSession};
use citizen_protocol::auth::CitizenProfile;
use citizen_protocol::error::ErrorCode;
use citizen_protocol::ipc::Session;
use sqlx::SqlitePool;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use tokio::sync::oneshot;

pub use client::AuthClient;
use client::{Granted, HandOffDetails};
use records::SessionRow;
use vault::{KeyringChoice, Vault};

use crate::at_rest::{AtRestError, Files, StoreKey};
use crate::error::CoreError;
use crate::store::{self, Store};

/// How the app opens a URL in the resident's browser. The shell supplies the system browser;
/// tests supply one that plays the sandbox e-ID.
pub trait Browser: Send + Sync {
    fn open(&self, url: &str) -> Result<(), String>;
}

/// What the browser shows when it comes back to the app.
pub struct ReturnPages {
    pub signed_in: String,
    pub failed: String,
}

/// An access token is refreshed this long before it expires, so a request never races expiry.
const ACCESS_MARGIN: Duration = Duration::from_secs(30);
/// How long a sign-in waits for the resident to finish in the browser.
const SIGN_IN_PATIENCE: Duration = Duration::from_secs(15 * 60);

struct Signed {
    citizen_id: String,
    profile: CitizenProfile,
    store: Store,
    files: Files,
    access: Option<(String, Instant)>,
    refresh_expires_at: OffsetDateTime,
    /// The server confirmed this session since the app started.
    confirmed: bool,
    /// When the server last confirmed it, by answering with the profile.
    checked_at: Option<Instant>,
    /// A kiosk's or an assisted session: never restored after a restart.
    limited: bool,
    /// In an assisted session: the helper, and the server's id of the session.
    helper: Option<(CitizenProfile, String)>,
}

impl Signed {
    fn view(&self) -> Session {
        Session {
            citizen: self.profile.clone(),
            offline: !self.confirmed,
            expires_at: rfc3339(self.refresh_expires_at),
            helper: self.helper.as_ref().map(|(p, _)| p.clone()),
            limited: self.limited,
        }
    }
}

/// How a sign-in ended up: the app's own, a kiosk's hand-off, or a helper (the one signed in
/// now) acting for a resident in the server's assisted session `session`.
enum Kind {
    Own,
    Kiosk,
    Assisted { session: String },
}

pub struct Auth {
    client: AuthClient,
    /// Err when no keyring answers: the catalogue still works, signing in does not.
    vault: Result<Vault, String>,
    device: SqlitePool,
    data_dir: PathBuf,
    current: tokio::sync::Mutex<Option<Signed>>,
    /// What `current` looks like, readable without waiting for a refresh in flight.
    view: Mutex<Option<Session>>,
    cancel: Mutex<Option<oneshot::Sender<()>>>,
    one_sign_in: tokio::sync::Mutex<()>,
    check_every: Duration,
    /// A kiosk's hand-off code on the screen, waiting for the resident's phone.
    kiosk_hand_off: Mutex<Option<HandOffDetails>>,
    /// A helper's request for consent: the server's session id and its hand-off.
    assist_hand_off: Mutex<Option<(String, HandOffDetails)>>,
    /// The helper's own session, set aside while they act for a resident.
    parked: tokio::sync::Mutex<Option<Signed>>,
}

impl Auth {
    /// Opens sign-in and restores the last session, if it is still good. The second value is a
    /// notice for the resident when a session had to be ended (expired, keyring emptied).
    pub async fn open(
        client: AuthClient,
        device: SqlitePool,
        data_dir: &Path,
        keyring: KeyringChoice,
        check_every: Duration,
    ) -> Result<(Auth, Option<ErrorCode>), CoreError> {
        let install_id =
            records::install_id(&device, || oauth2::CsrfToken::new_random().secret().clone())
                .await?;
        let vault = match Vault::open(keyring, &install_id) {
            Ok(vault) => {
                tracing::info!(keyring = vault.backend, "keyring ready");
                Ok(vault)
            }
            Err(e) => {
                tracing::warn!(error = %e, "no keyring: signing in is unavailable");
                Err(e.to_string())
            }
        };
        let auth = Auth {
            client,
            vault,
            device,
            data_dir: data_dir.to_owned(),
            current: tokio::sync::Mutex::new(None),
            view: Mutex::new(None),
            cancel: Mutex::new(None),
            one_sign_in: tokio::sync::Mutex::new(()),
            check_every,
            kiosk_hand_off: Mutex::new(None),
            assist_hand_off: Mutex::new(None),
            parked: tokio::sync::Mutex::new(None),
        };
        let notice = auth.restore().await?;
        auth.sweep_leftovers().await;
        Ok((auth, notice))
    }

    async fn restore(&self) -> Result<Option<ErrorCode>, CoreError> {
        let Some(row) = records::session(&self.device).await? else {
            return Ok(None);
        };
        let expires = OffsetDateTime::parse(&row.refresh_expires_at, &Rfc3339).ok();
        let token = match &self.vault {
            Ok(vault) => vault.get(&row.citizen_id).unwrap_or_else(|e| {
                tracing::warn!(error = %e, "keyring read failed");
                None
            }),
            Err(_) => None,
        };
        let why = if row.server_url != self.client.server_url() {
            Some("the app now talks to another server")
        } else if expires.is_none_or(|at| at <= OffsetDateTime::now_utc()) {
            Some("the session expired")
        } else if token.is_none() {
            Some("the keyring no longer holds the session")
        } else {
            None
        };
        let key_gone = match &self.vault {
            Ok(vault) => matches!(vault.store_key(&row.citizen_id), Ok(None)),
            Err(_) => true,
        };
        if why.is_some() && key_gone {
            // The session ends, and its store cannot be read: set aside, not removed, since a
            // keyring that does not answer today may answer tomorrow.
            self.set_aside_unreadable(&row.citizen_id)?;
        }
        let store = if why.is_none() {
            Some(self.open_citizen(&row.citizen_id).await?)
        } else {
            None
        };
        let profile = match &store {
            Some((store, _)) => records::profile(store.pool()).await?,
            None => None,
        };
        match (why, store, profile, expires) {
            (None, Some((store, files)), Some(profile), Some(refresh_expires_at)) => {
                let signed = Signed {
                    citizen_id: row.citizen_id,
                    profile,
                    store,
                    files,
                    access: None,
                    refresh_expires_at,
                    confirmed: false,
                    checked_at: None,
                    limited: false,
                    helper: None,
                };
                tracing::info!(citizen = %signed.citizen_id, "session restored; confirming with the server");
                self.set(Some(signed), &mut *self.current.lock().await);
                Ok(None)
            }
            (why, store, ..) => {
                let why = why.unwrap_or("the local profile is missing");
                tracing::info!(citizen = %row.citizen_id, why, "last session ended");
                if let Some((store, _)) = store {
                    store.close().await;
                }
                self.forget(&row.citizen_id).await?;
                Ok(Some(ErrorCode::NotSignedIn))
            }
        }
    }

    /// Removes what a kiosk's or an assisted session left when the app stopped mid-session
    /// (they write no session row, so `restore` does not know them): every citizen's store but
    /// the restored session's, with its keyring entry.
    async fn sweep_leftovers(&self) {
        let keep = self
            .current
            .lock()
            .await
            .as_ref()
            .map(|s| s.citizen_id.clone());
        let Ok(entries) = std::fs::read_dir(self.data_dir.join("citizens")) else {
            return;
        };
        for entry in entries.flatten() {
            let id = entry.file_name().to_string_lossy().into_owned();
            if Some(&id) == keep.as_ref() || self.citizen_dir(&id).is_err() {
                continue;
            }
            if let Ok(vault) = &self.vault {
                // The store key first: should the files resist removal, they are noise already.
                for deleted in [vault.delete_store_key(&id), vault.delete(&id)] {
                    if let Err(e) = deleted {
                        tracing::warn!(error = %e, "a left-over keyring entry could not be removed");
                    }
                }
            }
            match std::fs::remove_dir_all(entry.path()) {
                Ok(()) => tracing::info!("removed a session's data left by an earlier run"),
                Err(e) => tracing::error!(error = %e, "left-over data could not be removed"),
            }
        }
    }

    pub fn session(&self) -> Option<Session> {
        self.view.lock().expect("view lock").clone()
    }

    pub fn signing_in(&self) -> bool {
        self.cancel.lock().expect("cancel lock").is_some()
    }

    /// The signed-in citizen's own store, for the features that keep personal data.
    pub async fn citizen_store(&self) -> Result<Store, CoreError> {
        self.current
            .lock()
            .await
            .as_ref()
            .map(|s| s.store.clone())
            .ok_or(CoreError::NotSignedIn)
    }

    /// The signed-in citizen's store and the attachment files kept beside it.
    pub async fn citizen_place(&self) -> Result<(Store, Files), CoreError> {
        let current = self.current.lock().await;
        let signed = current.as_ref().ok_or(CoreError::NotSignedIn)?;
        Ok((signed.store.clone(), signed.files.clone()))
    }

    /// Opens a citizen's encrypted store and files, with the key the keyring keeps for them; the
    /// first open makes the key. A store whose key the keyring has lost is set aside and a fresh
    /// one begun: without its profile the session it belonged to ends, and the resident signs in
    /// again.
    async fn open_citizen(&self, citizen_id: &str) -> Result<(Store, Files), CoreError> {
        let vault = self
            .vault
            .as_ref()
            .map_err(|e| CoreError::Keyring(e.clone()))?;
        let dir = self.citizen_dir(citizen_id)?;
        let key = match vault.store_key(citizen_id)? {
            Some(key) => key,
            None => {
                if store::holds_encrypted(&dir) {
                    tracing::error!(error = %AtRestError::KeyLost, "a citizen's store cannot be read");
                    self.set_aside_unreadable(citizen_id)?;
                }
                let key = StoreKey::generate();
                vault.put_store_key(citizen_id, &key)?;
                key
            }
        };
        let opened = Store::open_citizen(&dir, &key).await?;
        let files = Files::new(crate::dossiers::files_dir(&dir), key.files());
        let sealed = files
            .seal_plaintext()
            .map_err(|e| CoreError::from(AtRestError::Migration(e.to_string())))?;
        if sealed > 0 {
            tracing::info!(
                sealed,
                "attachments left in plaintext by an earlier version are now encrypted"
            );
        }
        Ok((opened.store, files))
    }

    /// Moves a citizen's directory that cannot be read now to `<data dir>/unreadable/` (never
    /// deleted: a keyring that comes back brings its key back too). `sweep_leftovers` only looks
    /// under `citizens/`.
    fn set_aside_unreadable(&self, citizen_id: &str) -> Result<(), CoreError> {
        let dir = self.citizen_dir(citizen_id)?;
        if !store::holds_encrypted(&dir) {
            return Ok(());
        }
        let aside_dir = self.data_dir.join("unreadable");
        std::fs::create_dir_all(&aside_dir).map_err(|e| CoreError::StoreFailed(e.to_string()))?;
        let stamp = OffsetDateTime::now_utc().unix_timestamp();
        let aside = aside_dir.join(format!("{citizen_id}-{stamp}"));
        std::fs::rename(&dir, &aside).map_err(|e| CoreError::StoreFailed(e.to_string()))?;
        tracing::warn!(set_aside = %aside.display(), "a citizen's encrypted store without its key was set aside");
        Ok(())
    }

    /// A valid access token for the server's API, refreshed when it is about to expire.
    pub async fn bearer(&self) -> Result<String, CoreError> {
        let mut current = self.current.lock().await;
        match self.access_token(&mut current).await? {
            Some((token, _)) => Ok(token),
            None => Err(CoreError::NotSignedIn),
        }
    }

    /// Stops a sign-in that is waiting for the browser.
    pub fn cancel_sign_in(&self) {
        if let Some(cancel) = self.cancel.lock().expect("cancel lock").take() {
            let _ = cancel.send(());
        }
    }

    /// Signs in through the browser. A sign-in already waiting is cancelled: the resident pressed
    /// "sign in" again, most likely after closing the browser.
    pub async fn sign_in(
        &self,
        browser: &dyn Browser,
        pages: ReturnPages,
    ) -> Result<Session, CoreError> {
        self.cancel_sign_in();
        let _one = self.one_sign_in.lock().await;
        if let Err(e) = &self.vault {
            return Err(CoreError::Keyring(e.clone()));
        }
        let loopback = loopback::Loopback::bind().await?;
        let started = self.client.start(loopback.redirect_uri())?;
        let (cancel, cancelled) = oneshot::channel();
        *self.cancel.lock().expect("cancel lock") = Some(cancel);
        let result = async {
            browser
                .open(&started.url)
                .map_err(|e| CoreError::SignInFailed(format!("could not open the browser: {e}")))?;
            tracing::info!("sign-in: waiting for the browser");
            let arrival = tokio::select! {
                arrival = loopback.arrival() => arrival,
                _ = cancelled => return Err(CoreError::SignInCancelled),
                _ = tokio::time::sleep(SIGN_IN_PATIENCE) => return Err(CoreError::SignInCancelled),
            };
            let outcome = self
                .finish(&arrival.params, started, loopback.redirect_uri())
                .await;
            arrival
                .answer(if outcome.is_ok() {
                    &pages.signed_in
                } else {
                    &pages.failed
                })
                .await;
            outcome
        }
        .await;
        self.cancel.lock().expect("cancel lock").take();
        match &result {
            Ok(_) => tracing::info!("sign-in: signed in"),
            Err(e) => {
                tracing::warn!(code = e.code().as_str(), error = %e, "sign-in: not signed in")
            }
        }
        result
    }

    async fn finish(
        &self,
        params: &std::collections::HashMap<String, String>,
        started: client::Started,
        redirect_uri: &str,
    ) -> Result<Session, CoreError> {
        // RFC 6749 §10.12: an answer without our state is not to our request.
        if params.get("state") != Some(&started.state) {
            return Err(CoreError::SignInFailed(
                "the answer's state is not this sign-in's".into(),
            ));
        }
        if let Some(error) = params.get("error") {
            let code = params.get("error_code").and_then(|c| ErrorCode::parse(c));
            return Err(match code {
                Some(ErrorCode::SignInCancelled) => CoreError::SignInCancelled,
                Some(ErrorCode::EidUnavailable) => CoreError::EidUnavailable,
                Some(ErrorCode::TooManyAttempts) => CoreError::TooManyAttempts,
                _ => CoreError::SignInFailed(format!("the server answered {error}")),
            });
        }
        let code = params
            .get("code")
            .ok_or_else(|| CoreError::SignInFailed("neither code nor error".into()))?;
        let granted = self
            .client
            .exchange(code.clone(), started.verifier, redirect_uri)
            .await?;
        self.adopt(granted, Kind::Own).await
    }

    /// Makes a grant the current session. An assisted one sets the helper's own session aside;
    /// any other ends whoever was signed in here first (one resident at a time).
    async fn adopt(&self, granted: Granted, kind: Kind) -> Result<Session, CoreError> {
        let profile = self.client.me(&granted.access_token).await?;
        // The id names a directory: refused here, before anything changes.
        self.citizen_dir(&profile.id)?;
        let mut current = self.current.lock().await;
        let (limited, helper) = match kind {
            Kind::Own => (false, None),
            Kind::Kiosk => (true, None),
            // Set aside only now that nothing before can fail: a failed start keeps the helper.
            Kind::Assisted { session } => {
                let helper = current.take().ok_or(CoreError::NotSignedIn)?;
                let profile = helper.profile.clone();
                *self.parked.lock().await = Some(helper);
                (true, Some((profile, session)))
            }
        };
        if let Some(previous) = current.take() {
            self.end(previous, true).await;
        }
        let (store, files) = self.open_citizen(&profile.id).await?;
        let now = rfc3339(OffsetDateTime::now_utc());
        records::save_profile(store.pool(), &profile, &now).await?;
        let mut signed = Signed {
            citizen_id: profile.id.clone(),
            profile,
            store,
            files,
            access: None,
            refresh_expires_at: OffsetDateTime::now_utc(),
            confirmed: true,
            checked_at: Some(Instant::now()),
            limited,
            helper,
        };
        self.granted(&mut signed, granted).await?;
        let view = signed.view();
        self.set(Some(signed), &mut current);
        Ok(view)
    }

    /// Asks the server for a kiosk's hand-off code (RFC 8628), to show as a QR code.
    pub async fn kiosk_hand_off(&self) -> Result<HandOff, CoreError> {
        let details = self.client.kiosk_hand_off().await?;
        let shown = hand_off_view(&details)?;
        *self.kiosk_hand_off.lock().expect("hand-off lock") = Some(details);
        tracing::info!("kiosk: hand-off code shown");
        Ok(shown)
    }

    /// Waits for the resident to approve the kiosk's code on their phone, then signs them in
    /// here with the kiosk's narrowed, short-lived session.
    pub async fn wait_kiosk_hand_off(&self) -> Result<Session, CoreError> {
        let details = self
            .kiosk_hand_off
            .lock()
            .expect("hand-off lock")
            .clone()
            .ok_or(CoreError::HandOffExpired)?;
        let granted = self.wait(&details).await;
        self.kiosk_hand_off.lock().expect("hand-off lock").take();
        let session = self.adopt(granted?, Kind::Kiosk).await?;
        tracing::info!("kiosk: signed in by hand-off");
        Ok(session)
    }

    /// Polls a hand-off until it is answered, expires, or the wait is cancelled.
    async fn wait(&self, details: &HandOffDetails) -> Result<Granted, CoreError> {
        self.cancel_sign_in();
        let (cancel, cancelled) = oneshot::channel();
        *self.cancel.lock().expect("cancel lock") = Some(cancel);
        let outcome = tokio::select! {
            granted = self.client.wait_hand_off(details) => granted,
            _ = cancelled => Err(CoreError::SignInCancelled),
        };
        self.cancel.lock().expect("cancel lock").take();
        if let Err(e) = &outcome {
            tracing::info!(code = e.code().as_str(), "hand-off ended without a sign-in");
        }
        outcome
    }

    /// A helper starts assisting a resident: the hand-off code the resident approves.
    pub async fn assist_start(&self) -> Result<HandOff, CoreError> {
        let token = self.own_bearer().await?;
        let started = self.client.start_assist(&token).await?;
        let details: HandOffDetails = serde_json::to_value(&started.device)
            .and_then(serde_json::from_value)
            .map_err(|e| CoreError::BadResponse(e.to_string()))?;
        let shown = hand_off_view(&details)?;
        *self.assist_hand_off.lock().expect("assist lock") = Some((started.session_id, details));
        tracing::info!("assist: waiting for the resident's consent");
        Ok(shown)
    }

    /// A resident without a phone: the helper sends their personal number and a photo of the
    /// consent form they signed. `assist_wait` then goes on as if they had approved.
    pub async fn assist_consent_photo(
        &self,
        personal_id_number: &str,
        photo: Vec<u8>,
    ) -> Result<(), CoreError> {
        let session = self
            .assist_hand_off
            .lock()
            .expect("assist lock")
            .as_ref()
            .map(|(id, _)| id.clone())
            .ok_or(CoreError::HandOffExpired)?;
        let token = self.own_bearer().await?;
        self.client
            .consent_photo(&token, &session, personal_id_number, photo)
            .await
    }

    /// Waits for the resident's consent, exchanges it with the helper's own token for a
    /// delegated session (RFC 8693), and acts for the resident from then on.
    pub async fn assist_wait(&self) -> Result<Session, CoreError> {
        let (session, details) = self
            .assist_hand_off
            .lock()
            .expect("assist lock")
            .clone()
            .ok_or(CoreError::HandOffExpired)?;
        let consent = self.wait(&details).await;
        self.assist_hand_off.lock().expect("assist lock").take();
        let consent = consent?;
        let helper_token = self.own_bearer().await?;
        let delegated = self
            .client
            .exchange_for_helper(&consent.access_token, &helper_token)
            .await?;
        let view = self.adopt(delegated, Kind::Assisted { session }).await;
        if view.is_err() && self.parked.lock().await.is_some() {
            // Set aside, then failed (the resident's store): the helper comes back.
            let mut current = self.current.lock().await;
            if let Some(half) = current.take() {
                self.end(half, true).await;
            }
            self.resume_parked(&mut current).await;
        }
        tracing::info!(ok = view.is_ok(), "assist: acting for the resident");
        view
    }

    /// Ends the assisted session: the server is told, the resident's data leaves the device,
    /// and the helper's own session comes back.
    pub async fn assist_end(&self) -> Result<(), CoreError> {
        let mut current = self.current.lock().await;
        let Some(signed) = current.take() else {
            return Err(CoreError::NotSignedIn);
        };
        let Some((_, session)) = signed.helper.clone() else {
            self.set(Some(signed), &mut current);
            return Err(CoreError::AssistEnded);
        };
        if let Some((token, _)) = &signed.access {
            if let Err(e) = self.client.end_assist(token, &session).await {
                tracing::warn!(error = %e, "assist: the server could not be told; the session lapses there at its time limit");
            }
        }
        self.end(signed, true).await;
        self.resume_parked(&mut current).await;
        tracing::info!("assist: session ended, the resident's data removed");
        Ok(())
    }

    /// The sessions this helper ran (online).
    pub async fn helper_sessions(&self) -> Result<Vec<HelperSession>, CoreError> {
        let token = self.own_bearer().await?;
        self.client.helper_sessions(&token).await
    }

    /// The resident's audit log: what helpers did in their name (online).
    pub async fn audit_log(&self) -> Result<Vec<AuditEntry>, CoreError> {
        let token = self.bearer().await?;
        self.client.audit_log(&token).await
    }

    /// The access token of a session that is the citizen's own (not a kiosk's or assisted).
    async fn own_bearer(&self) -> Result<String, CoreError> {
        let mut current = self.current.lock().await;
        match current.as_ref() {
            Some(signed) if !signed.limited => {}
            Some(_) => return Err(CoreError::OutOfScope),
            None => return Err(CoreError::NotSignedIn),
        }
        match self.access_token(&mut current).await? {
            Some((token, _)) => Ok(token),
            None => Err(CoreError::NotSignedIn),
        }
    }

    /// Brings back a helper's session set aside during an assisted one.
    async fn resume_parked(&self, current: &mut Option<Signed>) {
        let parked = self.parked.lock().await.take();
        if let Some(helper) = &parked {
            let row = SessionRow {
                citizen_id: helper.citizen_id.clone(),
                server_url: self.client.server_url().to_owned(),
                refresh_expires_at: rfc3339(helper.refresh_expires_at),
            };
            let now = rfc3339(OffsetDateTime::now_utc());
            if let Err(e) = records::save_session(&self.device, &row, &now).await {
                tracing::error!(error = %e, "assist: the helper's session row could not be restored");
            }
        }
        self.set(parked, current);
    }

    /// Records a grant: the new refresh token in the keyring first (the old one is spent), then
    /// the expiry in the session row.
    async fn granted(&self, signed: &mut Signed, granted: Granted) -> Result<(), CoreError> {
        let vault = self
            .vault
            .as_ref()
            .map_err(|e| CoreError::Keyring(e.clone()))?;
        vault.put(&signed.citizen_id, &granted.refresh_token)?;
        let now = OffsetDateTime::now_utc();
        signed.refresh_expires_at = now + granted.refresh_expires_in;
        signed.access = Some((
            granted.access_token,
            Instant::now() + granted.access_expires_in,
        ));
        signed.confirmed = true;
        // A kiosk's or an assisted session is never restored: a restart ends it.
        if !signed.limited {
            records::save_session(
                &self.device,
                &SessionRow {
                    citizen_id: signed.citizen_id.clone(),
                    server_url: self.client.server_url().to_owned(),
                    refresh_expires_at: rfc3339(signed.refresh_expires_at),
                },
                &rfc3339(now),
            )
            .await?;
        }
        Ok(())
    }

    /// Keeps the session fresh; called after every sync. Confirms it with the server (and
    /// refreshes the profile) when the access token was just refreshed or `check_every` has
    /// passed, so a session revoked elsewhere ends here too. Unreachable is fine (the session
    /// stays, offline); a refusal ends it, and so does the refresh token's expiry. Returns a
    /// notice when the session ended.
    pub async fn keep_alive(&self) -> Option<ErrorCode> {
        let mut current = self.current.lock().await;
        let due = current
            .as_ref()?
            .checked_at
            .is_none_or(|at| at.elapsed() >= self.check_every);
        let outcome = match self.access_token(&mut current).await {
            Ok(Some((token, fresh))) if fresh || due => {
                match self.refresh_profile(&mut current, &token).await {
                    // The access token was revoked (signed out everywhere): the refresh will say.
                    Err(CoreError::NotSignedIn) => {
                        if let Some(signed) = current.as_mut() {
                            signed.access = None;
                        }
                        self.access_token(&mut current).await.map(|_| ())
                    }
                    other => other,
                }
            }
            Ok(_) => Ok(()),
            Err(e) => Err(e),
        };
        match outcome {
            Ok(()) => None,
            // An assisted session over (time limit, ended elsewhere): the helper is back.
            Err(CoreError::NotSignedIn) if current.is_some() => Some(ErrorCode::AssistEnded),
            Err(CoreError::NotSignedIn) => Some(ErrorCode::NotSignedIn),
            Err(e) => {
                tracing::debug!(error = %e, "session not confirmed");
                None
            }
        }
    }

    /// A valid access token, refreshing when needed; `true` when it was just refreshed.
    async fn access_token(
        &self,
        current: &mut Option<Signed>,
    ) -> Result<Option<(String, bool)>, CoreError> {
        let Some(signed) = current.as_mut() else {
            return Ok(None);
        };
        if let Some((token, until)) = &signed.access {
            if Instant::now() + ACCESS_MARGIN < *until {
                return Ok(Some((token.clone(), false)));
            }
        }
        let refresh = if signed.refresh_expires_at <= OffsetDateTime::now_utc() {
            tracing::info!("session expired");
            None
        } else {
            let vault = self
                .vault
                .as_ref()
                .map_err(|e| CoreError::Keyring(e.clone()))?;
            let token = vault.get(&signed.citizen_id)?;
            if token.is_none() {
                tracing::warn!("the keyring lost the session's token");
            }
            token
        };
        let outcome = match refresh {
            Some(refresh) => self.client.refresh(&refresh).await,
            None => Err(CoreError::NotSignedIn),
        };
        let outcome = match outcome {
            Ok(granted) => self.granted(signed, granted).await,
            Err(e) => Err(e),
        };
        match outcome {
            Ok(()) => {
                let token = signed.access.as_ref().map(|(t, _)| (t.clone(), true));
                let signed = current.take();
                self.set(signed, current);
                Ok(token)
            }
            Err(CoreError::NotSignedIn) => {
                tracing::info!("session over (expired, signed out elsewhere or revoked)");
                if let Some(signed) = current.take() {
                    self.end(signed, false).await;
                }
                Box::pin(self.resume_parked(current)).await;
                Err(CoreError::NotSignedIn)
            }
            Err(e) => {
                signed.confirmed = false;
                let signed = current.take();
                self.set(signed, current);
                Err(e)
            }
        }
    }

    async fn refresh_profile(
        &self,
        current: &mut Option<Signed>,
        token: &str,
    ) -> Result<(), CoreError> {
        let Some(signed) = current.as_mut() else {
            return Ok(());
        };
        let profile = self.client.me(token).await?;
        if profile.id != signed.citizen_id {
            return Err(CoreError::BadResponse(
                "the server answered with another citizen's profile".into(),
            ));
        }
        let now = rfc3339(OffsetDateTime::now_utc());
        records::save_profile(signed.store.pool(), &profile, &now).await?;
        signed.profile = profile;
        signed.checked_at = Some(Instant::now());
        let signed = current.take();
        self.set(signed, current);
        Ok(())
    }

    /// Signs out on this device: revokes the session at the server when it can be reached (else
    /// it lapses there on its own), and forgets everything about the resident here.
    pub async fn sign_out(&self) -> Result<(), CoreError> {
        let mut current = self.current.lock().await;
        let Some(signed) = current.take() else {
            return Ok(());
        };
        self.end(signed, true).await;
        // Signing out of an assisted session ends it and brings the helper back.
        self.resume_parked(&mut current).await;
        tracing::info!("signed out");
        Ok(())
    }

    /// Revokes every session of the resident on every device, then signs out here. Needs the
    /// server: offline, nothing changes and the resident is told.
    pub async fn sign_out_everywhere(&self) -> Result<(), CoreError> {
        let mut current = self.current.lock().await;
        let (token, _) = self
            .access_token(&mut current)
            .await?
            .ok_or(CoreError::NotSignedIn)?;
        self.client.sign_out_everywhere(&token).await?;
        if let Some(signed) = current.take() {
            self.end(signed, false).await;
        }
        self.set(None, &mut current);
        tracing::info!("signed out everywhere");
        Ok(())
    }

    /// Closes the signed-in citizen's store; the session stays, and the next start opens the
    /// store again.
    pub async fn close(&self) {
        if let Some(signed) = self.current.lock().await.as_ref() {
            signed.store.close().await;
        }
    }

    /// Ends a session here; with `revoke`, asks the server to revoke it too (best effort).
    async fn end(&self, signed: Signed, revoke: bool) {
        if revoke {
            if let Ok(Ok(Some(token))) = self.vault.as_ref().map(|v| v.get(&signed.citizen_id)) {
                if let Err(e) = self.client.revoke(&token).await {
                    tracing::warn!(error = %e, "sign-out: the server could not be told; the session lapses there on its own");
                }
            }
        }
        signed.store.close().await;
        if let Err(e) = self.forget(&signed.citizen_id).await {
            tracing::error!(error = %e, "sign-out: local data not fully removed");
        }
    }

    /// Removes the store key, the token, the session row and the citizen's own store. The key
    /// goes first (crypto-shredding): from then on whatever is left of the files is noise.
    async fn forget(&self, citizen_id: &str) -> Result<(), CoreError> {
        if let Ok(vault) = &self.vault {
            vault.delete_store_key(citizen_id)?;
            vault.delete(citizen_id)?;
        }
        records::clear_session(&self.device).await?;
        let dir = self.citizen_dir(citizen_id)?;
        match std::fs::remove_dir_all(&dir) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(CoreError::StoreFailed(e.to_string())),
        }
    }

    fn citizen_dir(&self, citizen_id: &str) -> Result<PathBuf, CoreError> {
        // The id names a directory: only the server's own id alphabet gets that far.
        let safe = !citizen_id.is_empty()
            && citizen_id.len() <= 64
            && citizen_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !safe {
            return Err(CoreError::BadResponse("citizen id is not an id".into()));
        }
        Ok(self.data_dir.join("citizens").join(citizen_id))
    }

    fn set(&self, signed: Option<Signed>, current: &mut Option<Signed>) {
        *self.view.lock().expect("view lock") = signed.as_ref().map(Signed::view);
        *current = signed;
    }
}

/// What the screen shows of a hand-off: the code, where to type it, and the QR code of the link
/// that carries it.
fn hand_off_view(details: &HandOffDetails) -> Result<HandOff, CoreError> {
    let link = details
        .verification_uri_complete()
        .map(|u| u.secret().to_string())
        .unwrap_or_else(|| details.verification_uri().to_string());
    Ok(HandOff {
        user_code: details.user_code().secret().clone(),
        verification_uri: details.verification_uri().to_string(),
        qr_svg: crate::payments::qr_svg(&link)?,
        expires_at: rfc3339(OffsetDateTime::now_utc() + details.expires_in()),
    })
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}
