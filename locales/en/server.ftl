# Pages the provincial server shows in the resident's browser during sign-in.

sign-in-title = Sign in to Công dân số
sign-in-intro = You sign in with your level-2 national e-ID account (VNeID). Afterwards the browser takes you back to the app.
sign-in-with-eid = Sign in with VNeID
sign-in-note = Công dân số never asks for your VNeID password on this page.
sandbox-title = Test VNeID (SANDBOX)
sandbox-intro = This is a test environment, not the real VNeID. Pick a sample resident to sign in as.
signed-in-title = Signed in
signed-in-back = You can close this page and go back to the Công dân số app.
page-error-title = Could not sign in
page-error-bad-request = The sign-in request is not valid or has expired.
page-error-unknown-state = This sign-in is no longer valid (the page may have been reopened, or too much time passed).
page-error-eid = The national e-ID did not answer properly.
page-error-too-many = Too many attempts. Please wait a few minutes.
page-error-retry = Go back to the app and press “Sign in” to try again.
