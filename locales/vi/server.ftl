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
