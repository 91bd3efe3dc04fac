//! The taxonomy of the province's administrative procedures ("thủ tục hành chính") and the
//! generators built on it.
//!
//! The taxonomy is data: for each [`Field`], a list of procedure templates (names in Vietnamese
//! and English, the levels of government that resolve it, processing time, fee, how much of it is
//! online, the documents to bring). [`demo_catalog`] expands every template into one procedure
//! per level, with that level's agency; [`synthetic_catalog`] derives a catalogue of any size
//! from it for load tests. Both are deterministic: the same taxonomy gives the same ids.

use citizen_protocol::catalog::{AdminLevel, Field, Localized, OnlineLevel, Procedure};

/// A text in both languages: (Vietnamese, English).
type Text = (&'static str, &'static str);

/// Level bit flags a template can combine, e.g. `HUYEN | XA`.
const TINH: u8 = 0b100;
const HUYEN: u8 = 0b010;
const XA: u8 = 0b001;
const TINH_HUYEN: u8 = TINH | HUYEN;
const HUYEN_XA: u8 = HUYEN | XA;
const MOI_CAP: u8 = TINH | HUYEN | XA;

/// Levels in the order a multi-level template expands, with their bit and agency slot.
const LEVELS: [(u8, AdminLevel); 3] = [
    (TINH, AdminLevel::Tinh),
    (HUYEN, AdminLevel::Huyen),
    (XA, AdminLevel::Xa),
];

const FULL: OnlineLevel = OnlineLevel::Full;
const PART: OnlineLevel = OnlineLevel::Partial;

/// One procedure as the province publishes it, before it is expanded per level.
struct Template {
    name: Text,
    /// `TINH`, `HUYEN`, `XA` or a combination.
    levels: u8,
    days: u32,
    fee_vnd: u64,
    online: OnlineLevel,
    documents: &'static [Text],
    /// Overrides the field's agency (at every level the template exists at).
    agency: Option<Text>,
}

/// A field with its id prefix, its default agencies per level and its templates.
struct FieldSpec {
    field: Field,
    prefix: &'static str,
    /// Agencies at cấp tỉnh, cấp huyện and cấp xã, in that order.
    agencies: [Text; 3],
    templates: &'static [Template],
}

/// Builds a `&[Template]` from compact rows:
/// `"tên", "name", LEVELS, days, fee, FULL|PART, [DOCUMENTS] (@ AGENCY)?;`
macro_rules! templates {
    ($($vi:literal, $en:literal, $levels:expr, $days:literal, $fee:literal, $online:ident,
        [$($doc:ident),* $(,)?] $(@ $agency:ident)?;)*) => {
        &[$(Template {
            name: ($vi, $en),
            levels: $levels,
            days: $days,
            fee_vnd: $fee,
            online: $online,
            documents: &[$($doc),*],
            agency: templates!(@agency $($agency)?),
        }),*]
    };
    (@agency) => { None };
    (@agency $agency:ident) => { Some($agency) };
}

mod documents;
pub mod forms;
mod procedures;

/// The province's demo catalogue: deterministic, ≥ 300 procedures.
///
/// Ids are the field's prefix and the procedure's position in the field ("HT-001"), so they only
/// change when the taxonomy itself is reordered.
pub fn demo_catalog() -> Vec<Procedure> {
    let mut catalog = Vec::with_capacity(400);
    for spec in &procedures::FIELDS {
        let mut number = 0;
        for template in spec.templates {
            for (slot, &(bit, level)) in LEVELS.iter().enumerate() {
                if template.levels & bit == 0 {
                    continue;
                }
                number += 1;
                catalog.push(Procedure {
                    id: format!("{}-{number:03}", spec.prefix),
                    field: spec.field,
                    level,
                    name: localized(template.name),
                    agency: localized(template.agency.unwrap_or(spec.agencies[slot])),
                    processing_days: template.days,
                    fee_vnd: template.fee_vnd,
                    online_level: template.online,
                    required_documents: template.documents.iter().copied().map(localized).collect(),
                    form: forms::form_for(template.name.0),
                });
            }
        }
    }
    catalog
}

/// A realistic synthetic catalogue of exactly `n` procedures for benchmarks (n may be 20_000).
///
/// Cycles through the demo catalogue; each pass places the procedures in another locality of
/// Huế ("… tại phường Phú Hội"), then in numbered residential groups and hamlets of those
/// localities, so every name is distinct. Processing times vary along a fixed sequence.
pub fn synthetic_catalog(n: usize) -> Vec<Procedure> {
    if n == 0 {
        return Vec::new();
    }
    let base = demo_catalog();
    (0..n)
        .map(|i| {
            let procedure = &base[i % base.len()];
            let pass = i / base.len();
            // A demo name occurs at most once per level, so (name, level, pass) is unique and so
            // is the place it maps to.
            let level_slot = match procedure.level {
                AdminLevel::Xa => 0,
                AdminLevel::Huyen => 1,
                AdminLevel::Tinh => 2,
            };
            let place = place(pass * 3 + level_slot);
            Procedure {
                id: format!("SYN-{:06}", i + 1),
                name: Localized::new(
                    format!("{} tại {}", procedure.name.vi, place.vi),
                    format!("{} in {}", procedure.name.en, place.en),
                ),
                processing_days: procedure.processing_days + (pass % 4) as u32,
                ..procedure.clone()
            }
        })
        .collect()
}

/// Wards ("phường") and communes ("xã") of Huế the synthetic catalogue is spread over.
const LOCALITIES: [(bool, Text); 40] = {
    const P: bool = true; // phường
    const X: bool = false; // xã
    [
        (P, ("Phú Hội", "Phu Hoi")),
        (X, ("Hương Thọ", "Huong Tho")),
        (P, ("Vĩnh Ninh", "Vinh Ninh")),
        (P, ("Phú Nhuận", "Phu Nhuan")),
        (X, ("Thủy Bằng", "Thuy Bang")),
        (P, ("Phước Vĩnh", "Phuoc Vinh")),
        (P, ("Trường An", "Truong An")),
        (X, ("Phú Mậu", "Phu Mau")),
        (P, ("An Cựu", "An Cuu")),
        (P, ("An Đông", "An Dong")),
        (X, ("Hương Phong", "Huong Phong")),
        (P, ("Xuân Phú", "Xuan Phu")),
        (P, ("Vỹ Dạ", "Vy Da")),
        (X, ("Phú Thanh", "Phu Thanh")),
        (P, ("Thuận Hòa", "Thuan Hoa")),
        (P, ("Tây Lộc", "Tay Loc")),
        (X, ("Quảng Thành", "Quang Thanh")),
        (P, ("Đông Ba", "Dong Ba")),
        (P, ("Gia Hội", "Gia Hoi")),
        (X, ("Quảng An", "Quang An")),
        (P, ("Kim Long", "Kim Long")),
        (P, ("Hương Long", "Huong Long")),
        (X, ("Phong Hiền", "Phong Hien")),
        (P, ("Thủy Xuân", "Thuy Xuan")),
        (P, ("Thủy Biều", "Thuy Bieu")),
        (X, ("Lộc Trì", "Loc Tri")),
        (P, ("An Tây", "An Tay")),
        (P, ("Hương Sơ", "Huong So")),
        (X, ("Vinh Thanh", "Vinh Thanh")),
        (P, ("An Hòa", "An Hoa")),
        (P, ("Thuận An", "Thuan An")),
        (X, ("Lộc Bổn", "Loc Bon")),
        (P, ("Phú Bài", "Phu Bai")),
        (P, ("Thủy Dương", "Thuy Duong")),
        (X, ("Hồng Thủy", "Hong Thuy")),
        (P, ("Tứ Hạ", "Tu Ha")),
        (P, ("Hương Văn", "Huong Van")),
        (X, ("Thượng Lộ", "Thuong Lo")),
        (P, ("Hương Chữ", "Huong Chu")),
        (X, ("Điền Hương", "Dien Huong")),
    ]
};

/// The `slot`-th place: the 40 localities, then their residential groups ("tổ dân phố") or
/// hamlets ("thôn") numbered 1, 2, …; distinct slots give distinct places.
fn place(slot: usize) -> Localized {
    let (is_ward, (vi, en)) = LOCALITIES[slot % LOCALITIES.len()];
    let (kind_vi, kind_en, part_vi, part_en) = if is_ward {
        ("phường", "ward", "tổ dân phố", "residential group")
    } else {
        ("xã", "commune", "thôn", "hamlet")
    };
    match slot / LOCALITIES.len() {
        0 => Localized::new(format!("{kind_vi} {vi}"), format!("{en} {kind_en}")),
        k => Localized::new(
            format!("{part_vi} {k}, {kind_vi} {vi}"),
            format!("{part_en} {k}, {en} {kind_en}"),
        ),
    }
}

fn localized((vi, en): Text) -> Localized {
    Localized::new(vi, en)
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;

    #[test]
    fn demo_catalogue_has_at_least_300_procedures() {
        let n = demo_catalog().len();
        assert!((300..=450).contains(&n), "{n} procedures");
    }

    #[test]
    fn ids_are_unique_and_readable() {
        let catalog = demo_catalog();
        let ids: HashSet<_> = catalog.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids.len(), catalog.len());
        for p in &catalog {
            let (prefix, number) = p.id.split_once('-').expect("prefix-number");
            assert_eq!(prefix.len(), 2, "{}", p.id);
            assert!(prefix.chars().all(|c| c.is_ascii_uppercase()), "{}", p.id);
            assert!(
                number.len() == 3 && number.chars().all(|c| c.is_ascii_digit()),
                "{}",
                p.id
            );
        }
        let mut prefixes: HashMap<&str, Field> = HashMap::new();
        for p in &catalog {
            let prefix = &p.id[..2];
            assert_eq!(
                *prefixes.entry(prefix).or_insert(p.field),
                p.field,
                "{}",
                p.id
            );
        }
        assert_eq!(prefixes.len(), Field::ALL.len());
    }

    #[test]
    fn texts_are_non_empty_and_trimmed() {
        for p in demo_catalog() {
            let mut texts = vec![&p.name, &p.agency];
            texts.extend(&p.required_documents);
            for t in texts {
                for s in [&t.vi, &t.en] {
                    assert!(!s.is_empty() && s.trim() == s, "{}: {s:?}", p.id);
                    assert!(!s.contains("  "), "{}: {s:?}", p.id);
                }
            }
            assert!(
                !p.required_documents.is_empty(),
                "{} has no documents",
                p.id
            );
        }
    }

    #[test]
    fn vietnamese_names_carry_diacritics() {
        let catalog = demo_catalog();
        let with_diacritics = catalog.iter().filter(|p| {
            p.name
                .vi
                .chars()
                .any(|c| c.is_alphabetic() && !c.is_ascii())
        });
        assert!(with_diacritics.count() * 10 >= catalog.len() * 8);
    }

    #[test]
    fn exactly_one_birth_registration() {
        let catalog = demo_catalog();
        let found: Vec<_> = catalog
            .iter()
            .filter(|p| p.name.vi == "Đăng ký khai sinh")
            .collect();
        assert_eq!(found.len(), 1);
        let p = found[0];
        assert_eq!(p.field, Field::HoTich);
        assert_eq!(p.level, AdminLevel::Xa);
        assert_eq!(p.online_level, OnlineLevel::Full);
        assert_eq!(p.fee_vnd, 0);
        assert_eq!(p.processing_days, 1);
        assert_eq!(p.agency.vi, "Ủy ban nhân dân cấp xã");
    }

    #[test]
    fn a_name_occurs_at_most_once_per_level() {
        let catalog = demo_catalog();
        let keys: HashSet<_> = catalog
            .iter()
            .map(|p| (p.name.vi.as_str(), p.level))
            .collect();
        assert_eq!(keys.len(), catalog.len());
        let keys: HashSet<_> = catalog
            .iter()
            .map(|p| (p.name.en.as_str(), p.level))
            .collect();
        assert_eq!(keys.len(), catalog.len());
    }

    #[test]
    fn every_field_has_at_least_ten_procedures() {
        let catalog = demo_catalog();
        for field in Field::ALL {
            let n = catalog.iter().filter(|p| p.field == field).count();
            assert!(n >= 10, "{field:?} has {n}");
        }
    }

    #[test]
    fn every_level_and_online_level_occurs() {
        let catalog = demo_catalog();
        for level in [AdminLevel::Tinh, AdminLevel::Huyen, AdminLevel::Xa] {
            assert!(
                catalog.iter().filter(|p| p.level == level).count() >= 30,
                "{level:?}"
            );
        }
        for online in [OnlineLevel::Full, OnlineLevel::Partial] {
            assert!(catalog.iter().filter(|p| p.online_level == online).count() >= 30);
        }
        assert!(catalog.iter().any(|p| p.fee_vnd == 0));
        assert!(catalog.iter().any(|p| p.fee_vnd > 0));
    }

    #[test]
    fn demo_catalogue_is_deterministic() {
        assert_eq!(demo_catalog(), demo_catalog());
    }

    #[test]
    fn synthetic_catalogue_has_unique_ids_and_names() {
        let catalog = synthetic_catalog(20_000);
        assert_eq!(catalog.len(), 20_000);
        let ids: HashSet<_> = catalog.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids.len(), 20_000);
        let vi: HashSet<_> = catalog.iter().map(|p| p.name.vi.as_str()).collect();
        assert_eq!(vi.len(), 20_000);
        let en: HashSet<_> = catalog.iter().map(|p| p.name.en.as_str()).collect();
        assert_eq!(en.len(), 20_000);
        assert_eq!(catalog[0].id, "SYN-000001");
        assert_eq!(catalog[19_999].id, "SYN-020000");
        assert_eq!(catalog, synthetic_catalog(20_000));
    }

    #[test]
    fn synthetic_names_read_naturally() {
        let catalog = synthetic_catalog(2_000);
        let demo = demo_catalog();
        assert_eq!(
            catalog[0].name.vi,
            format!("{} tại phường Phú Hội", demo[0].name.vi)
        );
        assert_eq!(
            catalog[0].name.en,
            format!("{} in Phu Hoi ward", demo[0].name.en)
        );
        assert!(catalog
            .iter()
            .all(|p| p.name.vi.contains(" tại ") && p.name.en.contains(" in ")));
        assert_eq!(place(41).vi, "thôn 1, xã Hương Thọ");
        assert_eq!(place(41).en, "hamlet 1, Huong Tho commune");
    }

    #[test]
    #[ignore = "prints the catalogue's shape"]
    fn print_counts() {
        let catalog = demo_catalog();
        for field in Field::ALL {
            let of = |l| {
                catalog
                    .iter()
                    .filter(|p| p.field == field && p.level == l)
                    .count()
            };
            let (t, h, x) = (
                of(AdminLevel::Tinh),
                of(AdminLevel::Huyen),
                of(AdminLevel::Xa),
            );
            println!("{field:?}: {} (tỉnh {t}, huyện {h}, xã {x})", t + h + x);
        }
        let full = catalog
            .iter()
            .filter(|p| p.online_level == OnlineLevel::Full)
            .count();
        let free = catalog.iter().filter(|p| p.fee_vnd == 0).count();
        println!("total {}, toàn trình {full}, free {free}", catalog.len());
    }

    #[test]
    fn synthetic_catalogue_of_zero_is_empty() {
        assert!(synthetic_catalog(0).is_empty());
        assert_eq!(synthetic_catalog(1).len(), 1);
    }
}
