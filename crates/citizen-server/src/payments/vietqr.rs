//! VietQR: the EMVCo merchant-presented QR payload (EMV QRCPS-MPM) as NAPAS profiles it for bank
//! transfers. Every field is a TLV (two-digit id, two-digit length, value); the last is the
//! CRC-16/CCITT-FALSE of everything before it, its own id and length included.
//!
//! `citizen-server vietqr` prints one for the static codes counters put up; invoices will carry a
//! dynamic one (with the amount) for the app to show as a QR code, also offline.

/// NAPAS's application identifier in the merchant account information (tag 38).
pub const NAPAS_GUID: &str = "A000000727";
/// Inter-bank fund transfer 24/7 to an account.
pub const TRANSFER_TO_ACCOUNT: &str = "QRIBFTTA";
/// ISO 4217 numeric code of the đồng.
pub const CURRENCY_VND: &str = "704";
/// The most the additional data's purpose (tag 62, sub-tag 08) may hold.
pub const MAX_REFERENCE_CHARS: usize = 25;

/// What a transfer QR says: to which account at which bank, how much, and the reference the
/// transfer's content will carry back (what a payment is matched to its invoice by).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    /// The acquirer bank's 6-digit NAPAS BIN, e.g. 970415 (VietinBank).
    pub bin: String,
    pub account: String,
    /// Whole đồng; none for a static code, where the payer types the amount.
    pub amount_vnd: Option<u64>,
    pub reference: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VietQrError {
    #[error("the bank BIN must be 6 digits")]
    Bin,
    #[error("the account number must be 1–19 letters or digits")]
    Account,
    #[error("the amount must be a whole number of đồng from 1 to 9,999,999,999,999")]
    Amount,
    #[error("the reference must be 1–25 unaccented letters, digits or spaces")]
    Reference,
}

impl Transfer {
    /// The payload string, checked: a field a bank app would refuse is refused here first.
    pub fn payload(&self) -> Result<String, VietQrError> {
        if self.bin.len() != 6 || !self.bin.bytes().all(|b| b.is_ascii_digit()) {
            return Err(VietQrError::Bin);
        }
        if !(1..=19).contains(&self.account.len())
            || !self.account.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            return Err(VietQrError::Account);
        }
        if self
            .amount_vnd
            .is_some_and(|a| a == 0 || a > 9_999_999_999_999)
        {
            return Err(VietQrError::Amount);
        }
        // Banks pass the content on as plain ASCII; anything else arrives mangled or not at all,
        // and the payment could not be matched to its invoice.
        if let Some(reference) = &self.reference {
            let fits = (1..=MAX_REFERENCE_CHARS).contains(&reference.len())
                && reference
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b' ');
            if !fits {
                return Err(VietQrError::Reference);
            }
        }
        let beneficiary = tlv("00", &self.bin) + &tlv("01", &self.account);
        let merchant =
            tlv("00", NAPAS_GUID) + &tlv("01", &beneficiary) + &tlv("02", TRANSFER_TO_ACCOUNT);
        let mut payload = tlv("00", "01");
        // 11: the same code for every payment; 12: this one payment, amount included.
        payload += &tlv(
            "01",
            if self.amount_vnd.is_some() {
                "12"
            } else {
                "11"
            },
        );
        payload += &tlv("38", &merchant);
        payload += &tlv("53", CURRENCY_VND);
        if let Some(amount) = self.amount_vnd {
            payload += &tlv("54", &amount.to_string());
        }
        payload += &tlv("58", "VN");
        if let Some(reference) = &self.reference {
            payload += &tlv("62", &tlv("08", reference));
        }
        payload += "6304";
        let crc = crc16_ccitt_false(payload.as_bytes());
        Ok(format!("{payload}{crc:04X}"))
    }
}

/// One field; every value built here is ASCII and at most 99 bytes, as EMVCo requires.
fn tlv(id: &str, value: &str) -> String {
    debug_assert!(value.len() <= 99 && value.is_ascii());
    format!("{id}{:02}{value}", value.len())
}

/// CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR.
pub fn crc16_ccitt_false(bytes: &[u8]) -> u16 {
    let mut crc = 0xFFFFu16;
    for &byte in bytes {
        crc ^= u16::from(byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crc_is_ccitt_false() {
        // The check value of CRC-16/CCITT-FALSE in the CRC catalogue.
        assert_eq!(crc16_ccitt_false(b"123456789"), 0x29B1);
    }

    #[test]
    fn a_dynamic_transfer_matches_a_published_payload() {
        // 120,000 đ to VietinBank account 0011001932418, "ung ho lu lut": the example published
        // with github.com/subiz/vietqr, made by a separate implementation.
        let transfer = Transfer {
            bin: "970415".into(),
            account: "0011001932418".into(),
            amount_vnd: Some(120_000),
            reference: Some("ung ho lu lut".into()),
        };
        assert_eq!(
            transfer.payload().unwrap(),
            "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA\
             530370454061200005802VN62170813ung ho lu lut6304C15C"
        );
    }

    #[test]
    fn a_static_code_has_no_amount_and_initiation_11() {
        let payload = Transfer {
            bin: "970436".into(),
            account: "0071000123456".into(),
            amount_vnd: None,
            reference: None,
        }
        .payload()
        .unwrap();
        assert!(payload.starts_with("000201010211"), "{payload}");
        assert!(!payload.contains("5406"), "no amount: {payload}");
        let (body, crc) = payload.split_at(payload.len() - 4);
        assert_eq!(crc, format!("{:04X}", crc16_ccitt_false(body.as_bytes())));
    }

    #[test]
    fn what_a_bank_would_refuse_is_refused() {
        let good = Transfer {
            bin: "970415".into(),
            account: "0011001932418".into(),
            amount_vnd: Some(50_000),
            reference: Some("HS H57 0001".into()),
        };
        assert!(good.payload().is_ok());
        let bad = [
            (
                Transfer {
                    bin: "97041".into(),
                    ..good.clone()
                },
                VietQrError::Bin,
            ),
            (
                Transfer {
                    account: "".into(),
                    ..good.clone()
                },
                VietQrError::Account,
            ),
            (
                Transfer {
                    account: "0011-0019".into(),
                    ..good.clone()
                },
                VietQrError::Account,
            ),
            (
                Transfer {
                    amount_vnd: Some(0),
                    ..good.clone()
                },
                VietQrError::Amount,
            ),
            (
                Transfer {
                    reference: Some("Lệ phí khai sinh".into()),
                    ..good.clone()
                },
                VietQrError::Reference,
            ),
            (
                Transfer {
                    reference: Some("x".repeat(26)),
                    ..good.clone()
                },
                VietQrError::Reference,
            ),
        ];
        for (transfer, error) in bad {
            assert_eq!(transfer.payload(), Err(error), "{transfer:?}");
        }
    }
}
