//! Fees (lệ phí) paid without cash. So far: the VietQR payload a bank app scans to transfer a fee.

pub mod vietqr;
