# Công dân số — English messages.
# Shared by the Rust core (i18n-embed) and the UI (@fluent/bundle).
# Every id here must also exist in ../vi/citizen.ftl.

## App

app-name = Công dân số
app-tagline = Your province's public services, right on your phone

## Language switch (the button shows the other language's name)

lang-switch = Tiếng Việt
lang-switch-label = Switch to Vietnamese

## Navigation

nav-back = Back

## Home: the five areas

home-heading = What do you need today?
area-catalog = Public services
area-catalog-desc = Find procedures, documents to bring, fees
area-reports = Field reports
area-reports-desc = Report a problem where you live
area-payments = Payments
area-payments-desc = Pay fees and charges
area-dossiers = My dossiers
area-dossiers-desc = Follow the dossiers you submitted
area-notifications = Notifications
area-notifications-desc = News from public agencies

## Areas not built yet


## Catalogue

catalog-heading = Public services
catalog-search-label = Search administrative procedures
catalog-search-placeholder = Find a procedure, e.g. birth registration
catalog-search-hint = Type the name of a procedure or a few words from it.
catalog-browse-heading = Procedures
catalog-count = { $count ->
    [one] { $count } procedure
   *[other] { $count } procedures
}
catalog-empty = No procedure matches “{ $query }”. Please try other words.
catalog-empty-browse = There are no procedures on this device yet. Press “Sync now” when you are online.
catalog-loading = Searching…

## Procedure detail

procedure-loading = Opening the procedure…
procedure-code = Procedure code
procedure-field = Field
procedure-level = Level
procedure-agency = Responsible agency
procedure-days-label = Processing time
procedure-days = { $days ->
    [one] { $days } working day
   *[other] { $days } working days
}
procedure-fee = Fee
procedure-fee-free = Free
procedure-online = Online public service
procedure-documents = Documents to submit
procedure-documents-none = No documents are needed.

## Fields — one per Field value

field-ho-tich = Civil status
field-dat-dai = Land
field-xay-dung = Construction
field-kinh-doanh = Business
field-lao-dong = Labour
field-giao-duc = Education
field-y-te = Health
field-giao-thong = Transport
field-tu-phap = Justice
field-bao-tro-xa-hoi = Social protection
field-nong-nghiep = Agriculture
field-tai-nguyen-moi-truong = Natural resources and environment
field-van-hoa-du-lich = Culture and tourism
field-thong-tin-truyen-thong = Information and communications

## Administrative levels

level-tinh = Province level
level-huyen = District level
level-xa = Commune level

## How much can be done online

online-full = Fully online
online-partial = Partly online

## Connection and sync status

offline-message = Cannot reach the server. You can still see the saved information.
offline-last-sync = Last synced: { $time }
offline-never-synced = This device has never synced.
status-last-sync = Synced { $time }
status-never-synced = Never synced
status-count = { $count ->
    [one] { $count } procedure
   *[other] { $count } procedures
}
status-sync-now = Sync now
status-syncing = Syncing…
notice-dismiss = Got it

## Errors — one per ErrorCode (error-<code>); the Rust core uses these too

error-server-unreachable = Cannot reach the server. Please check your connection and try again.
error-server-bad-response = The server gave an unexpected answer. Please try again in a few minutes.
error-server-error = The server is having a problem. Please try again in a few minutes.
error-server-busy = The server is very busy right now. What you sent is kept on this device and will be sent again by itself.
error-bad-request = Something in the request was not right. Please check and try again.
error-store-recovered = The data saved on this device was damaged, so it was set aside. The list of procedures is being downloaded again; you do not need to do anything.
error-store-failed = The app cannot read or save its data on this device. Please close the app and open it again.
error-query-too-long = Your search is too long. Please shorten it to at most { $max } characters.
error-query-no-words = Please type at least one letter or number to search.
error-not-found = This procedure was not found. It may have been removed or replaced.
error-unknown-locale = This language is not supported yet.
error-internal = Something went wrong in the app. Please close the app and open it again.
error-sign-in-failed = Signing in did not complete. Press “Sign in” to try again.
error-sign-in-cancelled = You stopped signing in. Press “Sign in” again when you are ready.
error-eid-unavailable = The national e-ID (VNeID) is not answering. Please try again in a few minutes.
error-not-signed-in = Your session has expired or you signed out. Please sign in again.
error-too-many-attempts = Too many attempts. Please wait a few minutes and try again.
error-keyring-unavailable = The device's secure keyring could not be used to keep you signed in. Unlock your device or sign in again.
error-forbidden = You are not allowed to see this data.
error-form-invalid = Some answers in the form are missing or not right. Please check the marked fields.
error-procedure-unavailable = This procedure cannot be submitted online right now (it was withdrawn or has no online form yet).
error-attachment-rejected = This attachment is not an accepted file. Only real JPEG or PNG photos and PDF files are accepted.
error-attachment-too-large = This attachment is too large. Please take the photo again or choose a smaller file.
error-attachment-missing = The server does not have all of this dossier's attachments yet; the app will send them again.
error-not-awaiting-answer = This dossier is no longer waiting for more information, so it takes no answer. Please check its status.
error-report-not-resolved = This report is not resolved yet, so it cannot be rated or reopened.
error-reopen-expired = This report was resolved more than 7 days ago and can no longer be reopened. Please send a new report.
error-invoice-expired = The time to pay this invoice is over. Ask for it to be reissued, then pay.
error-invoice-paid = This invoice is paid already; nothing more will be taken.
error-payments-unavailable = Paying by card or wallet is not set up on this server. You can pay by bank transfer with the VietQR code.
error-invoice-closed = This dossier was rejected, so there is no fee to pay any more.
error-hand-off-expired = The sign-in code expired or was used already. Get a new one.
error-hand-off-denied = The resident said no on their phone.
error-not-a-helper = Only members of a community digital-tech team named by the province can assist residents.
error-out-of-scope = This session may not do that.
error-assist-ended = The assisted session is over.
error-resident-unknown = No resident with that personal number has used the service yet.
error-consent-photo-rejected = The consent form must be a JPEG or PNG photo.
error-insecure-server = The server address is not secure. The app talks to the province's server over HTTPS only.

## Forms: why an answer is not accepted (form-problem-<problem>)

form-problem-required = This field is required.
form-problem-too-long = Too long: at most { $max } characters.
form-problem-not-a-number = Please enter a number.
form-problem-out-of-range = Please enter a number from { $min } to { $max }.
form-problem-not-a-date = This is not a valid date.
form-problem-date-in-future = This date has not come yet. Please check it.
form-problem-unknown-choice = Please pick one of the options.
form-problem-bad-personal-number = The personal identification number has 12 digits and is printed on the citizen ID card.
form-problem-bad-phone = A mobile number has 10 digits (for example 0905 123 456); a landline has 11, starting with the area code (for example 0234 3822 123).
form-problem-file-type = Only JPEG or PNG photos and PDF files are accepted.
form-problem-file-too-large = This file is too large: at most { $maxMb } MB.
form-problem-too-many-files = Too many files: at most { $max }.
form-problem-wrong-kind = This answer is not the right kind for this field.
form-problem-unknown-field = The form has no such field.
form-problem-outside-province = This place is outside the province. Please choose the place again or type an address.

## The page the browser shows when it returns to the app after signing in
sign-in-return-done = You are signed in. You can close this tab and go back to the Công dân số app.
sign-in-return-failed = Signing in did not complete. Go back to the Công dân số app and press “Sign in” to try again.

## Account and sign-in
account-sign-in = Sign in
profile-heading = My account
sign-in-intro = Sign in with your national e-ID (VNeID) to submit dossiers, follow them and pay fees. The sign-in page opens in your browser.
sign-in = Sign in with VNeID
sign-in-new-device = New phone or lost your old one? Signing in with VNeID is all you need; nothing is tied to one device.
sign-in-waiting = Continue in your browser. When you have signed in there, come back to this app.
sign-in-cancel = Cancel sign-in
profile-name = Full name
profile-pin = Personal identification number
profile-birth-date = Date of birth
profile-address = Permanent address
profile-source = These details come from your national e-ID.
profile-offline = You are offline: these are your details as last seen. You stay signed in until { $until } unless the app reaches the server before then.
sign-out = Sign out
sign-out-everywhere = Sign out on every device
sign-out-everywhere-desc = Lost a phone? This signs you out on every device, this one included.
sign-out-everywhere-offline = Signing out on every device needs a connection to the server.

## Kiosk hand-off and assisted sessions
hand-off-qr-alt = QR code to sign in, code { $code }
hand-off-scan = Scan the QR code with your phone, sign in with VNeID and press “Approve”.
hand-off-or-type = Or open { $uri } on your phone and type the code:
hand-off-code-label = Sign-in code
hand-off-expires = The code works until { $time }.
kiosk-sign-in-intro = This is a shared machine at a service centre. You sign in with your own phone; nothing of yours stays on this machine afterwards.
kiosk-waiting = Waiting for you to approve on your phone…
kiosk-new-code = Get a new code
assist-heading = Assist a resident
assist-intro = For members of community digital-tech teams: act for a resident with their consent. Everything you do is recorded in the resident's log; at the end their data is removed from this device.
assist-start = Start assisting
assist-show-resident = Let the resident scan this code with their own phone.
assist-waiting = Waiting for the resident's consent…
assist-no-phone = The resident has no phone?
assist-pin = The resident's personal identification number (12 digits)
assist-photo = Photo of the consent form the resident signed
assist-photo-send = Send the consent form
assist-photo-sent = Consent form sent; an officer will review it. The session starts now.
assist-sessions = Sessions you assisted
assist-sessions-none = None yet.
assist-session-line = { $started } · { $consent ->
    [phone] consent on their phone
    [photo] signed form
   *[other] waiting
  } · { $actions } actions
assist-sign-in-needed = Sign in with your own account to assist residents.
assist-not-here = Assisting cannot start from this session.
assist-banner-label = Assisted session
assist-banner = Acting for { $resident } (helper: { $helper }) until { $until }.
assist-end = End assisting
audit-heading = Assistance log
audit-intro = What helpers did in your name, and what was refused.
audit-empty = Nobody has acted for you yet.
audit-sign-in-needed = Sign in to see your assistance log.
audit-by = by { $helper } ({ $team })
audit-action-session-started = Assisted session started
audit-action-session-ended = Assisted session ended
audit-action-profile-read = Read your profile
audit-action-dossiers-read = Read your dossiers
audit-action-dossier-submitted = Submitted a dossier
audit-action-dossier-answered = Answered a dossier
audit-action-attachment-sent = Sent an attachment
audit-action-reports-read = Read your reports
audit-action-report-submitted = Sent a report
audit-action-payments-read = Looked at fees
audit-action-other = Other action
audit-outcome-refused-scope = Refused: not allowed
audit-outcome-refused-ended = Refused: session over

## Applying online (the form)

procedure-start = Apply online
procedure-start-sign-in = Sign in with VNeID to apply for this online.
procedure-no-form = This procedure cannot be submitted in the app yet. Please bring your documents to the one-stop counter.
apply-subtitle = Online application form
apply-loading = Opening the form…
apply-intro = Fields marked * are required. Your draft is saved on this device as you type, even offline.
apply-from-eid = From your electronic ID account; no need to type it again.
apply-required = required
apply-choose = — Choose —
apply-attaching = Preparing the file…
apply-remove-file = Remove { $name }
apply-file-limits = JPEG or PNG photos or PDF files; up to { $maxMb } MB each, { $max ->
    [one] one file
   *[other] { $max } files
}.
apply-draft-saved = Draft saved on this device.
apply-submit = Submit
apply-submitting = Submitting…
apply-sign-in-first = Please sign in with VNeID to apply.

## My dossiers

sign-in-needed = Please sign in to see this.
dossiers-heading = My dossiers
dossiers-empty = You have not submitted any dossiers yet.
dossiers-loading = Loading your dossiers…
outbox-waiting = Waiting to send — saved on this device and sent automatically when there is a connection.
outbox-refused = The server did not accept this dossier: { $reason }
outbox-queued-at = Submitted { $time }
dossier-code-label = Dossier code
dossier-sent = Sent
dossier-submitted = Submitted { $time }
dossier-due = Result due: { $date }
dossier-status-label = Status
dossier-timeline = Progress
dossier-status-awaiting-payment = Awaiting payment
dossier-status-received = Received
dossier-status-processing = Being processed
dossier-status-needs-info = More information needed
dossier-status-completed = Result ready
dossier-status-rejected = Rejected
status-outbox = { $count ->
    [one] { $count } item waiting to send
   *[other] { $count } items waiting to send
}

## Notifications

notifications-heading = Notifications
notifications-empty = No notifications yet.
notifications-unread = { $count } unread
notification-received = Dossier { $code } was received
notification-awaiting-payment = Dossier { $code } awaits its fee
notification-processing = Dossier { $code } is being processed
notification-needs-info = Dossier { $code } needs more information
notification-completed = The result of dossier { $code } is ready
notification-rejected = Dossier { $code } was rejected

## Answering "more information needed"

answer-heading = Send more information
answer-message = Your answer
answer-files = Files (if the officer asked for them)
answer-submit = Send
answer-sending = Sending…
dossier-step-answered = You sent more information

## Field reports: my reports

reports-heading = My reports
reports-intro = Report a problem where you live, such as a broken street light, a flooded road or rubbish dumped illegally. The responsible agency fixes it, and you can follow it here.
reports-new = Report a new problem
reports-public-link = See problems that were fixed
reports-loading = Loading your reports…
reports-empty = You have not sent any reports yet.
report-outbox-report = New report: { $title }
report-outbox-rating = Rating for report { $code }
report-outbox-reopen = Reopening report { $code }
report-outbox-waiting = Waiting to send — saved on this device and sent automatically when there is a connection.
report-outbox-refused = The server did not accept this: { $reason }
report-outbox-queued-at = Saved on this device { $time }
report-code-label = Report code
report-category-label = Kind of problem
report-place-label = Place
report-agency-label = Responsible agency
report-status-label = Status
report-status-received = Received
report-status-assigned = Passed to a team
report-status-in-progress = Being fixed
report-status-resolved = Fixed
report-status-rejected = Rejected
report-submitted = Sent { $time }
report-due = To be fixed by { $time }
report-photo-count = { $count ->
    [one] { $count } photo
   *[other] { $count } photos
}
report-timeline = Progress
report-step-reopened = You reopened the report
report-rating-heading = How happy are you with the fix?
report-rating-hint = Choose from 1 star (not happy) to 5 stars (very happy).
report-rating-stars = { $stars ->
    [one] { $stars } star
   *[other] { $stars } stars
}
report-rated = You gave { $stars } out of 5 stars. You can change your rating.
report-reopen-heading = Problem still there?
report-reopen-hint = You can reopen this report until { $time }.
report-reopen-message = What is still wrong?
report-reopen-submit = Reopen the report
report-reopen-sending = Sending…

## Field reports: a new report

report-form-heading = Report a new problem
report-form-intro = Fields marked * are required. Your report is saved on this device and sent automatically when there is a connection.
report-sign-in-first = Please sign in with VNeID to send a report.
report-categories-loading = Loading the kinds of problem…
report-categories-empty = This device does not have the kinds of problem yet. Please press “Sync now” when you are online.
report-choose-category = — Choose the kind of problem —
report-category-due = To be fixed within { $hours ->
    [one] { $hours } hour
   *[other] { $hours } hours
}.
report-title-label = Short title
report-title-hint = For example: The street light outside 12 Lê Lợi is not working.
report-description-label = What is wrong
report-description-hint = What the problem is, since when, and whether it is dangerous.
report-photos-label = Photos of the problem
report-photos-hint = 1 to { $max } JPEG or PNG photos. Before sending, photos are made smaller and the camera’s details (such as when and where it was taken) are removed.
report-photos-count = { $count } of { $max } photos chosen.
report-photos-full = You can send at most { $max } photos. Please remove one before adding another.
report-photo-alt = Chosen photo: { $name }
report-photo-remove = Remove photo { $name }
report-attaching = Preparing the photo…
report-location-label = Where is the problem?
report-location-hint = A position or an address is needed; both are best. Use your current position, tap the map to place a pin, or type the address.
report-use-my-location = Use my current position
report-locating = Finding your position…
report-location-failed = Could not get this device’s position. Please tap the map to place a pin, or type the address.
report-location-pinned = Pin placed at { $lat }, { $lon }
report-location-none = No pin placed yet.
report-location-clear = Remove the pin
report-map-label = Map: tap where the problem is to place a pin
report-address-label = Address
report-address-hint = House number, street, ward or commune. For example: outside 12 Lê Lợi, Thuận Hóa ward.
report-public-label = Allow showing this publicly (without your name)
report-public-hint = If you agree, the report and how it was fixed appear under “Problems that were fixed” for everyone to see. Your name and personal number are never shown.
report-submit = Send the report
report-submitting = Sending…

## Map

map-zoom-in = Zoom in
map-zoom-out = Zoom out
map-pin-center = Pin the centre of the map
map-keyboard-hint = Use the arrow keys to move the map, and + and − to zoom in or out.
map-no-tiles-pick = This device has no background map; the blue box is the province. You can still place an approximate pin; please also type the address so the officers can find it.
map-no-tiles-view = This device has no background map; the blue box is the province and the red dots are the reported problems.
map-unavailable = The map cannot be shown on this device.

## Problems that were fixed (public)

public-reports-heading = Problems that were fixed
public-reports-intro = Problems residents reported and the agencies fixed, shown when the resident agreed. The name of whoever reported it is never shown.
public-reports-loading = Loading…
public-reports-empty = No reports have been made public yet.
public-reports-map-label = Map of the problems that were fixed
public-report-answer = The agency’s answer
public-report-dates = Reported { $submitted } · Fixed { $resolved }

## Payments
payments-heading = Fees and charges
payments-empty = You have no fees to pay.
payment-heading = Fee
payment-amount-label = Amount
payment-expires = Pay by: { $time }
payment-state-unpaid = Not paid
payment-state-paid = Paid
payment-state-held = Payment under review
payment-state-expired = Past the deadline
payment-state-reissued = Replaced by a new invoice
payment-state-closed = Nothing to pay (the dossier was rejected)
payment-held-help = The money received does not match the invoice, so an officer is checking it. The dossier has not been sent on yet; if a refund is due, the agency will contact you.
payment-vietqr = Pay by bank transfer (VietQR)
payment-vietqr-help = Open your banking app and scan this code. The amount and the transfer content are filled in; please do not change the content.
payment-reference = Transfer content
payment-gateway = Pay by card or e-wallet
payment-waiting = Waiting for the gateway to confirm… The status updates by itself; you do not need to pay again.
payment-reissue = Reissue the invoice
receipt-open = View receipt
receipt-heading = Electronic receipt
receipt-number = Receipt number
receipt-payer = Payer
receipt-paid-at = Paid at
receipt-method = Method
receipt-method-gateway = Payment gateway (card, e-wallet)
receipt-method-bank-transfer = Bank transfer (VietQR)
receipt-transaction = Transaction number
receipt-export = Download receipt (PDF)
receipt-saved = Receipt saved to { $path }

## Kiosk
kiosk-ends-in = The session ends in { $seconds } seconds without a touch; your data is then wiped from this machine.
kiosk-still-there = Still there? Touch the screen to carry on.

## Receipts (biên lai)

receipt-pdf-authority = PEOPLE’S COMMITTEE OF THỪA THIÊN HUẾ PROVINCE
receipt-pdf-title = RECEIPT FOR FEES AND CHARGES
receipt-pdf-number = Receipt number
receipt-pdf-payer = Paid by
receipt-pdf-payee = Collected by
receipt-pdf-description = Payment for
receipt-pdf-dossier = Dossier code
receipt-pdf-amount = Amount
receipt-pdf-amount-value = { $amount } VND
receipt-pdf-method = Payment method
receipt-pdf-method-gateway = Payment gateway (card or e-wallet)
receipt-pdf-method-bank-transfer = Bank transfer (VietQR)
receipt-pdf-transaction = Transaction number
receipt-pdf-paid-at = Paid at
receipt-pdf-paid-at-value = { $time } (Vietnam time, UTC+7)
receipt-pdf-reference = Payment reference
receipt-pdf-footer = Electronic receipt, as valid as a paper receipt.

## Accessibility (issue 7): the large-text switch on the status bar

text-size-large = Large text
