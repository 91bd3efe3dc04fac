# Pages the provincial server shows in the resident's browser during sign-in.

sign-in-title = Đăng nhập Công dân số
sign-in-intro = Bạn đăng nhập bằng tài khoản định danh điện tử (VNeID) mức 2. Sau khi đăng nhập, trình duyệt sẽ đưa bạn trở lại ứng dụng.
sign-in-with-eid = Đăng nhập bằng VNeID
sign-in-note = Công dân số không bao giờ hỏi mật khẩu VNeID của bạn trên trang này.
sandbox-title = VNeID thử nghiệm (SANDBOX)
sandbox-intro = Đây là môi trường thử nghiệm, không phải VNeID thật. Chọn một cư dân mẫu để đăng nhập.
signed-in-title = Đã đăng nhập
signed-in-back = Bạn có thể đóng trang này và quay lại ứng dụng Công dân số.
page-error-title = Chưa đăng nhập được
page-error-bad-request = Yêu cầu đăng nhập không hợp lệ hoặc đã hết hạn.
page-error-unknown-state = Phiên đăng nhập này không còn hiệu lực (có thể trang đã được mở lại hoặc quá lâu).
page-error-eid = Hệ thống định danh điện tử không trả lời đúng.
page-error-too-many = Bạn đã thử quá nhiều lần. Hãy đợi vài phút.
page-error-retry = Bạn hãy quay lại ứng dụng và bấm “Đăng nhập” để thử lại.
sign-in-with-passkey = Đăng nhập bằng khóa truy cập (passkey)
passkey-offer-title = Lần sau đăng nhập nhanh hơn?
passkey-offer-intro = Tạo một khóa truy cập (passkey) trên thiết bị này: lần sau bạn chỉ cần mở khóa thiết bị (vân tay, khuôn mặt hoặc mã PIN) thay vì đăng nhập VNeID.
passkey-create = Tạo khóa truy cập trên thiết bị này
passkey-skip = Để sau, vào ứng dụng
passkey-offer-note = Bạn luôn có thể đăng nhập bằng VNeID, kể cả khi mất hoặc đổi thiết bị.
passkey-working = Đang chờ thiết bị của bạn xác nhận…
passkey-error-cancelled = Thao tác đã bị hủy hoặc quá thời gian. Bạn có thể bấm lại để thử.
passkey-error-failed = Không dùng được khóa truy cập. Hãy thử lại, hoặc đăng nhập bằng VNeID.
passkey-error-unknown = Khóa truy cập này không còn được nhận. Hãy đăng nhập bằng VNeID; sau đó bạn có thể tạo khóa mới.
passkey-error-unsupported = Trình duyệt này không hỗ trợ khóa truy cập. Bạn vẫn đăng nhập được bằng VNeID.

## Payments: the gateway's return page, and the sandbox gateway and bank
payment-return-paid-title = Đã thanh toán
payment-return-paid = Lệ phí đã được thanh toán. Hồ sơ của bạn đã được chuyển đến cơ quan giải quyết.
payment-return-receipt = Số biên lai
payment-return-pending-title = Đang chờ xác nhận
payment-return-pending = Cổng thanh toán chưa xác nhận khoản thanh toán với hệ thống. Trạng thái sẽ được cập nhật trong ứng dụng ngay khi có xác nhận; bạn không cần thanh toán lại.
payment-return-cancelled-title = Chưa thanh toán
payment-return-cancelled = Giao dịch đã bị hủy hoặc không thành công. Bạn chưa bị trừ tiền và có thể thanh toán lại trong ứng dụng.
payment-return-invalid-title = Kết quả không hợp lệ
payment-return-invalid = Kết quả thanh toán này không đúng chữ ký của cổng thanh toán nên không được chấp nhận.
payment-return-back = Bạn hãy quay lại ứng dụng Công dân số để xem trạng thái hồ sơ.
sandbox-gateway-title = Cổng thanh toán THỬ NGHIỆM
sandbox-bank-title = Ngân hàng THỬ NGHIỆM
sandbox-gateway-warning = Đây là môi trường thử nghiệm (sandbox): không có tiền thật được chuyển.
sandbox-gateway-bad-request = Yêu cầu thanh toán không hợp lệ, sai chữ ký hoặc đã hết hạn.
sandbox-gateway-already-paid = Đơn hàng này đã được thanh toán; không thu thêm.
sandbox-gateway-pay = Thanh toán
sandbox-gateway-cancel = Hủy giao dịch

## Hand-off (RFC 8628): the resident's phone approves a kiosk, or a helper
device-title = Đăng nhập trên máy khác
device-intro = Nhập mã hiển thị trên màn hình máy tại điểm phục vụ (hoặc trên máy của người hỗ trợ).
device-code-label = Mã đăng nhập (8 chữ cái)
device-code-go = Tiếp tục
device-sign-in-intro = Đăng nhập để xác nhận cho máy đang hiển thị mã. Chỉ xác nhận nếu chính bạn đang đứng trước máy đó.
device-consent-title = Xác nhận đăng nhập
device-consent-kiosk = Cho phép máy tại điểm phục vụ mở phiên của bạn trong thời gian ngắn để xem và nộp hồ sơ? Phiên sẽ tự kết thúc và không lưu lại dữ liệu của bạn.
device-consent-assist = Cho phép { $helper } (Tổ công nghệ số cộng đồng) thay bạn thao tác trong { $minutes } phút? Mọi việc họ làm được ghi vào nhật ký mà bạn xem được trong ứng dụng.
device-approve = Đồng ý
device-deny = Không đồng ý
device-approved-title = Đã xác nhận
device-approved = Bạn có thể quay lại máy đang hiển thị mã. Có thể đóng trang này.
device-denied-title = Đã từ chối
device-denied = Máy kia sẽ không được mở phiên của bạn. Có thể đóng trang này.
device-error-over = Mã này đã được trả lời hoặc đã hết hạn.
