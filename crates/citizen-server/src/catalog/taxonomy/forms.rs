//! Electronic forms ("tờ khai điện tử") of the procedures residents submit most, after the
//! official paper forms (e.g. the birth registration form of Circular 04/2020/TT-BTP), reduced to
//! what the app asks. Matched to the taxonomy by the procedure's Vietnamese name.

use citizen_protocol::catalog::Localized;
use citizen_protocol::forms::{
    ChoiceOption, FieldKind, FileType, Form, FormField, Prefill, MAX_ATTACHMENT_BYTES,
};

/// The form of the procedure named `name_vi`, if it has one.
pub fn form_for(name_vi: &str) -> Option<Form> {
    let specific = match name_vi {
        "Đăng ký khai sinh" => birth_registration(),
        "Đăng ký kết hôn" => marriage_registration(),
        "Đăng ký khai tử" => death_registration(),
        "Xác nhận tình trạng hôn nhân" => marital_status(),
        "Cấp bản sao trích lục hộ tịch" => civil_status_extract(),
        "Cấp giấy phép xây dựng nhà ở riêng lẻ" => building_permit(),
        "Đăng ký hộ kinh doanh" => household_business(),
        "Cấp phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam" => {
            criminal_record()
        }
        "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp" => driving_licence("doi"),
        "Cấp lại giấy phép lái xe" => driving_licence("cap-lai"),
        _ => return None,
    };
    let mut fields = applicant();
    fields.extend(specific);
    Some(Form { fields })
}

/// Who submits: known from the e-ID, never typed again.
fn applicant() -> Vec<FormField> {
    vec![
        prefilled(
            text(
                "applicant_name",
                "Họ, chữ đệm, tên người yêu cầu",
                "Applicant's full name",
                100,
            ),
            Prefill::FullName,
        ),
        prefilled(
            field(
                "applicant_pin",
                "Số định danh cá nhân",
                "Personal identification number",
                FieldKind::PersonalNumber,
            ),
            Prefill::PersonalNumber,
        ),
        prefilled(
            date("applicant_birth_date", "Ngày sinh", "Date of birth", true),
            Prefill::BirthDate,
        ),
        prefilled(
            field(
                "applicant_address",
                "Nơi cư trú",
                "Place of residence",
                FieldKind::Address,
            ),
            Prefill::Address,
        ),
        help(
            field(
                "applicant_phone",
                "Số điện thoại",
                "Phone number",
                FieldKind::Phone,
            ),
            "Cán bộ gọi số này khi cần bổ sung hồ sơ.",
            "The officer calls this number if the dossier needs more.",
        ),
    ]
}

fn birth_registration() -> Vec<FormField> {
    vec![
        text(
            "child_name",
            "Họ, chữ đệm, tên của trẻ",
            "Child's full name",
            100,
        ),
        date(
            "child_birth_date",
            "Ngày sinh của trẻ",
            "Child's date of birth",
            true,
        ),
        sex("child_sex", "Giới tính của trẻ", "Child's sex"),
        text("child_birth_place", "Nơi sinh", "Place of birth", 200),
        help(
            text("child_ethnicity", "Dân tộc", "Ethnicity", 50),
            "Ví dụ: Kinh, Tà Ôi, Cơ Tu.",
            "For example: Kinh, Ta Oi, Co Tu.",
        ),
        text(
            "mother_name",
            "Họ, chữ đệm, tên người mẹ",
            "Mother's full name",
            100,
        ),
        field(
            "mother_pin",
            "Số định danh cá nhân của người mẹ",
            "Mother's personal identification number",
            FieldKind::PersonalNumber,
        ),
        optional(text(
            "father_name",
            "Họ, chữ đệm, tên người cha",
            "Father's full name",
            100,
        )),
        optional(field(
            "father_pin",
            "Số định danh cá nhân của người cha",
            "Father's personal identification number",
            FieldKind::PersonalNumber,
        )),
        choice(
            "relationship",
            "Quan hệ với trẻ",
            "Relationship to the child",
            &[
                ("me", "Mẹ", "Mother"),
                ("cha", "Cha", "Father"),
                ("ong-ba", "Ông, bà", "Grandparent"),
                ("khac", "Người thân khác", "Other relative"),
            ],
        ),
        files(
            "birth_certificate",
            "Giấy chứng sinh",
            "Birth certificate from the hospital",
        ),
    ]
}

fn marriage_registration() -> Vec<FormField> {
    vec![
        text(
            "partner_name",
            "Họ, chữ đệm, tên bên kia",
            "Partner's full name",
            100,
        ),
        field(
            "partner_pin",
            "Số định danh cá nhân của bên kia",
            "Partner's personal identification number",
            FieldKind::PersonalNumber,
        ),
        date(
            "partner_birth_date",
            "Ngày sinh của bên kia",
            "Partner's date of birth",
            true,
        ),
        field(
            "partner_address",
            "Nơi cư trú của bên kia",
            "Partner's place of residence",
            FieldKind::Address,
        ),
        optional(files(
            "marital_status_confirmations",
            "Giấy xác nhận tình trạng hôn nhân (nếu cư trú nơi khác)",
            "Marital status confirmations (if living elsewhere)",
        )),
    ]
}

fn death_registration() -> Vec<FormField> {
    vec![
        text(
            "deceased_name",
            "Họ, chữ đệm, tên người đã mất",
            "Full name of the deceased",
            100,
        ),
        field(
            "deceased_pin",
            "Số định danh cá nhân của người đã mất",
            "Personal identification number of the deceased",
            FieldKind::PersonalNumber,
        ),
        date("death_date", "Ngày mất", "Date of death", true),
        text("death_place", "Nơi mất", "Place of death", 200),
        text("death_cause", "Nguyên nhân mất", "Cause of death", 200),
        files("death_notice", "Giấy báo tử", "Death notice"),
    ]
}

fn marital_status() -> Vec<FormField> {
    vec![
        choice(
            "status",
            "Tình trạng hôn nhân hiện nay",
            "Current marital status",
            &[
                (
                    "chua-ket-hon",
                    "Chưa đăng ký kết hôn với ai",
                    "Never married",
                ),
                ("ly-hon", "Đã ly hôn", "Divorced"),
                ("vo-chong-mat", "Vợ/chồng đã mất", "Widowed"),
            ],
        ),
        text("purpose", "Mục đích sử dụng", "Purpose of use", 200),
        optional(files(
            "divorce_or_death_papers",
            "Bản án ly hôn hoặc trích lục khai tử (nếu có)",
            "Divorce judgement or death extract (if any)",
        )),
    ]
}

fn civil_status_extract() -> Vec<FormField> {
    vec![
        choice(
            "event",
            "Sự kiện hộ tịch",
            "Civil status event",
            &[
                ("khai-sinh", "Khai sinh", "Birth"),
                ("ket-hon", "Kết hôn", "Marriage"),
                ("khai-tu", "Khai tử", "Death"),
            ],
        ),
        text(
            "subject_name",
            "Họ, chữ đệm, tên người được cấp trích lục",
            "Name on the extract",
            100,
        ),
        date("event_date", "Ngày đăng ký", "Date of registration", true),
        number("copies", "Số bản sao", "Number of copies", 1, 10),
    ]
}

fn building_permit() -> Vec<FormField> {
    vec![
        field(
            "site_address",
            "Địa điểm xây dựng",
            "Building site",
            FieldKind::Address,
        ),
        text(
            "land_parcel",
            "Thửa đất số, tờ bản đồ số",
            "Land parcel and map sheet",
            100,
        ),
        number(
            "floor_area_m2",
            "Tổng diện tích sàn (m²)",
            "Total floor area (m²)",
            10,
            5_000,
        ),
        number("floors", "Số tầng", "Number of floors", 1, 7),
        files(
            "land_use_certificate",
            "Giấy chứng nhận quyền sử dụng đất",
            "Land use right certificate",
        ),
        files("drawings", "Bản vẽ thiết kế", "Design drawings"),
    ]
}

fn household_business() -> Vec<FormField> {
    vec![
        text("business_name", "Tên hộ kinh doanh", "Business name", 150),
        field(
            "business_address",
            "Địa điểm kinh doanh",
            "Business address",
            FieldKind::Address,
        ),
        text(
            "business_lines",
            "Ngành, nghề kinh doanh",
            "Lines of business",
            300,
        ),
        number(
            "capital_million_vnd",
            "Vốn kinh doanh (triệu đồng)",
            "Capital (million VND)",
            1,
            100_000,
        ),
        number("employees", "Số lao động", "Number of employees", 0, 9),
    ]
}

fn criminal_record() -> Vec<FormField> {
    vec![
        choice(
            "form_kind",
            "Loại phiếu",
            "Kind of record",
            &[
                ("so-1", "Phiếu số 1", "Form no. 1"),
                ("so-2", "Phiếu số 2", "Form no. 2"),
            ],
        ),
        text("purpose", "Mục đích sử dụng", "Purpose of use", 200),
        number("copies", "Số bản", "Number of copies", 1, 10),
    ]
}

fn driving_licence(kind: &str) -> Vec<FormField> {
    let mut fields = vec![
        text(
            "licence_number",
            "Số giấy phép lái xe",
            "Driving licence number",
            20,
        ),
        choice(
            "licence_class",
            "Hạng",
            "Class",
            &[
                ("A1", "A1", "A1"),
                ("A", "A", "A"),
                ("B", "B", "B"),
                ("C", "C", "C"),
            ],
        ),
        files(
            "health_certificate",
            "Giấy khám sức khỏe",
            "Health certificate",
        ),
    ];
    if kind == "doi" {
        fields.push(files(
            "licence_photo",
            "Ảnh giấy phép lái xe cũ",
            "Photo of the old licence",
        ));
    }
    fields
}

fn localized(vi: &str, en: &str) -> Localized {
    Localized::new(vi, en)
}

fn field(name: &str, vi: &str, en: &str, kind: FieldKind) -> FormField {
    FormField {
        name: name.into(),
        label: localized(vi, en),
        help: None,
        kind,
        required: true,
        prefill: None,
    }
}

fn text(name: &str, vi: &str, en: &str, max_chars: u32) -> FormField {
    field(name, vi, en, FieldKind::Text { max_chars })
}

fn date(name: &str, vi: &str, en: &str, past_only: bool) -> FormField {
    field(name, vi, en, FieldKind::Date { past_only })
}

fn number(name: &str, vi: &str, en: &str, min: i64, max: i64) -> FormField {
    field(name, vi, en, FieldKind::Number { min, max })
}

fn choice(name: &str, vi: &str, en: &str, options: &[(&str, &str, &str)]) -> FormField {
    let options = options
        .iter()
        .map(|(value, vi, en)| ChoiceOption {
            value: (*value).into(),
            label: localized(vi, en),
        })
        .collect();
    field(name, vi, en, FieldKind::Choice { options })
}

fn sex(name: &str, vi: &str, en: &str) -> FormField {
    choice(
        name,
        vi,
        en,
        &[("nam", "Nam", "Male"), ("nu", "Nữ", "Female")],
    )
}

/// Photos or scans of a document, up to five pages.
fn files(name: &str, vi: &str, en: &str) -> FormField {
    help(
        field(
            name,
            vi,
            en,
            FieldKind::File {
                accept: vec![FileType::Jpeg, FileType::Png, FileType::Pdf],
                max_bytes: MAX_ATTACHMENT_BYTES,
                max_files: 5,
            },
        ),
        "Chụp rõ cả trang, hoặc chọn tệp PDF.",
        "Photograph the whole page clearly, or choose a PDF file.",
    )
}

fn optional(mut field: FormField) -> FormField {
    field.required = false;
    field
}

fn prefilled(mut field: FormField, prefill: Prefill) -> FormField {
    field.prefill = Some(prefill);
    field
}

fn help(mut field: FormField, vi: &str, en: &str) -> FormField {
    field.help = Some(localized(vi, en));
    field
}

#[cfg(test)]
mod tests {
    use crate::catalog::taxonomy::demo_catalog;

    #[test]
    fn ten_common_procedures_have_forms_with_unique_field_names() {
        let catalog = demo_catalog();
        let mut with_form: Vec<&str> = catalog
            .iter()
            .filter(|p| p.form.is_some())
            .map(|p| p.name.vi.as_str())
            .collect();
        with_form.dedup();
        assert!(with_form.len() >= 10, "{with_form:?}");
        for procedure in catalog.iter().filter(|p| p.form.is_some()) {
            let form = procedure.form.as_ref().unwrap();
            let mut names: Vec<&str> = form.fields.iter().map(|f| f.name.as_str()).collect();
            names.sort_unstable();
            let before = names.len();
            names.dedup();
            assert_eq!(before, names.len(), "{}", procedure.name.vi);
        }
    }
}
