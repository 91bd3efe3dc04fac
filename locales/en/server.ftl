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
sign-in-with-passkey = Sign in with a passkey
passkey-offer-title = Sign in faster next time?
passkey-offer-intro = Create a passkey on this device: next time you only unlock your device (fingerprint, face or PIN) instead of signing in with VNeID.
passkey-create = Create a passkey on this device
passkey-skip = Not now, go to the app
passkey-offer-note = You can always sign in with VNeID, even if you lose or change your device.
passkey-working = Waiting for your device to confirm…
passkey-error-cancelled = The request was cancelled or timed out. You can press the button again.
passkey-error-failed = The passkey could not be used. Try again, or sign in with VNeID.
passkey-error-unknown = This passkey is no longer recognised. Sign in with VNeID; you can then create a new one.
passkey-error-unsupported = This browser does not support passkeys. You can still sign in with VNeID.

## Payments: the gateway's return page, and the sandbox gateway and bank
payment-return-paid-title = Paid
payment-return-paid = The fee is paid. Your dossier has gone to the agency that handles it.
payment-return-receipt = Receipt number
payment-return-pending-title = Waiting for confirmation
payment-return-pending = The gateway has not yet confirmed the payment to us. The app shows the new status as soon as it does; you do not need to pay again.
payment-return-cancelled-title = Not paid
payment-return-cancelled = The transaction was cancelled or did not go through. Nothing was taken, and you can pay again in the app.
payment-return-invalid-title = Invalid result
payment-return-invalid = This payment result does not carry the gateway's signature and is not accepted.
payment-return-back = Go back to the Công dân số app to see your dossier's status.
sandbox-gateway-title = SANDBOX payment gateway
sandbox-bank-title = SANDBOX bank
sandbox-gateway-warning = This is a sandbox: no real money moves.
sandbox-gateway-bad-request = The payment request is invalid, wrongly signed or expired.
sandbox-gateway-already-paid = This order is paid already; nothing more is taken.
sandbox-gateway-pay = Pay
sandbox-gateway-cancel = Cancel

## Hand-off (RFC 8628): the resident's phone approves a kiosk, or a helper
device-title = Sign in on another device
device-intro = Type the code shown on the kiosk at the service centre (or on your helper's laptop).
device-code-label = Sign-in code (8 letters)
device-code-go = Continue
device-sign-in-intro = Sign in to approve the device showing the code. Only approve if you are standing at that device yourself.
device-consent-title = Approve sign-in
device-consent-kiosk = Let the kiosk at the service centre open your session for a short time to see and submit dossiers? The session ends by itself and keeps none of your data.
device-consent-assist = Let { $helper } (community digital-tech team) act for you for { $minutes } minutes? Everything they do is recorded in a log you can read in your app.
device-approve = Approve
device-deny = Deny
device-approved-title = Approved
device-approved = You can go back to the device showing the code. You may close this page.
device-denied-title = Denied
device-denied = The other device will not open your session. You may close this page.
device-error-over = This code was answered already or has expired.
