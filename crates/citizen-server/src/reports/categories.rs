//! The kinds of problem a resident can report, each with its due time and who handles it.
//!
//! Seeded in code rather than in the database: a category's code is in every report and in
//! the Open311 `service_code`, and its handler drives routing, so a change is a reviewed release.

use citizen_protocol::catalog::Localized;
use citizen_protocol::reports::ReportCategory;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CategoryDef {
    /// ASCII kebab-case, stable: stored with every report.
    pub code: &'static str,
    /// (Vietnamese, English).
    pub name: (&'static str, &'static str),
    /// (Vietnamese, English), one line.
    pub description: (&'static str, &'static str),
    /// From receipt to the due time.
    pub due_hours: u32,
    pub handler: Handler,
}

/// Who a report of a category goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handler {
    /// The People's Committee of the ward or commune the report's position lies in.
    AreaCommittee,
    /// One agency for the whole city, wherever the problem is.
    Agency { vi: &'static str, en: &'static str },
}

// The city's public-works company handles lighting, trees and rubbish alike.
const URBAN_WORKS: Handler = Handler::Agency {
    vi: "Công ty Cổ phần Môi trường và Công trình đô thị Huế",
    en: "Huế Urban Environment and Public Works JSC",
};

const CATEGORIES: &[CategoryDef] = &[
    CategoryDef {
        code: "giao-thong",
        name: ("Giao thông", "Roads and traffic"),
        description: (
            "Ổ gà, mặt đường hư hỏng, biển báo hay đèn tín hiệu giao thông hỏng",
            "Potholes, damaged roads, broken road signs or traffic lights",
        ),
        due_hours: 72,
        handler: Handler::Agency {
            vi: "Sở Xây dựng thành phố Huế",
            en: "Huế City Department of Construction",
        },
    },
    CategoryDef {
        code: "moi-truong",
        name: ("Môi trường", "Environment"),
        description: (
            "Đổ rác, xả thải trái phép, rác chưa được thu gom, ô nhiễm",
            "Illegal dumping or discharge, uncollected rubbish, pollution",
        ),
        due_hours: 48,
        handler: URBAN_WORKS,
    },
    CategoryDef {
        code: "trat-tu-do-thi",
        name: ("Trật tự đô thị", "Urban order"),
        description: (
            "Lấn chiếm vỉa hè, lòng đường; xây dựng trái phép; quảng cáo sai quy định",
            "Encroachment on pavements and roads, illegal construction, unlawful advertising",
        ),
        due_hours: 72,
        handler: Handler::AreaCommittee,
    },
    CategoryDef {
        code: "chieu-sang",
        name: ("Điện chiếu sáng", "Street lighting"),
        description: (
            "Đèn đường không sáng hoặc sáng ban ngày, cột đèn hư hỏng, dây điện buông thõng",
            "Street lights out or on by day, damaged lamp posts, sagging cables",
        ),
        due_hours: 48,
        handler: URBAN_WORKS,
    },
    CategoryDef {
        code: "cap-thoat-nuoc",
        name: ("Cấp thoát nước", "Water supply and drainage"),
        description: (
            "Mất nước, vỡ đường ống, cống thoát nước bị tắc, nắp hố ga hỏng",
            "No water, burst mains, blocked drains, broken manhole covers",
        ),
        due_hours: 24,
        handler: Handler::Agency {
            vi: "Công ty Cổ phần Cấp nước Thừa Thiên Huế",
            en: "Thừa Thiên Huế Water Supply JSC",
        },
    },
    CategoryDef {
        code: "an-ninh-trat-tu",
        name: ("An ninh trật tự", "Public security and order"),
        description: (
            "Gây rối, ồn ào ban đêm, trộm cắp, tệ nạn xã hội; việc khẩn cấp xin gọi 113",
            "Disturbances, noise at night, theft, vice; in an emergency call 113",
        ),
        due_hours: 12,
        handler: Handler::Agency {
            vi: "Công an thành phố Huế",
            en: "Huế City Police",
        },
    },
    CategoryDef {
        code: "y-te",
        name: ("Y tế", "Health"),
        description: (
            "An toàn thực phẩm, dịch bệnh, hành nghề y dược không phép",
            "Food safety, epidemics, unlicensed medical or pharmacy practice",
        ),
        due_hours: 24,
        handler: Handler::Agency {
            vi: "Sở Y tế thành phố Huế",
            en: "Huế City Department of Health",
        },
    },
    CategoryDef {
        code: "thien-tai-ngap-lut",
        name: ("Thiên tai, ngập lụt", "Natural disasters and flooding"),
        description: (
            "Ngập úng, sạt lở, cây đổ chắn đường, công trình hư hỏng do mưa bão",
            "Flooding, landslides, fallen trees across roads, storm damage",
        ),
        due_hours: 4,
        handler: Handler::Agency {
            vi: "Ban Chỉ huy Phòng thủ dân sự thành phố Huế",
            en: "Huế City Civil Defence Command",
        },
    },
    CategoryDef {
        code: "cay-xanh",
        name: ("Cây xanh", "Trees and green spaces"),
        description: (
            "Cây có nguy cơ gãy đổ, cần cắt tỉa, bị chặt phá trái phép",
            "Trees at risk of falling or needing pruning, illegal felling",
        ),
        due_hours: 72,
        handler: URBAN_WORKS,
    },
    CategoryDef {
        code: "khac",
        name: ("Khác", "Other"),
        description: (
            "Vấn đề khác ở nơi công cộng chưa thuộc các lĩnh vực trên",
            "Any other problem in a public place not covered above",
        ),
        due_hours: 120,
        handler: Handler::AreaCommittee,
    },
];

pub fn all() -> &'static [CategoryDef] {
    CATEGORIES
}

pub fn find(code: &str) -> Option<&'static CategoryDef> {
    CATEGORIES.iter().find(|c| c.code == code)
}

impl CategoryDef {
    pub fn to_protocol(&self) -> ReportCategory {
        ReportCategory {
            code: self.code.to_owned(),
            name: Localized::new(self.name.0, self.name.1),
            description: Localized::new(self.description.0, self.description.1),
            due_hours: self.due_hours,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn is_kebab_case(code: &str) -> bool {
        !code.is_empty()
            && code.split('-').all(|word| {
                !word.is_empty()
                    && word
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
    }

    #[test]
    fn codes_are_unique_kebab_case_and_every_text_is_in_both_languages() {
        let mut codes = HashSet::new();
        for c in all() {
            assert!(codes.insert(c.code), "{} twice", c.code);
            assert!(is_kebab_case(c.code), "{}", c.code);
            for (vi, en) in [c.name, c.description] {
                assert!(!vi.trim().is_empty() && !en.trim().is_empty(), "{}", c.code);
                // Vietnamese text in the English slot would show.
                assert!(en.is_ascii(), "{}: {en}", c.code);
            }
            // A Vietnamese name typed without its diacritics would show that way to residents.
            assert!(!c.name.0.is_ascii(), "{}: {}", c.code, c.name.0);
            assert!((1..=24 * 14).contains(&c.due_hours), "{}", c.code);
            if let Handler::Agency { vi, en } = c.handler {
                assert!(!vi.trim().is_empty() && !en.trim().is_empty(), "{}", c.code);
            }
        }
        for code in [
            "giao-thong",
            "moi-truong",
            "trat-tu-do-thi",
            "chieu-sang",
            "cap-thoat-nuoc",
            "an-ninh-trat-tu",
            "y-te",
            "thien-tai-ngap-lut",
            "cay-xanh",
            "khac",
        ] {
            assert!(codes.contains(code), "{code} missing");
        }
        assert!(!is_kebab_case("Giao-thong") && !is_kebab_case("giao--thong"));
        assert!(!is_kebab_case("giao_thong") && !is_kebab_case("-khac"));
    }

    #[test]
    fn find_gives_the_category_and_the_protocol_keeps_its_words() {
        let lights = find("chieu-sang").expect("chiếu sáng");
        assert_eq!(lights.due_hours, 48);
        assert!(matches!(lights.handler, Handler::Agency { .. }));
        let wire = lights.to_protocol();
        assert_eq!(wire.code, "chieu-sang");
        assert_eq!(
            wire.name,
            Localized::new("Điện chiếu sáng", "Street lighting")
        );
        assert_eq!(wire.description.vi, lights.description.0);
        assert_eq!(wire.due_hours, 48);
        assert_eq!(find("thien-tai-ngap-lut").map(|c| c.due_hours), Some(4));
        assert_eq!(find("an-ninh-trat-tu").map(|c| c.due_hours), Some(12));
        assert_eq!(
            find("khac").map(|c| c.handler),
            Some(Handler::AreaCommittee)
        );
        assert_eq!(find("Chieu-sang"), None);
        assert_eq!(find(""), None);
    }
}
