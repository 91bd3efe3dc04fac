//! The province's catalogue of administrative procedures ("thủ tục hành chính").

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A text given in both of the product's languages. Vietnamese is authoritative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Localized {
    pub vi: String,
    pub en: String,
}

impl Localized {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            vi: vi.into(),
            en: en.into(),
        }
    }
}

/// Field ("lĩnh vực") a procedure belongs to. The kebab-case name doubles as the Fluent key suffix
/// (`field-ho-tich`), so the UI can label it in either language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Field {
    HoTich,
    DatDai,
    XayDung,
    KinhDoanh,
    LaoDong,
    GiaoDuc,
    YTe,
    GiaoThong,
    TuPhap,
    BaoTroXaHoi,
    NongNghiep,
    TaiNguyenMoiTruong,
    VanHoaDuLich,
    ThongTinTruyenThong,
}

impl Field {
    pub const ALL: [Field; 14] = [
        Field::HoTich,
        Field::DatDai,
        Field::XayDung,
        Field::KinhDoanh,
        Field::LaoDong,
        Field::GiaoDuc,
        Field::YTe,
        Field::GiaoThong,
        Field::TuPhap,
        Field::BaoTroXaHoi,
        Field::NongNghiep,
        Field::TaiNguyenMoiTruong,
        Field::VanHoaDuLich,
        Field::ThongTinTruyenThong,
    ];

    /// The stable wire name, as stored in databases.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::HoTich => "ho-tich",
            Field::DatDai => "dat-dai",
            Field::XayDung => "xay-dung",
            Field::KinhDoanh => "kinh-doanh",
            Field::LaoDong => "lao-dong",
            Field::GiaoDuc => "giao-duc",
            Field::YTe => "y-te",
            Field::GiaoThong => "giao-thong",
            Field::TuPhap => "tu-phap",
            Field::BaoTroXaHoi => "bao-tro-xa-hoi",
            Field::NongNghiep => "nong-nghiep",
            Field::TaiNguyenMoiTruong => "tai-nguyen-moi-truong",
            Field::VanHoaDuLich => "van-hoa-du-lich",
            Field::ThongTinTruyenThong => "thong-tin-truyen-thong",
        }
    }

    pub fn parse(s: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// Level of government that resolves the procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum AdminLevel {
    /// Cấp tỉnh
    Tinh,
    /// Cấp huyện
    Huyen,
    /// Cấp xã
    Xa,
}

impl AdminLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            AdminLevel::Tinh => "tinh",
            AdminLevel::Huyen => "huyen",
            AdminLevel::Xa => "xa",
        }
    }

    pub fn parse(s: &str) -> Option<AdminLevel> {
        [AdminLevel::Tinh, AdminLevel::Huyen, AdminLevel::Xa]
            .into_iter()
            .find(|l| l.as_str() == s)
    }
}

/// How much of the procedure can be done online.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum OnlineLevel {
    /// "Toàn trình": submitted, processed and returned entirely online.
    Full,
    /// "Một phần": submitted online, but some step needs the resident in person.
    Partial,
}

impl OnlineLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            OnlineLevel::Full => "full",
            OnlineLevel::Partial => "partial",
        }
    }

    pub fn parse(s: &str) -> Option<OnlineLevel> {
        [OnlineLevel::Full, OnlineLevel::Partial]
            .into_iter()
            .find(|l| l.as_str() == s)
    }
}

/// One administrative procedure as published by the province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Procedure {
    /// Stable code, e.g. "HT-001"; never reused for another procedure.
    pub id: String,
    pub field: Field,
    pub level: AdminLevel,
    pub name: Localized,
    pub agency: Localized,
    pub processing_days: u32,
    /// Fee in Vietnamese đồng; 0 means free of charge.
    #[ts(type = "number")]
    pub fee_vnd: u64,
    pub online_level: OnlineLevel,
    pub required_documents: Vec<Localized>,
    /// The form a dossier for this procedure fills in; procedures without one cannot yet be
    /// submitted through the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub form: Option<crate::forms::Form>,
}
