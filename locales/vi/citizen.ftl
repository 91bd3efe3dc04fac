# Công dân số — Vietnamese messages (default language).
# Shared by the Rust core (i18n-embed) and the UI (@fluent/bundle).
# Every id here must also exist in ../en/citizen.ftl.

## App

app-name = Công dân số
app-tagline = Dịch vụ công của tỉnh, ngay trên điện thoại của bạn

## Language switch (the button shows the other language's name)

lang-switch = English
lang-switch-label = Chuyển sang tiếng Anh

## Navigation

nav-back = Quay lại

## Home: the five areas

home-heading = Bạn cần làm gì hôm nay?
area-catalog = Dịch vụ công
area-catalog-desc = Tìm thủ tục, giấy tờ cần nộp, lệ phí
area-reports = Phản ánh hiện trường
area-reports-desc = Báo sự cố ở nơi bạn sống
area-payments = Thanh toán
area-payments-desc = Nộp phí, lệ phí
area-dossiers = Hồ sơ của tôi
area-dossiers-desc = Theo dõi hồ sơ đã nộp
area-notifications = Thông báo
area-notifications-desc = Tin mới từ cơ quan nhà nước

## Areas not built yet


## Catalogue

catalog-heading = Dịch vụ công
catalog-search-label = Tìm thủ tục hành chính
catalog-search-placeholder = Tìm thủ tục, ví dụ: đăng ký khai sinh
catalog-search-hint = Gõ tên thủ tục hoặc vài từ trong đó.
catalog-browse-heading = Các thủ tục
catalog-count = Có { $count } thủ tục
catalog-empty = Không có thủ tục nào khớp với “{ $query }”. Bạn thử gõ từ khác nhé.
catalog-empty-browse = Chưa có thủ tục nào trên máy. Hãy bấm “Đồng bộ lại” khi có mạng.
catalog-loading = Đang tìm…

## Procedure detail

procedure-loading = Đang mở thủ tục…
procedure-code = Mã thủ tục
procedure-field = Lĩnh vực
procedure-level = Cấp thực hiện
procedure-agency = Cơ quan thực hiện
procedure-days-label = Thời hạn giải quyết
procedure-days = { $days } ngày làm việc
procedure-fee = Lệ phí
procedure-fee-free = Miễn phí
procedure-online = Dịch vụ công trực tuyến
procedure-documents = Giấy tờ cần nộp
procedure-documents-none = Không cần giấy tờ kèm theo.

## Fields (lĩnh vực) — one per Field value

field-ho-tich = Hộ tịch
field-dat-dai = Đất đai
field-xay-dung = Xây dựng
field-kinh-doanh = Kinh doanh
field-lao-dong = Lao động
field-giao-duc = Giáo dục
field-y-te = Y tế
field-giao-thong = Giao thông
field-tu-phap = Tư pháp
field-bao-tro-xa-hoi = Bảo trợ xã hội
field-nong-nghiep = Nông nghiệp
field-tai-nguyen-moi-truong = Tài nguyên và môi trường
field-van-hoa-du-lich = Văn hóa và du lịch
field-thong-tin-truyen-thong = Thông tin và truyền thông

## Administrative levels

level-tinh = Cấp tỉnh
level-huyen = Cấp huyện
level-xa = Cấp xã

## How much can be done online

online-full = Toàn trình
online-partial = Một phần

## Connection and sync status

offline-message = Không kết nối được máy chủ. Bạn vẫn xem được dữ liệu đã lưu.
offline-last-sync = Lần đồng bộ gần nhất: { $time }
offline-never-synced = Máy chưa đồng bộ lần nào.
status-last-sync = Đồng bộ lúc { $time }
status-never-synced = Chưa đồng bộ
status-count = { $count } thủ tục
status-sync-now = Đồng bộ lại
status-syncing = Đang đồng bộ…
notice-dismiss = Đã hiểu

## Errors — one per ErrorCode (error-<code>); the Rust core uses these too

error-server-unreachable = Không kết nối được máy chủ. Bạn hãy kiểm tra mạng rồi thử lại.
error-server-bad-response = Máy chủ trả lời không đúng. Bạn hãy thử lại sau ít phút.
error-server-error = Máy chủ đang gặp sự cố. Bạn hãy thử lại sau ít phút.
error-server-busy = Máy chủ đang quá tải. Những gì bạn gửi vẫn được giữ trên máy và sẽ tự gửi lại sau.
error-bad-request = Yêu cầu chưa đúng. Bạn hãy kiểm tra lại rồi thử lại.
error-store-recovered = Dữ liệu lưu trên máy bị hỏng nên đã được cất sang một bên. Danh mục thủ tục đang được tải lại, bạn không cần làm gì thêm.
error-store-failed = Không đọc hoặc ghi được dữ liệu trên máy. Bạn hãy đóng ứng dụng rồi mở lại.
error-query-too-long = Nội dung tìm kiếm dài quá. Bạn hãy gõ ngắn lại, tối đa { $max } ký tự.
error-query-no-words = Bạn hãy gõ ít nhất một chữ hoặc số để tìm.
error-not-found = Không tìm thấy thủ tục này. Có thể thủ tục đã được bỏ hoặc thay thế.
error-unknown-locale = Ngôn ngữ này chưa được hỗ trợ.
error-internal = Ứng dụng gặp lỗi không mong muốn. Bạn hãy đóng ứng dụng rồi mở lại.
error-sign-in-failed = Đăng nhập chưa thành công. Bạn hãy bấm “Đăng nhập” để thử lại.
error-sign-in-cancelled = Bạn đã dừng đăng nhập. Khi sẵn sàng, hãy bấm “Đăng nhập” lại.
error-eid-unavailable = Hệ thống định danh điện tử (VNeID) đang không trả lời. Bạn hãy thử lại sau ít phút.
error-not-signed-in = Phiên đăng nhập đã hết hạn hoặc đã đăng xuất. Bạn hãy đăng nhập lại.
error-too-many-attempts = Bạn đã thử quá nhiều lần. Hãy đợi vài phút rồi thử lại.
error-keyring-unavailable = Không dùng được kho khóa bảo mật của máy để lưu phiên đăng nhập. Bạn hãy mở khóa máy hoặc đăng nhập lại.
error-forbidden = Bạn không có quyền xem dữ liệu này.
error-form-invalid = Một số thông tin trong tờ khai chưa đúng hoặc còn thiếu. Hãy xem các ô được đánh dấu.
error-procedure-unavailable = Thủ tục này hiện không nộp trực tuyến được (đã ngừng áp dụng hoặc chưa có tờ khai điện tử).
error-attachment-rejected = Tệp đính kèm không đúng loại. Chỉ nhận ảnh JPEG, PNG hoặc tệp PDF thật.
error-attachment-too-large = Tệp đính kèm quá lớn. Hãy chụp lại hoặc chọn tệp nhỏ hơn.
error-attachment-missing = Máy chủ chưa nhận đủ tệp đính kèm của hồ sơ; ứng dụng sẽ gửi lại.
error-not-awaiting-answer = Hồ sơ này không còn chờ bổ sung nên không nhận thêm câu trả lời. Bạn hãy xem lại trạng thái hồ sơ.
error-report-not-resolved = Phản ánh này chưa được xử lý xong nên chưa thể đánh giá hay mở lại.
error-reopen-expired = Đã quá 7 ngày kể từ khi phản ánh được xử lý nên không thể mở lại. Bạn hãy gửi một phản ánh mới.
error-invoice-expired = Đã quá hạn thanh toán của hóa đơn này. Bạn hãy yêu cầu cấp lại hóa đơn để thanh toán.
error-invoice-paid = Hóa đơn này đã được thanh toán; không thu thêm.
error-payments-unavailable = Thanh toán qua cổng thẻ/ví chưa được thiết lập trên máy chủ này. Bạn có thể chuyển khoản bằng mã VietQR.
error-invoice-closed = Hồ sơ này đã bị từ chối nên không còn phải nộp lệ phí.
error-hand-off-expired = Mã đăng nhập đã hết hạn hoặc đã được dùng. Hãy lấy mã mới.
error-hand-off-denied = Người dân đã từ chối trên điện thoại của mình.
error-not-a-helper = Chỉ thành viên Tổ công nghệ số cộng đồng được tỉnh cấp quyền mới có thể hỗ trợ người dân.
error-out-of-scope = Phiên này không được phép làm việc đó.
error-assist-ended = Phiên hỗ trợ đã kết thúc.
error-resident-unknown = Chưa có người dân nào với số định danh này dùng dịch vụ.
error-consent-photo-rejected = Ảnh giấy đồng ý phải là ảnh JPEG hoặc PNG.
error-insecure-server = Địa chỉ máy chủ không an toàn. Ứng dụng chỉ kết nối với máy chủ của tỉnh qua HTTPS.

## Tờ khai: vì sao một ô chưa được chấp nhận (form-problem-<problem>)

form-problem-required = Ô này bắt buộc.
form-problem-too-long = Dài quá: tối đa { $max } ký tự.
form-problem-not-a-number = Hãy nhập một số.
form-problem-out-of-range = Hãy nhập một số từ { $min } đến { $max }.
form-problem-not-a-date = Ngày không hợp lệ.
form-problem-date-in-future = Ngày này chưa đến. Hãy kiểm tra lại.
form-problem-unknown-choice = Hãy chọn một trong các lựa chọn có sẵn.
form-problem-bad-personal-number = Số định danh cá nhân gồm 12 chữ số, in trên thẻ Căn cước công dân.
form-problem-bad-phone = Số di động gồm 10 chữ số (ví dụ 0905 123 456); số cố định gồm 11 chữ số, bắt đầu bằng mã vùng (ví dụ 0234 3822 123).
form-problem-file-type = Chỉ nhận ảnh JPEG, PNG hoặc tệp PDF.
form-problem-file-too-large = Tệp quá lớn: tối đa { $maxMb } MB.
form-problem-too-many-files = Nhiều tệp quá: tối đa { $max } tệp.
form-problem-wrong-kind = Câu trả lời không đúng dạng của ô này.
form-problem-unknown-field = Tờ khai không có ô này.
form-problem-outside-province = Vị trí này nằm ngoài địa bàn tỉnh. Bạn hãy chọn lại vị trí hoặc nhập địa chỉ.

## Trang trình duyệt hiện khi quay lại ứng dụng sau khi đăng nhập
sign-in-return-done = Bạn đã đăng nhập. Bạn có thể đóng thẻ này và quay lại ứng dụng Công dân số.
sign-in-return-failed = Đăng nhập chưa hoàn tất. Hãy quay lại ứng dụng Công dân số và bấm “Đăng nhập” để thử lại.

## Tài khoản và đăng nhập
account-sign-in = Đăng nhập
profile-heading = Tài khoản của tôi
sign-in-intro = Đăng nhập bằng tài khoản định danh điện tử (VNeID) để nộp hồ sơ, theo dõi hồ sơ và thanh toán phí. Trang đăng nhập sẽ mở trong trình duyệt.
sign-in = Đăng nhập bằng VNeID
sign-in-new-device = Đổi điện thoại hoặc bị mất máy? Chỉ cần đăng nhập lại bằng VNeID; tài khoản không gắn với một thiết bị nào.
sign-in-waiting = Hãy tiếp tục trong trình duyệt. Đăng nhập xong, bạn quay lại ứng dụng này.
sign-in-cancel = Hủy đăng nhập
profile-name = Họ và tên
profile-pin = Số định danh cá nhân
profile-birth-date = Ngày sinh
profile-address = Nơi thường trú
profile-source = Thông tin này lấy từ tài khoản định danh điện tử của bạn.
profile-offline = Bạn đang ngoại tuyến: đây là thông tin lần gần nhất. Bạn vẫn đăng nhập đến { $until } nếu ứng dụng chưa kết nối lại được máy chủ.
sign-out = Đăng xuất
sign-out-everywhere = Đăng xuất trên mọi thiết bị
sign-out-everywhere-desc = Bị mất điện thoại? Thao tác này đăng xuất bạn trên mọi thiết bị, kể cả máy này.
sign-out-everywhere-offline = Cần kết nối tới máy chủ để đăng xuất trên mọi thiết bị.

## Kiosk hand-off and assisted sessions
hand-off-qr-alt = Mã QR để đăng nhập, mã { $code }
hand-off-scan = Quét mã QR bằng điện thoại của bạn, đăng nhập VNeID và bấm “Đồng ý”.
hand-off-or-type = Hoặc mở { $uri } trên điện thoại và nhập mã:
hand-off-code-label = Mã đăng nhập
hand-off-expires = Mã dùng được đến { $time }.
kiosk-sign-in-intro = Máy này là máy dùng chung tại điểm phục vụ. Bạn đăng nhập bằng điện thoại của mình; máy không lưu lại dữ liệu của bạn khi kết thúc.
kiosk-waiting = Đang chờ bạn xác nhận trên điện thoại…
kiosk-new-code = Lấy mã mới
assist-heading = Hỗ trợ người dân
assist-intro = Dành cho thành viên Tổ công nghệ số cộng đồng: thao tác thay người dân khi được họ đồng ý. Mọi việc bạn làm được ghi vào nhật ký của người dân; khi kết thúc, dữ liệu của họ được xóa khỏi máy này.
assist-start = Bắt đầu hỗ trợ
assist-show-resident = Đưa mã này cho người dân quét bằng điện thoại của họ.
assist-waiting = Đang chờ người dân đồng ý…
assist-no-phone = Người dân không có điện thoại?
assist-pin = Số định danh cá nhân của người dân (12 chữ số)
assist-photo = Ảnh giấy đồng ý có chữ ký của người dân
assist-photo-send = Gửi giấy đồng ý
assist-photo-sent = Đã gửi giấy đồng ý; cán bộ sẽ kiểm tra lại. Phiên hỗ trợ bắt đầu ngay.
assist-sessions = Các phiên bạn đã hỗ trợ
assist-sessions-none = Chưa có phiên nào.
assist-session-line = { $started } · { $consent ->
    [phone] đồng ý qua điện thoại
    [photo] giấy đồng ý
   *[other] đang chờ
  } · { $actions } thao tác
assist-sign-in-needed = Đăng nhập bằng tài khoản của bạn để hỗ trợ người dân.
assist-not-here = Không thể bắt đầu hỗ trợ từ phiên này.
assist-banner-label = Phiên hỗ trợ
assist-banner = Đang thao tác thay { $resident } (người hỗ trợ: { $helper }) đến { $until }.
assist-end = Kết thúc hỗ trợ
audit-heading = Nhật ký hỗ trợ
audit-intro = Những việc người hỗ trợ đã làm thay bạn, và những việc bị từ chối.
audit-empty = Chưa có ai thao tác thay bạn.
audit-sign-in-needed = Đăng nhập để xem nhật ký hỗ trợ của bạn.
audit-by = bởi { $helper } ({ $team })
audit-action-session-started = Bắt đầu phiên hỗ trợ
audit-action-session-ended = Kết thúc phiên hỗ trợ
audit-action-profile-read = Xem thông tin cá nhân
audit-action-dossiers-read = Xem hồ sơ
audit-action-dossier-submitted = Nộp hồ sơ
audit-action-dossier-answered = Bổ sung hồ sơ
audit-action-attachment-sent = Gửi tệp đính kèm
audit-action-reports-read = Xem phản ánh
audit-action-report-submitted = Gửi phản ánh
audit-action-payments-read = Xem lệ phí
audit-action-other = Thao tác khác
audit-outcome-refused-scope = Bị từ chối: ngoài phạm vi
audit-outcome-refused-ended = Bị từ chối: phiên đã kết thúc

## Nộp hồ sơ trực tuyến (tờ khai)

procedure-start = Nộp hồ sơ trực tuyến
procedure-start-sign-in = Đăng nhập bằng VNeID để nộp hồ sơ này trực tuyến.
procedure-no-form = Thủ tục này chưa nộp trực tuyến được trên ứng dụng. Bạn hãy mang giấy tờ đến bộ phận một cửa.
apply-subtitle = Tờ khai trực tuyến
apply-loading = Đang mở tờ khai…
apply-intro = Ô có dấu * là bắt buộc. Bản nháp được lưu trên máy khi bạn gõ, kể cả khi không có mạng.
apply-from-eid = Lấy từ tài khoản định danh điện tử, không cần nhập lại.
apply-required = bắt buộc
apply-choose = — Chọn —
apply-attaching = Đang xử lý tệp…
apply-remove-file = Bỏ tệp { $name }
apply-file-limits = Ảnh JPEG, PNG hoặc tệp PDF; tối đa { $maxMb } MB mỗi tệp, { $max } tệp.
apply-draft-saved = Đã lưu bản nháp trên máy.
apply-submit = Nộp hồ sơ
apply-submitting = Đang nộp…
apply-sign-in-first = Bạn cần đăng nhập bằng VNeID để nộp hồ sơ.

## Hồ sơ của tôi

sign-in-needed = Bạn cần đăng nhập để xem mục này.
dossiers-heading = Hồ sơ của tôi
dossiers-empty = Bạn chưa nộp hồ sơ nào.
dossiers-loading = Đang tải hồ sơ…
outbox-waiting = Chờ gửi — hồ sơ đã lưu trên máy và sẽ tự gửi khi có mạng.
outbox-refused = Máy chủ không nhận hồ sơ này: { $reason }
outbox-queued-at = Nộp lúc { $time }
dossier-code-label = Mã hồ sơ
dossier-sent = Đã gửi
dossier-submitted = Nộp lúc { $time }
dossier-due = Hẹn trả kết quả: { $date }
dossier-status-label = Trạng thái
dossier-timeline = Tiến trình
dossier-status-awaiting-payment = Chờ thanh toán
dossier-status-received = Đã tiếp nhận
dossier-status-processing = Đang xử lý
dossier-status-needs-info = Cần bổ sung
dossier-status-completed = Đã có kết quả
dossier-status-rejected = Bị từ chối
status-outbox = { $count } mục chờ gửi

## Thông báo

notifications-heading = Thông báo
notifications-empty = Chưa có thông báo nào.
notifications-unread = { $count } chưa đọc
notification-received = Hồ sơ { $code } đã được tiếp nhận
notification-awaiting-payment = Hồ sơ { $code } chờ nộp lệ phí
notification-processing = Hồ sơ { $code } đang được xử lý
notification-needs-info = Hồ sơ { $code } cần bổ sung
notification-completed = Hồ sơ { $code } đã có kết quả
notification-rejected = Hồ sơ { $code } bị từ chối

## Bổ sung hồ sơ

answer-heading = Bổ sung hồ sơ
answer-message = Nội dung bổ sung
answer-files = Tệp bổ sung (nếu cán bộ yêu cầu)
answer-submit = Gửi bổ sung
answer-sending = Đang gửi…
dossier-step-answered = Bạn đã gửi bổ sung

## Phản ánh hiện trường: phản ánh của tôi

reports-heading = Phản ánh của tôi
reports-intro = Báo sự cố ở nơi bạn sống như đèn đường hỏng, đường ngập nước, đổ rác bừa bãi. Cơ quan phụ trách sẽ xử lý, và bạn theo dõi được ở đây.
reports-new = Gửi phản ánh mới
reports-public-link = Xem các phản ánh đã xử lý
reports-loading = Đang tải phản ánh…
reports-empty = Bạn chưa gửi phản ánh nào.
report-outbox-report = Phản ánh mới: { $title }
report-outbox-rating = Đánh giá phản ánh { $code }
report-outbox-reopen = Mở lại phản ánh { $code }
report-outbox-waiting = Chờ gửi — đã lưu trên máy và sẽ tự gửi khi có mạng.
report-outbox-refused = Máy chủ không nhận: { $reason }
report-outbox-queued-at = Lưu trên máy lúc { $time }
report-code-label = Mã phản ánh
report-category-label = Loại sự cố
report-place-label = Nơi xảy ra
report-agency-label = Cơ quan xử lý
report-status-label = Trạng thái
report-status-received = Đã tiếp nhận
report-status-assigned = Đã giao đơn vị xử lý
report-status-in-progress = Đang xử lý
report-status-resolved = Đã xử lý xong
report-status-rejected = Bị từ chối
report-submitted = Gửi lúc { $time }
report-due = Hạn xử lý: { $time }
report-photo-count = Kèm { $count } ảnh
report-timeline = Tiến trình
report-step-reopened = Bạn đã mở lại phản ánh
report-rating-heading = Bạn hài lòng với việc xử lý đến đâu?
report-rating-hint = Chọn từ 1 sao (không hài lòng) đến 5 sao (rất hài lòng).
report-rating-stars = { $stars } sao
report-rated = Bạn đã chấm { $stars } trên 5 sao. Bạn vẫn có thể chấm lại.
report-reopen-heading = Sự cố vẫn còn?
report-reopen-hint = Bạn có thể mở lại phản ánh này đến { $time }.
report-reopen-message = Sự cố hiện còn thế nào?
report-reopen-submit = Mở lại phản ánh
report-reopen-sending = Đang gửi…

## Phản ánh hiện trường: gửi phản ánh mới

report-form-heading = Gửi phản ánh mới
report-form-intro = Ô có dấu * là bắt buộc. Phản ánh được lưu trên máy và tự gửi khi có mạng.
report-sign-in-first = Bạn cần đăng nhập bằng VNeID để gửi phản ánh.
report-categories-loading = Đang tải các loại sự cố…
report-categories-empty = Máy chưa có danh sách loại sự cố. Bạn hãy bấm “Đồng bộ lại” khi có mạng.
report-choose-category = — Chọn loại sự cố —
report-category-due = Thời hạn xử lý: { $hours } giờ.
report-title-label = Tiêu đề ngắn
report-title-hint = Ví dụ: Đèn đường trước nhà số 12 Lê Lợi không sáng.
report-description-label = Mô tả sự cố
report-description-hint = Sự cố ra sao, có từ khi nào, có gây nguy hiểm không.
report-photos-label = Ảnh chụp sự cố
report-photos-hint = Từ 1 đến { $max } ảnh JPEG hoặc PNG. Trước khi gửi, ảnh được thu nhỏ và xóa thông tin của máy ảnh (như giờ chụp, vị trí chụp).
report-photos-count = Đã chọn { $count } trên { $max } ảnh.
report-photos-full = Chỉ gửi được tối đa { $max } ảnh. Bạn hãy bỏ bớt ảnh trước khi thêm ảnh khác.
report-photo-alt = Ảnh đã chọn: { $name }
report-photo-remove = Bỏ ảnh { $name }
report-attaching = Đang xử lý ảnh…
report-location-label = Vị trí sự cố
report-location-hint = Cần có vị trí hoặc địa chỉ, có cả hai càng tốt. Bạn có thể dùng vị trí hiện tại, chạm vào bản đồ để ghim, hoặc nhập địa chỉ.
report-use-my-location = Dùng vị trí hiện tại
report-locating = Đang tìm vị trí của bạn…
report-location-failed = Không lấy được vị trí hiện tại của máy. Bạn hãy chạm vào bản đồ để ghim, hoặc nhập địa chỉ.
report-location-pinned = Đã ghim vị trí: { $lat }, { $lon }
report-location-none = Chưa ghim vị trí nào.
report-location-clear = Bỏ vị trí đã ghim
report-map-label = Bản đồ: chạm vào nơi có sự cố để ghim
report-address-label = Địa chỉ
report-address-hint = Số nhà, tên đường, phường hoặc xã. Ví dụ: trước số 12 Lê Lợi, phường Thuận Hóa.
report-public-label = Cho phép hiển thị công khai (không kèm tên bạn)
report-public-hint = Nếu bạn đồng ý, phản ánh và kết quả xử lý sẽ hiện trong mục “Phản ánh đã xử lý” cho mọi người cùng xem. Tên và số định danh của bạn không bao giờ được hiển thị.
report-submit = Gửi phản ánh
report-submitting = Đang gửi…

## Bản đồ

map-zoom-in = Phóng to
map-zoom-out = Thu nhỏ
map-pin-center = Ghim vào giữa bản đồ
map-keyboard-hint = Dùng các phím mũi tên để di chuyển bản đồ, phím + và − để phóng to hoặc thu nhỏ.
map-no-tiles-pick = Máy chưa có bản đồ nền, khung màu xanh là địa bàn tỉnh. Bạn vẫn ghim được vị trí gần đúng; hãy nhập thêm địa chỉ để cán bộ dễ tìm.
map-no-tiles-view = Máy chưa có bản đồ nền, khung màu xanh là địa bàn tỉnh và các chấm đỏ là nơi có phản ánh.
map-unavailable = Không hiển thị được bản đồ trên máy này.

## Phản ánh đã xử lý (công khai)

public-reports-heading = Phản ánh đã xử lý
public-reports-intro = Những sự cố người dân đã báo và cơ quan đã xử lý xong, khi người báo đồng ý cho xem. Tên người báo không bao giờ được hiển thị.
public-reports-loading = Đang tải…
public-reports-empty = Chưa có phản ánh nào được công khai.
public-reports-map-label = Bản đồ các phản ánh đã xử lý
public-report-answer = Cơ quan trả lời
public-report-dates = Báo lúc { $submitted } · Xử lý xong lúc { $resolved }

## Payments (Thanh toán)
payments-heading = Thanh toán phí, lệ phí
payments-empty = Bạn chưa có khoản phí, lệ phí nào cần nộp.
payment-heading = Lệ phí
payment-amount-label = Số tiền
payment-expires = Hạn thanh toán: { $time }
payment-state-unpaid = Chưa thanh toán
payment-state-paid = Đã thanh toán
payment-state-held = Đang kiểm tra khoản đã nộp
payment-state-expired = Quá hạn thanh toán
payment-state-reissued = Đã thay bằng hóa đơn mới
payment-state-closed = Không còn phải nộp (hồ sơ bị từ chối)
payment-held-help = Khoản tiền đã nhận không khớp với hóa đơn nên đang được cán bộ kiểm tra. Hồ sơ chưa được chuyển đi; nếu cần hoàn tiền, cơ quan sẽ liên hệ với bạn.
payment-vietqr = Chuyển khoản bằng mã VietQR
payment-vietqr-help = Mở ứng dụng ngân hàng và quét mã này. Số tiền và nội dung chuyển khoản đã có sẵn; xin đừng sửa nội dung.
payment-reference = Nội dung chuyển khoản
payment-gateway = Thanh toán bằng thẻ hoặc ví điện tử
payment-waiting = Đang chờ cổng thanh toán xác nhận… Trạng thái sẽ tự cập nhật; bạn không cần thanh toán lại.
payment-reissue = Cấp lại hóa đơn
receipt-open = Xem biên lai
receipt-heading = Biên lai điện tử
receipt-number = Số biên lai
receipt-payer = Người nộp
receipt-paid-at = Thời điểm thanh toán
receipt-method = Hình thức
receipt-method-gateway = Cổng thanh toán (thẻ, ví điện tử)
receipt-method-bank-transfer = Chuyển khoản ngân hàng (VietQR)
receipt-transaction = Mã giao dịch
receipt-export = Tải biên lai (PDF)
receipt-saved = Đã lưu biên lai vào { $path }

## Kiosk
kiosk-ends-in = Phiên làm việc sẽ tự kết thúc sau { $seconds } giây nếu không thao tác; dữ liệu của bạn sẽ được xóa khỏi máy.
kiosk-still-there = Bạn còn đang sử dụng? Chạm vào màn hình để tiếp tục.

## Receipts (biên lai)

receipt-pdf-authority = UBND TỈNH THỪA THIÊN HUẾ
receipt-pdf-title = BIÊN LAI THU PHÍ, LỆ PHÍ
receipt-pdf-number = Số biên lai
receipt-pdf-payer = Người nộp
receipt-pdf-payee = Đơn vị thu
receipt-pdf-description = Nội dung thu
receipt-pdf-dossier = Mã hồ sơ
receipt-pdf-amount = Số tiền
receipt-pdf-amount-value = { $amount } đồng
receipt-pdf-method = Hình thức thanh toán
receipt-pdf-method-gateway = Cổng thanh toán (thẻ, ví điện tử)
receipt-pdf-method-bank-transfer = Chuyển khoản ngân hàng (VietQR)
receipt-pdf-transaction = Mã giao dịch
receipt-pdf-paid-at = Thời điểm thanh toán
receipt-pdf-paid-at-value = { $time } (giờ Việt Nam)
receipt-pdf-reference = Mã tham chiếu
receipt-pdf-footer = Biên lai điện tử, có giá trị như biên lai giấy.

## Accessibility (issue 7): the large-text switch on the status bar

text-size-large = Chữ lớn
