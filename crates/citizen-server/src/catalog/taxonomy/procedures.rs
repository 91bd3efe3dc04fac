//! The procedure templates of each field. Rows read:
//! `"tên", "name", levels, processing days, fee (VND), online level, [documents] (@ agency)?;`
//!
//! Appending a row keeps every existing id; inserting one renumbers the rest of its field.

use super::documents::*;
use super::{FieldSpec, Template, FULL, HUYEN, HUYEN_XA, MOI_CAP, PART, TINH, TINH_HUYEN, XA};
use citizen_protocol::catalog::Field;

pub(super) const FIELDS: [FieldSpec; 14] = [
    FieldSpec {
        field: Field::HoTich,
        prefix: "HT",
        agencies: [SO_TU_PHAP, PHONG_TU_PHAP, UBND_XA],
        templates: HO_TICH,
    },
    FieldSpec {
        field: Field::DatDai,
        prefix: "DD",
        agencies: [VP_DKDD, CN_VP_DKDD, UBND_XA],
        templates: DAT_DAI,
    },
    FieldSpec {
        field: Field::XayDung,
        prefix: "XD",
        agencies: [SO_XAY_DUNG, PHONG_KT_HT, UBND_XA],
        templates: XAY_DUNG,
    },
    FieldSpec {
        field: Field::KinhDoanh,
        prefix: "KD",
        agencies: [SO_KH_DT, PHONG_TC_KH, UBND_XA],
        templates: KINH_DOANH,
    },
    FieldSpec {
        field: Field::LaoDong,
        prefix: "LD",
        agencies: [SO_LDTBXH, PHONG_LDTBXH, UBND_XA],
        templates: LAO_DONG,
    },
    FieldSpec {
        field: Field::GiaoDuc,
        prefix: "GD",
        agencies: [SO_GD_DT, PHONG_GD_DT, UBND_XA],
        templates: GIAO_DUC,
    },
    FieldSpec {
        field: Field::YTe,
        prefix: "YT",
        agencies: [SO_Y_TE, PHONG_Y_TE, UBND_XA],
        templates: Y_TE,
    },
    FieldSpec {
        field: Field::GiaoThong,
        prefix: "GT",
        agencies: [SO_GTVT, PHONG_KT_HT, UBND_XA],
        templates: GIAO_THONG,
    },
    FieldSpec {
        field: Field::TuPhap,
        prefix: "TP",
        agencies: [SO_TU_PHAP, PHONG_TU_PHAP, UBND_XA],
        templates: TU_PHAP,
    },
    FieldSpec {
        field: Field::BaoTroXaHoi,
        prefix: "BT",
        agencies: [SO_LDTBXH, PHONG_LDTBXH, UBND_XA],
        templates: BAO_TRO_XA_HOI,
    },
    FieldSpec {
        field: Field::NongNghiep,
        prefix: "NN",
        agencies: [SO_NN_PTNT, PHONG_NN_PTNT, UBND_XA],
        templates: NONG_NGHIEP,
    },
    FieldSpec {
        field: Field::TaiNguyenMoiTruong,
        prefix: "TN",
        agencies: [SO_TNMT, PHONG_TNMT, UBND_XA],
        templates: TAI_NGUYEN_MOI_TRUONG,
    },
    FieldSpec {
        field: Field::VanHoaDuLich,
        prefix: "VH",
        agencies: [SO_VH_TT, PHONG_VH_TT, UBND_XA],
        templates: VAN_HOA_DU_LICH,
    },
    FieldSpec {
        field: Field::ThongTinTruyenThong,
        prefix: "TT",
        agencies: [SO_TT_TT, PHONG_VH_TT, UBND_XA],
        templates: THONG_TIN_TRUYEN_THONG,
    },
];

const HO_TICH: &[Template] = templates! {
    "Đăng ký khai sinh", "Birth registration",
        XA, 1, 0, FULL, [TK_KHAI_SINH, GIAY_CHUNG_SINH, CCCD];
    "Đăng ký kết hôn", "Marriage registration",
        XA, 1, 0, PART, [TK_KET_HON, CCCD, XN_HON_NHAN];
    "Đăng ký khai tử", "Death registration",
        XA, 1, 0, FULL, [TK_KHAI_TU, GIAY_BAO_TU, CCCD];
    "Xác nhận tình trạng hôn nhân", "Certification of marital status",
        XA, 3, 0, FULL, [TK_HO_TICH, CCCD, XN_CU_TRU];
    "Cấp bản sao trích lục hộ tịch", "Issuance of certified copies of civil status extracts",
        MOI_CAP, 1, 8_000, FULL, [TK_HO_TICH, CCCD, UY_QUYEN];
    "Đăng ký nhận cha, mẹ, con", "Registration of recognition of a father, mother or child",
        XA, 3, 0, PART, [TK_HO_TICH, CHUNG_CU_CHA_CON, CCCD];
    "Đăng ký khai sinh kết hợp nhận cha, mẹ, con", "Birth registration combined with recognition of parentage",
        XA, 3, 0, PART, [TK_KHAI_SINH, GIAY_CHUNG_SINH, CHUNG_CU_CHA_CON, CCCD];
    "Đăng ký giám hộ", "Guardianship registration",
        XA, 3, 0, PART, [TK_HO_TICH, VAN_BAN_CU_GIAM_HO, CCCD];
    "Đăng ký chấm dứt giám hộ", "Registration of the end of a guardianship",
        XA, 2, 0, PART, [TK_HO_TICH, GIAY_TO_HO_TICH, CCCD];
    "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", "Change, correction or supplement of civil status information",
        XA, 3, 0, FULL, [TK_HO_TICH, GIAY_TO_HO_TICH, CCCD];
    "Đăng ký thay đổi, cải chính hộ tịch cho người từ đủ 14 tuổi trở lên và xác định lại dân tộc", "Change or correction of civil status for persons aged 14 or over and redetermination of ethnicity",
        HUYEN, 3, 25_000, PART, [TK_HO_TICH, GIAY_TO_HO_TICH, CCCD];
    "Đăng ký lại khai sinh", "Birth re-registration",
        XA, 5, 0, PART, [TK_KHAI_SINH, GIAY_TO_HO_TICH, CCCD];
    "Đăng ký lại kết hôn", "Marriage re-registration",
        XA, 5, 0, PART, [TK_KET_HON, GIAY_TO_HO_TICH, CCCD];
    "Đăng ký lại khai tử", "Death re-registration",
        XA, 5, 0, PART, [TK_KHAI_TU, GIAY_TO_HO_TICH, CCCD];
    "Đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân", "Birth registration for a person who already has personal records",
        XA, 3, 0, PART, [TK_KHAI_SINH, GIAY_TO_HO_TICH, CCCD];
    "Đăng ký khai sinh lưu động", "Mobile birth registration",
        XA, 5, 0, PART, [TK_KHAI_SINH, GIAY_CHUNG_SINH];
    "Đăng ký kết hôn lưu động", "Mobile marriage registration",
        XA, 5, 0, PART, [TK_KET_HON, CCCD];
    "Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", "Joint birth registration, permanent residence registration and health insurance card for children under 6",
        XA, 5, 0, FULL, [TK_KHAI_SINH, GIAY_CHUNG_SINH, CCCD];
    "Liên thông đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất, hỗ trợ chi phí mai táng", "Joint death registration, removal from the residence register, survivor benefits and funeral support",
        XA, 5, 0, FULL, [TK_KHAI_TU, GIAY_BAO_TU, CCCD];
    "Ghi vào Sổ hộ tịch việc thay đổi hộ tịch theo bản án, quyết định của cơ quan nhà nước có thẩm quyền", "Recording in the civil status register a change ordered by a judgment or decision",
        XA, 3, 0, PART, [TK_HO_TICH, BAN_AN, CCCD];
    "Đăng ký khai sinh có yếu tố nước ngoài", "Birth registration with a foreign element",
        HUYEN, 3, 75_000, PART, [TK_KHAI_SINH, GIAY_CHUNG_SINH, HO_CHIEU, CCCD];
    "Đăng ký kết hôn có yếu tố nước ngoài", "Marriage registration with a foreign element",
        HUYEN, 15, 1_000_000, PART, [TK_KET_HON, XN_HON_NHAN, XN_TAM_THAN, HO_CHIEU];
    "Đăng ký khai tử có yếu tố nước ngoài", "Death registration with a foreign element",
        HUYEN, 3, 75_000, PART, [TK_KHAI_TU, GIAY_BAO_TU, HO_CHIEU];
    "Đăng ký nhận cha, mẹ, con có yếu tố nước ngoài", "Recognition of parentage with a foreign element",
        HUYEN, 15, 1_000_000, PART, [TK_HO_TICH, CHUNG_CU_CHA_CON, HO_CHIEU, BAN_DICH];
    "Đăng ký giám hộ có yếu tố nước ngoài", "Guardianship registration with a foreign element",
        HUYEN, 5, 75_000, PART, [TK_HO_TICH, VAN_BAN_CU_GIAM_HO, HO_CHIEU];
    "Đăng ký lại kết hôn có yếu tố nước ngoài", "Re-registration of a marriage with a foreign element",
        HUYEN, 5, 1_000_000, PART, [TK_KET_HON, GIAY_TO_HO_TICH, HO_CHIEU];
    "Ghi vào Sổ hộ tịch việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài", "Recording a marriage of a Vietnamese citizen registered abroad",
        HUYEN, 5, 75_000, PART, [TK_HO_TICH, HOP_PHAP_HOA, BAN_DICH, CCCD];
    "Ghi vào Sổ hộ tịch việc ly hôn, hủy việc kết hôn đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài", "Recording a divorce or annulment granted abroad",
        HUYEN, 12, 75_000, PART, [TK_HO_TICH, HOP_PHAP_HOA, BAN_DICH, CCCD];
    "Ghi vào Sổ hộ tịch việc khai sinh của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài", "Recording a birth of a Vietnamese citizen registered abroad",
        HUYEN, 3, 50_000, PART, [TK_HO_TICH, HOP_PHAP_HOA, BAN_DICH];
};

const DAT_DAI: &[Template] = templates! {
    "Cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất lần đầu", "First issuance of the certificate of land use rights and ownership of houses and attached assets",
        HUYEN, 20, 100_000, PART, [DON_DK_DAT, GIAY_TO_DAT, TRICH_DO, CCCD];
    "Đăng ký đất đai lần đầu", "Initial land registration",
        HUYEN, 15, 0, PART, [DON_DK_DAT, GIAY_TO_DAT, CCCD];
    "Đăng ký biến động đất đai do thay đổi thông tin người sử dụng đất", "Registration of land changes due to changed land user details",
        TINH_HUYEN, 10, 50_000, PART, [DON_DK_DAT, GCN_DAT, CCCD];
    "Đăng ký biến động đất đai do chuyển nhượng, tặng cho, thừa kế quyền sử dụng đất", "Registration of land changes due to transfer, donation or inheritance of land use rights",
        TINH_HUYEN, 10, 50_000, PART, [DON_DK_DAT, GCN_DAT, HD_CHUYEN_NHUONG, TK_THUE_DAT];
    "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", "Registration of a mortgage on land use rights and attached assets",
        TINH_HUYEN, 1, 80_000, FULL, [DON, HD_THE_CHAP, GCN_DAT];
    "Xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", "Deregistration of a mortgage on land use rights and attached assets",
        TINH_HUYEN, 1, 20_000, FULL, [DON, GCN_DAT];
    "Cấp đổi giấy chứng nhận quyền sử dụng đất", "Exchange of the land use right certificate",
        TINH_HUYEN, 7, 50_000, PART, [DON_DK_DAT, GCN_DAT];
    "Cấp lại giấy chứng nhận quyền sử dụng đất do bị mất", "Reissue of a lost land use right certificate",
        TINH_HUYEN, 10, 50_000, PART, [DON_DK_DAT, CCCD];
    "Đính chính giấy chứng nhận quyền sử dụng đất đã cấp", "Correction of an issued land use right certificate",
        TINH_HUYEN, 10, 0, PART, [DON, GCN_DAT];
    "Tách thửa hoặc hợp thửa đất", "Subdivision or merger of land plots",
        TINH_HUYEN, 15, 50_000, PART, [DON, GCN_DAT, TRICH_DO];
    "Gia hạn sử dụng đất", "Extension of the land use term",
        TINH_HUYEN, 7, 0, PART, [DON_DK_DAT, GCN_DAT];
    "Đăng ký quyền sử dụng hạn chế thửa đất liền kề", "Registration of limited use rights over an adjacent plot",
        TINH_HUYEN, 10, 30_000, PART, [DON_DK_DAT, GCN_DAT, HD_CHUYEN_NHUONG];
    "Cung cấp thông tin, dữ liệu đất đai", "Provision of land information and data",
        TINH_HUYEN, 2, 50_000, FULL, [DON, CCCD];
    "Chuyển mục đích sử dụng đất đối với hộ gia đình, cá nhân", "Change of land use purpose for households and individuals",
        HUYEN, 15, 0, PART, [DON, GCN_DAT, CCCD] @ PHONG_TNMT;
    "Chuyển mục đích sử dụng đất đối với tổ chức", "Change of land use purpose for organisations",
        TINH, 20, 0, PART, [DON, GCN_DAT, HO_SO_DU_AN] @ SO_TNMT;
    "Giao đất, cho thuê đất không thông qua đấu giá quyền sử dụng đất đối với hộ gia đình, cá nhân", "Land allocation or lease without auction for households and individuals",
        HUYEN, 20, 0, PART, [DON, TRICH_DO, CCCD] @ PHONG_TNMT;
    "Giao đất, cho thuê đất không thông qua đấu giá quyền sử dụng đất đối với tổ chức", "Land allocation or lease without auction for organisations",
        TINH, 20, 0, PART, [DON, TRICH_DO, HO_SO_DU_AN] @ SO_TNMT;
    "Thu hồi đất do người sử dụng đất tự nguyện trả lại đất", "Land recovery upon voluntary surrender by the land user",
        HUYEN, 20, 0, PART, [DON, GCN_DAT] @ PHONG_TNMT;
    "Xác nhận tiếp tục sử dụng đất nông nghiệp khi hết hạn sử dụng đất", "Confirmation of continued use of agricultural land at the end of the term",
        HUYEN, 5, 0, PART, [DON, GCN_DAT] @ PHONG_TNMT;
    "Giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân cấp huyện", "Settlement of land disputes by the chairperson of the District People's Committee",
        HUYEN, 45, 0, PART, [DON_TRANH_CHAP, BB_HOA_GIAI, GIAY_TO_DAT] @ PHONG_TNMT;
    "Giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân cấp tỉnh", "Settlement of land disputes by the chairperson of the Provincial People's Committee",
        TINH, 60, 0, PART, [DON_TRANH_CHAP, BB_HOA_GIAI, GIAY_TO_DAT] @ SO_TNMT;
    "Hòa giải tranh chấp đất đai", "Mediation of land disputes",
        XA, 45, 0, PART, [DON_TRANH_CHAP, GIAY_TO_DAT, CCCD];
    "Xác nhận nguồn gốc, thời điểm sử dụng đất", "Certification of the origin and start date of land use",
        XA, 10, 0, PART, [DON, GIAY_TO_DAT, CCCD];
};

const XAY_DUNG: &[Template] = templates! {
    "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Construction permit for a detached house",
        HUYEN, 15, 75_000, PART, [DON_GPXD, GIAY_TO_DAT, BAN_VE, CCCD];
    "Cấp giấy phép xây dựng có thời hạn đối với nhà ở riêng lẻ", "Fixed-term construction permit for a detached house",
        HUYEN, 15, 75_000, PART, [DON_GPXD, GIAY_TO_DAT, BAN_VE];
    "Cấp giấy phép sửa chữa, cải tạo nhà ở riêng lẻ", "Permit to repair or renovate a detached house",
        HUYEN, 15, 75_000, PART, [DON_GPXD, GIAY_TO_DAT, BAN_VE];
    "Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II", "Construction permit for special-grade, grade I and grade II works",
        TINH, 20, 150_000, PART, [DON_GPXD, GIAY_TO_DAT, BAN_VE, HO_SO_DU_AN];
    "Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV", "Construction permit for grade III and grade IV works",
        HUYEN, 20, 150_000, PART, [DON_GPXD, GIAY_TO_DAT, BAN_VE, HO_SO_DU_AN];
    "Cấp giấy phép di dời công trình", "Permit to relocate a building",
        TINH_HUYEN, 15, 150_000, PART, [DON_GPXD, GIAY_TO_DAT, BAN_VE];
    "Điều chỉnh giấy phép xây dựng", "Amendment of a construction permit",
        TINH_HUYEN, 10, 15_000, PART, [DON_GPXD, GIAY_PHEP_CU, BAN_VE];
    "Gia hạn giấy phép xây dựng", "Extension of a construction permit",
        TINH_HUYEN, 5, 15_000, FULL, [DON_GPXD, GIAY_PHEP_CU];
    "Cấp lại giấy phép xây dựng", "Reissue of a construction permit",
        TINH_HUYEN, 5, 15_000, FULL, [DON_GPXD, GIAY_PHEP_CU];
    "Cấp giấy phép xây dựng công trình tín ngưỡng, tôn giáo", "Construction permit for religious and belief buildings",
        TINH, 20, 150_000, PART, [DON_GPXD, GIAY_TO_DAT, BAN_VE];
    "Cấp giấy phép xây dựng công trình quảng cáo", "Construction permit for advertising structures",
        HUYEN, 15, 75_000, PART, [DON_GPXD, GIAY_TO_DAT, BAN_VE];
    "Thẩm định báo cáo nghiên cứu khả thi đầu tư xây dựng", "Appraisal of a construction investment feasibility study",
        TINH_HUYEN, 30, 0, PART, [DON, HO_SO_DU_AN];
    "Thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở", "Appraisal of construction designs following the basic design",
        TINH_HUYEN, 30, 0, PART, [DON, HO_SO_DU_AN, BAN_VE];
    "Thẩm định nhiệm vụ, đồ án quy hoạch chi tiết xây dựng", "Appraisal of detailed construction planning tasks and drafts",
        TINH_HUYEN, 20, 0, PART, [DON, QUY_HOACH];
    "Cung cấp thông tin về quy hoạch xây dựng", "Provision of construction planning information",
        TINH_HUYEN, 5, 0, FULL, [DON, CCCD];
    "Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III", "Construction practising certificate, class II and III",
        TINH, 20, 300_000, PART, [DON, VAN_BANG, KINH_NGHIEM, ANH];
    "Cấp chứng chỉ năng lực hoạt động xây dựng hạng II, hạng III", "Construction capacity certificate for organisations, class II and III",
        TINH, 20, 1_000_000, PART, [DON, GCN_DKDN, KINH_NGHIEM];
    "Cấp chứng chỉ hành nghề môi giới bất động sản", "Real estate brokerage practising certificate",
        TINH, 10, 200_000, PART, [DON, VAN_BANG, ANH, CCCD];
    "Xác nhận nhà ở hình thành trong tương lai đủ điều kiện được bán, cho thuê mua", "Confirmation that off-plan housing may be sold or lease-purchased",
        TINH, 15, 0, PART, [DON, HO_SO_DU_AN];
    "Cấp giấy phép chặt hạ, dịch chuyển cây xanh đô thị", "Permit to fell or relocate urban trees",
        HUYEN, 7, 0, PART, [DON, CCCD];
    "Thông báo khởi công xây dựng công trình", "Notification of construction start",
        XA, 1, 0, FULL, [THONG_BAO, GIAY_PHEP_CU];
    "Xác nhận đối tượng, điều kiện được hưởng chính sách hỗ trợ nhà ở xã hội", "Confirmation of eligibility for social housing support",
        XA, 7, 0, PART, [DON, GIAY_TO_CHUNG_MINH, CCCD];
};

const KINH_DOANH: &[Template] = templates! {
    "Đăng ký hộ kinh doanh", "Household business registration",
        HUYEN, 3, 50_000, FULL, [GIAY_DE_NGHI_HKD, CCCD, UY_QUYEN];
    "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", "Change of household business registration details",
        HUYEN, 3, 50_000, FULL, [GIAY_DE_NGHI_HKD, GCN_HKD];
    "Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh", "Temporary suspension or early resumption of a household business",
        HUYEN, 3, 0, FULL, [THONG_BAO, GCN_HKD];
    "Chấm dứt hoạt động hộ kinh doanh", "Closure of a household business",
        HUYEN, 3, 0, FULL, [THONG_BAO, GCN_HKD];
    "Cấp lại giấy chứng nhận đăng ký hộ kinh doanh", "Reissue of the household business registration certificate",
        HUYEN, 3, 0, FULL, [GIAY_DE_NGHI_HKD, CCCD];
    "Đăng ký thành lập hợp tác xã", "Cooperative establishment registration",
        HUYEN, 5, 100_000, PART, [DON, DIEU_LE, DS_THANH_VIEN];
    "Đăng ký thành lập doanh nghiệp tư nhân", "Registration of a sole proprietorship",
        TINH, 3, 50_000, FULL, [GIAY_DE_NGHI_DN, CCCD];
    "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên", "Registration of a single-member limited liability company",
        TINH, 3, 50_000, FULL, [GIAY_DE_NGHI_DN, DIEU_LE, CCCD];
    "Đăng ký thành lập công ty trách nhiệm hữu hạn hai thành viên trở lên", "Registration of a multi-member limited liability company",
        TINH, 3, 50_000, FULL, [GIAY_DE_NGHI_DN, DIEU_LE, DS_THANH_VIEN];
    "Đăng ký thành lập công ty cổ phần", "Registration of a joint-stock company",
        TINH, 3, 50_000, FULL, [GIAY_DE_NGHI_DN, DIEU_LE, DS_THANH_VIEN];
    "Đăng ký thay đổi người đại diện theo pháp luật của công ty", "Change of a company's legal representative",
        TINH, 3, 50_000, FULL, [GIAY_DE_NGHI_DN, NGHI_QUYET, CCCD];
    "Đăng ký thay đổi địa chỉ trụ sở chính của doanh nghiệp", "Change of an enterprise's head office address",
        TINH, 3, 50_000, FULL, [GIAY_DE_NGHI_DN, NGHI_QUYET];
    "Thông báo tạm ngừng kinh doanh của doanh nghiệp", "Notification of an enterprise's temporary suspension",
        TINH, 3, 0, FULL, [THONG_BAO, NGHI_QUYET];
    "Giải thể doanh nghiệp", "Dissolution of an enterprise",
        TINH, 5, 0, FULL, [THONG_BAO, NGHI_QUYET, GCN_DKDN];
    "Cấp giấy chứng nhận đăng ký đầu tư", "Investment registration certificate",
        TINH, 15, 0, PART, [DON, HO_SO_DU_AN, GCN_DKDN];
    "Cấp giấy phép bán buôn rượu", "Liquor wholesale licence",
        TINH, 15, 2_200_000, PART, [DON, GCN_DKDN, DIA_DIEM, HD_NHA_CUNG_CAP] @ SO_CONG_THUONG;
    "Cấp giấy phép bán lẻ rượu", "Liquor retail licence",
        HUYEN, 10, 1_200_000, PART, [DON, GCN_HKD, DIA_DIEM, HD_NHA_CUNG_CAP] @ PHONG_KINH_TE;
    "Cấp giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh", "Licence to produce craft liquor for sale",
        HUYEN, 10, 600_000, PART, [DON, GCN_HKD, GCN_ATTP] @ PHONG_KINH_TE;
    "Cấp giấy phép bán lẻ sản phẩm thuốc lá", "Tobacco retail licence",
        HUYEN, 15, 600_000, PART, [DON, GCN_HKD, DIA_DIEM, HD_NHA_CUNG_CAP] @ PHONG_KINH_TE;
    "Cấp giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", "Eligibility certificate for a petrol retail station",
        TINH, 15, 1_200_000, PART, [DON, GCN_DKDN, PCCC, DIA_DIEM] @ SO_CONG_THUONG;
    "Cấp giấy chứng nhận đủ điều kiện cửa hàng bán lẻ khí dầu mỏ hóa lỏng", "Eligibility certificate for a liquefied petroleum gas shop",
        TINH, 15, 1_200_000, PART, [DON, GCN_DKDN, PCCC] @ SO_CONG_THUONG;
    "Cấp giấy phép kinh doanh cho tổ chức kinh tế có vốn đầu tư nước ngoài", "Business licence for a foreign-invested economic organisation",
        TINH, 10, 3_000_000, PART, [DON, GCN_DKDN, BAO_CAO] @ SO_CONG_THUONG;
    "Thông báo thực hiện khuyến mại", "Notification of a sales promotion",
        TINH, 1, 0, FULL, [THONG_BAO] @ SO_CONG_THUONG;
    "Xác nhận đăng ký hoạt động bán hàng đa cấp tại địa phương", "Confirmation of local multi-level marketing registration",
        TINH, 7, 0, PART, [DON, GCN_DKDN] @ SO_CONG_THUONG;
    "Thông báo thành lập tổ hợp tác", "Notification of the establishment of a cooperative group",
        XA, 3, 0, FULL, [THONG_BAO, DS_THANH_VIEN];
    "Thông báo thay đổi tổ hợp tác", "Notification of changes to a cooperative group",
        XA, 3, 0, FULL, [THONG_BAO];
    "Thông báo chấm dứt hoạt động tổ hợp tác", "Notification of the dissolution of a cooperative group",
        XA, 3, 0, FULL, [THONG_BAO];
};

const LAO_DONG: &[Template] = templates! {
    "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam", "Work permit for a foreign worker in Vietnam",
        TINH, 5, 600_000, PART, [DON, CHAP_THUAN_LDNN, GIAY_KHAM_SUC_KHOE, LY_LICH_TU_PHAP, HO_CHIEU];
    "Cấp lại giấy phép lao động cho người lao động nước ngoài", "Reissue of a foreign worker's work permit",
        TINH, 3, 450_000, PART, [DON, GIAY_PHEP_CU, ANH];
    "Gia hạn giấy phép lao động cho người lao động nước ngoài", "Extension of a foreign worker's work permit",
        TINH, 5, 450_000, PART, [DON, GIAY_PHEP_CU, CHAP_THUAN_LDNN, GIAY_KHAM_SUC_KHOE];
    "Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động", "Confirmation that a foreign worker is exempt from a work permit",
        TINH, 3, 0, FULL, [DON, HO_CHIEU];
    "Báo cáo giải trình nhu cầu sử dụng người lao động nước ngoài", "Explanation of the need to employ foreign workers",
        TINH, 10, 0, FULL, [BAO_CAO];
    "Giải quyết hưởng trợ cấp thất nghiệp", "Unemployment benefit claim",
        TINH, 20, 0, PART, [DON, QD_THOI_VIEC, SO_BHXH] @ TT_DICH_VU_VIEC_LAM;
    "Tạm dừng hưởng trợ cấp thất nghiệp", "Suspension of unemployment benefit",
        TINH, 3, 0, FULL, [THONG_BAO] @ TT_DICH_VU_VIEC_LAM;
    "Hỗ trợ học nghề cho người đang hưởng trợ cấp thất nghiệp", "Vocational training support for unemployment benefit recipients",
        TINH, 20, 0, PART, [DON, CCCD] @ TT_DICH_VU_VIEC_LAM;
    "Cấp giấy phép hoạt động dịch vụ việc làm", "Employment services business licence",
        TINH, 7, 0, PART, [DON, GCN_DKDN, DIA_DIEM];
    "Cấp giấy phép hoạt động cho thuê lại lao động", "Labour outsourcing licence",
        TINH, 20, 0, PART, [DON, GCN_DKDN, LY_LICH_TU_PHAP];
    "Đăng ký nội quy lao động của doanh nghiệp", "Registration of an enterprise's internal labour regulations",
        TINH_HUYEN, 7, 0, FULL, [DON, NOI_QUY];
    "Gửi thỏa ước lao động tập thể", "Filing of a collective labour agreement",
        TINH, 5, 0, FULL, [THONG_BAO, HOP_DONG_LD];
    "Khai báo máy, thiết bị có yêu cầu nghiêm ngặt về an toàn lao động", "Declaration of machinery with strict occupational safety requirements",
        TINH, 3, 0, FULL, [TO_KHAI, KIEM_DINH];
    "Cấp giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp", "Registration certificate for vocational education activities",
        TINH, 10, 0, PART, [DON, CO_SO_VAT_CHAT, DS_GIAO_VIEN];
    "Thành lập trung tâm giáo dục nghề nghiệp tư thục", "Establishment of a private vocational education centre",
        TINH, 15, 0, PART, [DON, DE_AN, CO_SO_VAT_CHAT];
    "Đăng ký hợp đồng cá nhân đi làm việc ở nước ngoài", "Registration of an individual contract to work abroad",
        TINH, 5, 0, PART, [DON, HOP_DONG_LD, HO_CHIEU];
    "Hỗ trợ người lao động thuộc hộ nghèo đi làm việc ở nước ngoài theo hợp đồng", "Support for workers from poor households going to work abroad under contract",
        HUYEN, 10, 0, PART, [DON, GIAY_HO_NGHEO, HOP_DONG_LD];
    "Hỗ trợ đào tạo trình độ sơ cấp cho lao động nông thôn", "Elementary vocational training support for rural workers",
        HUYEN, 10, 0, PART, [DON, CCCD];
    "Xác nhận hộ gia đình làm nông nghiệp, lâm nghiệp, ngư nghiệp có mức sống trung bình", "Confirmation of farming, forestry or fishing households with average living standards",
        XA, 7, 0, PART, [DON, PHIEU_RA_SOAT];
    "Xác nhận người lao động bị chấm dứt hợp đồng lao động để hưởng chính sách hỗ trợ", "Confirmation of job loss for workers claiming support",
        XA, 5, 0, FULL, [DON, QD_THOI_VIEC, CCCD];
};

const GIAO_DUC: &[Template] = templates! {
    "Chuyển trường cho học sinh tiểu học", "School transfer for primary pupils",
        HUYEN, 3, 0, FULL, [DON_CHUYEN_TRUONG, HOC_BA];
    "Chuyển trường cho học sinh trung học cơ sở", "School transfer for lower secondary students",
        HUYEN, 3, 0, FULL, [DON_CHUYEN_TRUONG, HOC_BA, GIOI_THIEU_CHUYEN_TRUONG];
    "Chuyển trường cho học sinh trung học phổ thông", "School transfer for upper secondary students",
        TINH, 3, 0, FULL, [DON_CHUYEN_TRUONG, HOC_BA, GIOI_THIEU_CHUYEN_TRUONG];
    "Tuyển sinh trung học cơ sở", "Lower secondary school admission",
        HUYEN, 20, 0, FULL, [DON, HOC_BA];
    "Tuyển sinh trung học phổ thông", "Upper secondary school admission",
        TINH, 20, 0, FULL, [DON, HOC_BA];
    "Đăng ký dự thi tốt nghiệp trung học phổ thông", "Registration for the upper secondary graduation exam",
        TINH, 1, 0, FULL, [DON, CCCD];
    "Phúc khảo bài thi tốt nghiệp trung học phổ thông", "Review of upper secondary graduation exam papers",
        TINH, 15, 0, FULL, [DON];
    "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "Certified copies of diplomas and certificates from the master register",
        TINH_HUYEN, 1, 0, FULL, [DON, CCCD];
    "Chỉnh sửa nội dung văn bằng, chứng chỉ", "Correction of a diploma or certificate",
        TINH_HUYEN, 5, 0, PART, [DON, BANG_GOC, GIAY_TO_HO_TICH];
    "Công nhận văn bằng tốt nghiệp do cơ sở giáo dục nước ngoài cấp", "Recognition of diplomas issued by foreign institutions",
        TINH, 20, 0, PART, [DON, BANG_GOC, BAN_DICH];
    "Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục", "Operating licence for a foreign language or IT centre",
        TINH, 15, 0, PART, [DON, CO_SO_VAT_CHAT, DS_GIAO_VIEN];
    "Cho phép trường trung học phổ thông tư thục hoạt động giáo dục", "Operating licence for a private upper secondary school",
        TINH, 20, 0, PART, [DON, CO_SO_VAT_CHAT, DS_GIAO_VIEN];
    "Cấp giấy phép tổ chức hoạt động dạy thêm, học thêm", "Permit for extra tutoring classes",
        TINH_HUYEN, 10, 0, PART, [DON, DS_GIAO_VIEN, DIA_DIEM];
    "Miễn, giảm học phí cho học sinh, sinh viên", "Tuition fee exemption or reduction",
        TINH_HUYEN, 10, 0, FULL, [DON, GIAY_TO_CHUNG_MINH];
    "Công nhận trường đạt kiểm định chất lượng giáo dục", "Accreditation of a school's education quality",
        TINH_HUYEN, 30, 0, PART, [DON, BAO_CAO];
    "Thành lập trường mầm non tư thục", "Establishment of a private preschool",
        HUYEN, 20, 0, PART, [DON, DE_AN, CO_SO_VAT_CHAT];
    "Cho phép trường mầm non hoạt động giáo dục", "Operating licence for a preschool",
        HUYEN, 20, 0, PART, [DON, CO_SO_VAT_CHAT, DS_GIAO_VIEN];
    "Thành lập trường tiểu học tư thục", "Establishment of a private primary school",
        HUYEN, 20, 0, PART, [DON, DE_AN, CO_SO_VAT_CHAT];
    "Hỗ trợ chi phí học tập đối với học sinh thuộc hộ nghèo", "Study cost support for pupils from poor households",
        HUYEN, 10, 0, FULL, [DON, GIAY_HO_NGHEO];
    "Xét duyệt chính sách hỗ trợ đối với học sinh bán trú", "Support for semi-boarding pupils",
        HUYEN, 10, 0, PART, [DON, XN_CU_TRU];
    "Công nhận xã đạt chuẩn phổ cập giáo dục, xóa mù chữ", "Recognition of a commune meeting universal education and literacy standards",
        HUYEN, 10, 0, PART, [BAO_CAO, BIEN_BAN_HOP];
    "Cho phép nhóm trẻ, lớp mẫu giáo độc lập hoạt động", "Licence for an independent daycare group or kindergarten class",
        XA, 20, 0, PART, [DON, CO_SO_VAT_CHAT, DS_GIAO_VIEN];
    "Sáp nhập, chia, tách nhóm trẻ, lớp mẫu giáo độc lập", "Merger or division of independent daycare groups and kindergarten classes",
        XA, 15, 0, PART, [DON, DE_AN];
    "Giải thể nhóm trẻ, lớp mẫu giáo độc lập", "Closure of an independent daycare group or kindergarten class",
        XA, 15, 0, PART, [DON, BAO_CAO];
};

const Y_TE: &[Template] = templates! {
    "Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh", "Medical practising certificate",
        TINH, 20, 360_000, PART, [DON, VAN_BANG_Y, XN_THUC_HANH, GIAY_KHAM_SUC_KHOE, ANH];
    "Cấp lại chứng chỉ hành nghề khám bệnh, chữa bệnh", "Reissue of a medical practising certificate",
        TINH, 10, 150_000, PART, [DON, ANH];
    "Cấp chứng chỉ hành nghề dược", "Pharmacy practising certificate",
        TINH, 10, 500_000, PART, [DON, VAN_BANG_Y, XN_THUC_HANH, ANH];
    "Cấp giấy chứng nhận đủ điều kiện kinh doanh dược cho nhà thuốc", "Pharmacy business eligibility certificate for a drugstore",
        TINH, 20, 1_000_000, PART, [DON, CCHN_PHU_TRACH, THIET_BI_Y_TE];
    "Cấp giấy phép hoạt động phòng khám đa khoa", "Operating licence for a general clinic",
        TINH, 30, 5_700_000, PART, [DON, DS_NHAN_SU, CCHN_PHU_TRACH, THIET_BI_Y_TE];
    "Cấp giấy phép hoạt động phòng khám chuyên khoa", "Operating licence for a specialist clinic",
        TINH, 30, 4_300_000, PART, [DON, DS_NHAN_SU, CCHN_PHU_TRACH, THIET_BI_Y_TE];
    "Cấp giấy phép hoạt động phòng chẩn trị y học cổ truyền", "Operating licence for a traditional medicine clinic",
        TINH, 30, 3_100_000, PART, [DON, DS_NHAN_SU, CCHN_PHU_TRACH, THIET_BI_Y_TE];
    "Cấp giấy phép hoạt động đối với cơ sở dịch vụ thẩm mỹ", "Operating licence for a cosmetic services facility",
        TINH, 30, 3_100_000, PART, [DON, DS_NHAN_SU, THIET_BI_Y_TE];
    "Cấp giấy phép hoạt động đối với cơ sở dịch vụ tiêm, thay băng, đo huyết áp", "Operating licence for an injection, dressing and blood pressure service",
        TINH, 30, 1_500_000, PART, [DON, CCHN_PHU_TRACH, THIET_BI_Y_TE];
    "Cấp giấy phép hoạt động đối với cơ sở dịch vụ cấp cứu, hỗ trợ vận chuyển người bệnh", "Operating licence for an emergency and patient transport service",
        TINH, 30, 3_100_000, PART, [DON, DS_NHAN_SU, THIET_BI_Y_TE];
    "Cấp giấy phép hoạt động đối với trạm y tế cấp xã", "Operating licence for a commune health station",
        TINH, 30, 1_500_000, PART, [DON, DS_NHAN_SU, THIET_BI_Y_TE];
    "Cấp giấy chứng nhận lương y", "Traditional medicine practitioner certificate",
        TINH, 30, 0, PART, [DON, VAN_BANG_Y, ANH];
    "Công bố cơ sở đủ điều kiện thực hiện khám sức khỏe", "Declaration of eligibility to provide health check-ups",
        TINH, 10, 0, FULL, [THONG_BAO, DS_NHAN_SU, THIET_BI_Y_TE];
    "Công bố cơ sở đủ điều kiện thực hiện tiêm chủng", "Declaration of eligibility to provide vaccinations",
        TINH, 1, 0, FULL, [THONG_BAO, DS_NHAN_SU];
    "Cấp giấy xác nhận nội dung quảng cáo thực phẩm", "Confirmation of food advertisement content",
        TINH, 10, 1_100_000, FULL, [DON, MAU_QUANG_CAO, BAN_TU_CONG_BO];
    "Khám giám định y khoa lần đầu", "Initial medical assessment",
        TINH, 30, 0, PART, [DON, HO_SO_BENH_AN, CCCD] @ HD_GIAM_DINH_Y_KHOA;
    "Khám giám định phúc quyết", "Appeal medical assessment",
        TINH, 30, 0, PART, [DON, HO_SO_BENH_AN, CCCD] @ HD_GIAM_DINH_Y_KHOA;
    "Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống", "Food safety eligibility certificate for catering businesses",
        TINH_HUYEN, 20, 700_000, PART, [DON, THUYET_MINH_ATTP, TAP_HUAN_ATTP, GIAY_KHAM_SUC_KHOE];
    "Cấp lại giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "Reissue of a food safety eligibility certificate",
        TINH_HUYEN, 10, 0, PART, [DON, GIAY_PHEP_CU];
    "Tiếp nhận bản tự công bố sản phẩm thực phẩm", "Receipt of a food product self-declaration",
        TINH_HUYEN, 1, 0, FULL, [BAN_TU_CONG_BO, KIEM_NGHIEM];
    "Lập danh sách cấp thẻ bảo hiểm y tế cho người thuộc hộ nghèo, cận nghèo", "Listing poor and near-poor household members for health insurance cards",
        XA, 5, 0, FULL, [TO_KHAI, GIAY_HO_NGHEO, CCCD];
    "Xác nhận đối tượng được ngân sách nhà nước hỗ trợ đóng bảo hiểm y tế", "Confirmation of eligibility for state-funded health insurance contributions",
        XA, 5, 0, FULL, [TO_KHAI, GIAY_TO_CHUNG_MINH];
};

const GIAO_THONG: &[Template] = templates! {
    "Cấp giấy phép lái xe", "Driving licence issuance",
        TINH, 10, 135_000, PART, [DON_GPLX, KHAM_LAI_XE, CCCD, ANH];
    "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp", "Exchange of a driving licence issued by the transport sector",
        TINH, 5, 135_000, FULL, [DON_GPLX, GPLX, KHAM_LAI_XE];
    "Đổi giấy phép lái xe do nước ngoài cấp", "Exchange of a foreign driving licence",
        TINH, 5, 135_000, PART, [DON_GPLX, GPLX_NUOC_NGOAI, HO_CHIEU];
    "Đổi giấy phép lái xe quân sự do Bộ Quốc phòng cấp", "Exchange of a military driving licence",
        TINH, 5, 135_000, PART, [DON_GPLX, GPLX, CCCD];
    "Cấp lại giấy phép lái xe", "Reissue of a driving licence",
        TINH, 10, 135_000, PART, [DON_GPLX, KHAM_LAI_XE, CCCD];
    "Cấp giấy phép lái xe quốc tế", "International driving permit",
        TINH, 5, 135_000, FULL, [DON_GPLX, GPLX, HO_CHIEU];
    "Cấp giấy phép xe tập lái", "Learner vehicle permit",
        TINH, 1, 0, PART, [DON, DK_XE, KIEM_DINH];
    "Cấp giấy chứng nhận giáo viên dạy thực hành lái xe", "Certificate for practical driving instructors",
        TINH, 5, 0, PART, [DON, GPLX, VAN_BANG];
    "Cấp giấy phép kinh doanh vận tải bằng xe ô tô", "Licence for road transport business by car",
        TINH, 5, 200_000, FULL, [DON, PA_KINH_DOANH, GCN_DKDN];
    "Cấp phù hiệu xe ô tô kinh doanh vận tải", "Badge for commercial transport vehicles",
        TINH, 2, 0, FULL, [DON, DK_XE];
    "Cấp biển hiệu phương tiện vận tải khách du lịch", "Sign for tourist transport vehicles",
        TINH, 3, 0, FULL, [DON, DK_XE, KIEM_DINH];
    "Cấp giấy phép liên vận Việt Nam – Lào cho phương tiện", "Vietnam–Laos cross-border transport permit",
        TINH, 2, 0, PART, [DON, DK_XE, KIEM_DINH];
    "Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn trên đường bộ", "Circulation permit for overweight or oversized vehicles",
        TINH, 2, 0, FULL, [DON, DK_XE, KIEM_DINH];
    "Cấp giấy chứng nhận đăng ký, biển số xe máy chuyên dùng lần đầu", "First registration and number plate of specialised machinery",
        TINH, 3, 200_000, PART, [TO_KHAI, NGUON_GOC_PT, CCCD];
    "Công bố đưa bến xe khách vào khai thác", "Commissioning of a coach station",
        TINH, 10, 0, PART, [DON, PA_GIAO_THONG];
    "Chấp thuận thiết kế và phương án tổ chức giao thông của nút giao đấu nối vào quốc lộ", "Approval of the design and traffic plan of a junction onto a national road",
        TINH, 7, 0, PART, [DON, PA_GIAO_THONG];
    "Cấp giấy phép thi công công trình trên đường bộ đang khai thác", "Permit for works on roads in operation",
        TINH_HUYEN, 7, 0, FULL, [DON, PA_GIAO_THONG];
    "Chấp thuận xây dựng công trình thiết yếu trong phạm vi bảo vệ kết cấu hạ tầng giao thông đường bộ", "Approval of essential works within road protection corridors",
        TINH_HUYEN, 7, 0, PART, [DON, PA_GIAO_THONG];
    "Cấp giấy chứng nhận đăng ký phương tiện thủy nội địa", "Registration certificate for an inland waterway vessel",
        TINH_HUYEN, 3, 70_000, PART, [TO_KHAI, NGUON_GOC_PT, KIEM_DINH, CCCD];
    "Xóa giấy chứng nhận đăng ký phương tiện thủy nội địa", "Deregistration of an inland waterway vessel",
        TINH_HUYEN, 3, 0, FULL, [DON, GIAY_PHEP_CU];
    "Cấp giấy phép hoạt động bến khách ngang sông", "Operating licence for a river-crossing passenger wharf",
        HUYEN, 5, 0, PART, [DON, PA_GIAO_THONG];
    "Cấp giấy phép sử dụng tạm thời lòng đường, vỉa hè", "Permit for temporary use of roadways and pavements",
        HUYEN, 5, 0, PART, [DON, CCCD];
    "Đăng ký phương tiện thủy nội địa thô sơ có trọng tải dưới 1 tấn", "Registration of non-motorised inland boats under 1 tonne",
        XA, 1, 0, PART, [TO_KHAI, CCCD];
};

const TU_PHAP: &[Template] = templates! {
    "Cấp phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam", "Criminal record certificate for Vietnamese citizens and foreign residents",
        TINH, 10, 200_000, FULL, [TK_LLTP, CCCD, XN_CU_TRU];
    "Cấp phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng", "Criminal record certificate for criminal procedure authorities",
        TINH, 10, 0, PART, [VB_YEU_CAU_LLTP];
    "Cấp phiếu lý lịch tư pháp cho cơ quan nhà nước, tổ chức chính trị, tổ chức chính trị – xã hội", "Criminal record certificate for state agencies and political organisations",
        TINH, 10, 0, PART, [VB_YEU_CAU_LLTP];
    "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp", "Certification of copies from originals issued by Vietnamese authorities",
        HUYEN_XA, 1, 2_000, FULL, [BAN_CHINH, BAN_SAO];
    "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của nước ngoài cấp", "Certification of copies from originals issued by foreign authorities",
        HUYEN, 1, 2_000, PART, [BAN_CHINH, BAN_SAO, HOP_PHAP_HOA];
    "Chứng thực chữ ký trong các giấy tờ, văn bản", "Certification of signatures on documents",
        HUYEN_XA, 1, 10_000, PART, [BAN_CHINH, CCCD];
    "Chứng thực chữ ký người dịch", "Certification of a translator's signature",
        HUYEN, 1, 10_000, PART, [BAN_CHINH, BAN_DICH, VAN_BANG];
    "Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực", "Certified copy of a previously certified contract",
        HUYEN_XA, 2, 2_000, FULL, [PHIEU_YEU_CAU_CT, CCCD];
    "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở", "Certification of contracts on movable property, land use rights and housing",
        XA, 2, 50_000, PART, [PHIEU_YEU_CAU_CT, DU_THAO_HD, GIAY_TO_TAI_SAN, CCCD];
    "Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch", "Certification of the amendment or cancellation of a contract",
        XA, 2, 30_000, PART, [PHIEU_YEU_CAU_CT, DU_THAO_HD, CCCD];
    "Chứng thực di chúc", "Certification of a will",
        XA, 2, 50_000, PART, [PHIEU_YEU_CAU_CT, DU_THAO_HD, GIAY_TO_TAI_SAN, CCCD];
    "Chứng thực văn bản thỏa thuận phân chia di sản", "Certification of an estate division agreement",
        XA, 2, 50_000, PART, [PHIEU_YEU_CAU_CT, DU_THAO_HD, GIAY_TO_TAI_SAN, GIAY_BAO_TU];
    "Chứng thực văn bản khai nhận di sản", "Certification of a declaration of inheritance",
        XA, 2, 50_000, PART, [PHIEU_YEU_CAU_CT, DU_THAO_HD, GIAY_TO_TAI_SAN, GIAY_BAO_TU];
    "Chứng thực hợp đồng ủy quyền", "Certification of a power of attorney contract",
        XA, 1, 20_000, PART, [PHIEU_YEU_CAU_CT, DU_THAO_HD, CCCD];
    "Công nhận hòa giải viên", "Recognition of a grassroots mediator",
        XA, 3, 0, PART, [BB_BAU_HOA_GIAI];
    "Thôi làm hòa giải viên", "Removal of a grassroots mediator",
        XA, 3, 0, PART, [DON];
    "Thanh toán thù lao cho hòa giải viên", "Payment of remuneration to mediators",
        XA, 5, 0, PART, [DON, BAO_CAO];
    "Công nhận tuyên truyền viên pháp luật", "Recognition of a legal awareness volunteer",
        XA, 5, 0, PART, [DON, CCCD];
    "Giải quyết yêu cầu bồi thường tại cơ quan trực tiếp quản lý người thi hành công vụ gây thiệt hại", "Settlement of state compensation claims",
        MOI_CAP, 30, 0, PART, [VB_BOI_THUONG, THIET_HAI, CCCD];
    "Cấp thẻ công chứng viên", "Notary card issuance",
        TINH, 10, 0, PART, [DON, QD_BO_NHIEM, ANH];
    "Đăng ký hoạt động văn phòng công chứng", "Registration of a notary office",
        TINH, 10, 1_000_000, PART, [DON, DE_AN_TO_CHUC, DIA_DIEM];
    "Đăng ký hoạt động của tổ chức hành nghề luật sư", "Registration of a law practice",
        TINH, 10, 100_000, PART, [DON, DE_AN_TO_CHUC, DIA_DIEM];
    "Đăng ký hoạt động doanh nghiệp đấu giá tài sản", "Registration of a property auction enterprise",
        TINH, 10, 1_000_000, PART, [DON, DE_AN_TO_CHUC, DIA_DIEM];
    "Đăng ký hành nghề và cấp thẻ thừa phát lại", "Registration and card for a bailiff",
        TINH, 10, 0, PART, [DON, QD_BO_NHIEM, ANH];
    "Cấp thẻ tư vấn viên pháp luật", "Legal consultant card",
        TINH, 7, 0, PART, [DON, VAN_BANG, ANH];
    "Yêu cầu trợ giúp pháp lý", "Request for legal aid",
        TINH, 2, 0, PART, [DON_TGPL, GIAY_TO_CHUNG_MINH, CCCD] @ TT_TRO_GIUP_PHAP_LY;
};

const BAO_TRO_XA_HOI: &[Template] = templates! {
    "Thực hiện trợ cấp xã hội hàng tháng", "Granting of the monthly social allowance",
        XA, 20, 0, PART, [TK_TRO_GIUP, GIAY_TO_CHUNG_MINH, CCCD];
    "Điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng", "Adjustment or termination of the monthly social allowance",
        XA, 10, 0, FULL, [DON, GIAY_TO_CHUNG_MINH];
    "Thay đổi nơi nhận trợ cấp xã hội hàng tháng khi thay đổi nơi cư trú", "Transfer of the monthly social allowance after moving",
        HUYEN_XA, 10, 0, FULL, [DON, XN_CU_TRU];
    "Hỗ trợ kinh phí chăm sóc, nuôi dưỡng đối tượng cần bảo vệ khẩn cấp", "Funding for the care of persons needing urgent protection",
        XA, 10, 0, PART, [TK_TRO_GIUP, CCCD];
    "Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở, sửa chữa nhà ở", "Emergency social assistance to build or repair a home",
        XA, 10, 0, PART, [TK_TRO_GIUP, DS_THIET_HAI];
    "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "Funeral support for social protection beneficiaries",
        XA, 5, 0, FULL, [TK_TRO_GIUP, GIAY_BAO_TU];
    "Xác định, xác định lại mức độ khuyết tật và cấp giấy xác nhận khuyết tật", "Disability assessment and issuance of the disability certificate",
        XA, 30, 0, PART, [DON_KHUYET_TAT, HO_SO_BENH_AN, CCCD];
    "Đổi, cấp lại giấy xác nhận khuyết tật", "Exchange or reissue of the disability certificate",
        XA, 5, 0, FULL, [DON, GIAY_KHUYET_TAT];
    "Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm", "Recognition of poor and near-poor households during the year",
        XA, 7, 0, PART, [DON, PHIEU_RA_SOAT];
    "Công nhận hộ thoát nghèo, hộ thoát cận nghèo trong năm", "Recognition of households leaving poverty during the year",
        XA, 7, 0, PART, [DON, PHIEU_RA_SOAT];
    "Áp dụng biện pháp can thiệp khẩn cấp hoặc tạm thời cách ly trẻ em khỏi môi trường gây tổn hại", "Emergency intervention or temporary removal of a child from harm",
        XA, 1, 0, PART, [THONG_BAO];
    "Đăng ký nhận chăm sóc thay thế cho trẻ em", "Registration as an alternative carer for a child",
        XA, 15, 0, PART, [DON, GIAY_KHAM_SUC_KHOE, CCCD];
    "Chúc thọ, mừng thọ người cao tuổi", "Longevity celebration for the elderly",
        XA, 10, 0, FULL, [DON, CCCD];
    "Hỗ trợ học văn hóa, học nghề, trợ cấp khó khăn ban đầu cho nạn nhân bị mua bán", "Education, vocational and initial hardship support for trafficking victims",
        XA, 5, 0, PART, [DON, GIAY_TO_CHUNG_MINH];
    "Tiếp nhận đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn vào cơ sở trợ giúp xã hội", "Admission of a vulnerable person to a social assistance facility",
        TINH_HUYEN, 15, 0, PART, [TK_TRO_GIUP, GIAY_TO_CHUNG_MINH, BIEN_BAN_HOP];
    "Thành lập cơ sở trợ giúp xã hội ngoài công lập", "Establishment of a non-public social assistance facility",
        TINH_HUYEN, 15, 0, PART, [DON, DE_AN, CO_SO_VAT_CHAT];
    "Cấp giấy phép hoạt động đối với cơ sở trợ giúp xã hội", "Operating licence for a social assistance facility",
        TINH_HUYEN, 15, 0, PART, [DON, DS_NHAN_SU, CO_SO_VAT_CHAT];
    "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", "Martyr worship allowance",
        HUYEN, 12, 0, PART, [DON, HO_SO_NGUOI_CO_CONG];
    "Hỗ trợ người có công với cách mạng cải thiện nhà ở", "Housing support for people with meritorious revolutionary service",
        HUYEN, 15, 0, PART, [DON, HO_SO_NGUOI_CO_CONG, GIAY_TO_DAT];
    "Cấp trích lục hoặc sao hồ sơ người có công với cách mạng", "Extract or copy of the records of a person with meritorious service",
        TINH, 5, 0, FULL, [DON, CCCD];
    "Di chuyển hồ sơ người có công với cách mạng", "Transfer of the records of a person with meritorious service",
        TINH, 5, 0, PART, [DON, XN_CU_TRU];
};

const NONG_NGHIEP: &[Template] = templates! {
    "Cấp giấy chứng nhận đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh nông lâm thủy sản", "Food safety eligibility certificate for agricultural, forestry and fishery businesses",
        TINH, 15, 700_000, PART, [DON, THUYET_MINH_ATTP, TAP_HUAN_ATTP];
    "Cấp giấy chứng nhận điều kiện vệ sinh thú y", "Veterinary hygiene certificate",
        TINH, 5, 300_000, PART, [DON, THUYET_MINH_DK] @ CHI_CUC_THU_Y;
    "Cấp giấy chứng nhận kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh", "Quarantine certificate for animals and animal products leaving the province",
        TINH, 1, 0, FULL, [DK_KIEM_DICH] @ CHI_CUC_THU_Y;
    "Cấp chứng chỉ hành nghề thú y", "Veterinary practising certificate",
        TINH, 5, 0, PART, [DON, VAN_BANG, ANH] @ CHI_CUC_THU_Y;
    "Cấp giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật", "Eligibility certificate for trading plant protection products",
        TINH, 20, 500_000, PART, [DON, THUYET_MINH_DK, BOI_DUONG] @ CHI_CUC_TRONG_TROT;
    "Cấp giấy chứng nhận đủ điều kiện buôn bán phân bón", "Eligibility certificate for fertiliser trading",
        TINH, 15, 500_000, PART, [DON, THUYET_MINH_DK, BOI_DUONG] @ CHI_CUC_TRONG_TROT;
    "Cấp giấy phép khai thác thủy sản", "Fishing licence",
        TINH, 6, 40_000, PART, [DON, DK_TAU_CA, KIEM_TRA_TAU] @ CHI_CUC_THUY_SAN;
    "Đăng ký tàu cá", "Fishing vessel registration",
        TINH, 3, 70_000, PART, [TO_KHAI, KIEM_TRA_TAU, NGUON_GOC_PT] @ CHI_CUC_THUY_SAN;
    "Cấp văn bản chấp thuận đóng mới, cải hoán tàu cá", "Approval to build or convert a fishing vessel",
        TINH, 3, 0, PART, [DON, DK_TAU_CA] @ CHI_CUC_THUY_SAN;
    "Đăng ký mã số cơ sở nuôi, trồng các loài động vật, thực vật hoang dã", "Registration code for wildlife farming facilities",
        TINH, 5, 0, PART, [DON, THUYET_MINH_DK] @ CHI_CUC_KIEM_LAM;
    "Công nhận làng nghề truyền thống", "Recognition of a traditional craft village",
        TINH, 30, 0, PART, [DON, HO_SO_LANG_NGHE];
    "Công nhận nghề truyền thống", "Recognition of a traditional craft",
        TINH, 30, 0, PART, [DON, HO_SO_LANG_NGHE];
    "Công nhận xã đạt chuẩn nông thôn mới", "Recognition of a commune meeting new rural standards",
        TINH, 30, 0, PART, [BAO_CAO, BIEN_BAN_HOP];
    "Cấp giấy phép cho các hoạt động trong phạm vi bảo vệ công trình thủy lợi", "Permit for activities within irrigation works protection zones",
        TINH, 10, 100_000, PART, [DON, BAN_VE];
    "Hỗ trợ dự án liên kết sản xuất, tiêu thụ sản phẩm nông nghiệp", "Support for agricultural production and sales linkage projects",
        TINH_HUYEN, 20, 0, PART, [DON, DU_AN_LIEN_KET];
    "Xác nhận bảng kê lâm sản", "Certification of a forest product inventory list",
        HUYEN, 3, 0, PART, [BANG_KE_LAM_SAN, NGUON_GOC_PT] @ HAT_KIEM_LAM;
    "Cấp giấy xác nhận đăng ký nuôi trồng thủy sản lồng bè", "Registration of cage fish farming",
        HUYEN, 5, 0, PART, [DON, CCCD];
    "Cấp giấy chứng nhận kinh tế trang trại", "Farm economy certificate",
        HUYEN, 5, 0, PART, [DON, GIAY_TO_DAT, CCCD];
    "Hỗ trợ khôi phục sản xuất vùng bị thiệt hại do thiên tai", "Support to restore production after natural disasters",
        HUYEN_XA, 10, 0, PART, [DON, DS_THIET_HAI];
    "Hỗ trợ hộ chăn nuôi có vật nuôi bị tiêu hủy do dịch bệnh", "Support for livestock farmers whose animals were culled due to disease",
        HUYEN_XA, 10, 0, PART, [DON, DS_THIET_HAI];
};

const TAI_NGUYEN_MOI_TRUONG: &[Template] = templates! {
    "Cấp giấy phép môi trường", "Environmental licence",
        TINH_HUYEN, 20, 0, PART, [DON, BAO_CAO_GPMT];
    "Cấp đổi, điều chỉnh, cấp lại giấy phép môi trường", "Exchange, amendment or reissue of an environmental licence",
        TINH_HUYEN, 15, 0, PART, [DON, BAO_CAO_GPMT, GIAY_PHEP_CU];
    "Thông báo kế hoạch vận hành thử nghiệm công trình xử lý chất thải", "Notification of a waste treatment trial run",
        TINH_HUYEN, 10, 0, FULL, [THONG_BAO];
    "Đăng ký môi trường", "Environmental registration",
        XA, 1, 0, FULL, [PHIEU_DK_MT];
    "Đăng ký khai thác nước dưới đất", "Registration of groundwater extraction",
        XA, 5, 0, FULL, [TO_KHAI, CCCD];
    "Thẩm định báo cáo đánh giá tác động môi trường", "Appraisal of an environmental impact assessment report",
        TINH, 25, 0, PART, [DON, BAO_CAO_DTM, HO_SO_DU_AN];
    "Cấp giấy phép thăm dò nước dưới đất", "Groundwater exploration permit",
        TINH, 25, 0, PART, [DON, DE_AN_KHAI_THAC, SO_DO_KHU_VUC];
    "Cấp giấy phép khai thác, sử dụng nước dưới đất", "Groundwater extraction permit",
        TINH, 25, 0, PART, [DON, DE_AN_KHAI_THAC, PHAN_TICH_NUOC];
    "Cấp giấy phép khai thác, sử dụng nước mặt", "Surface water extraction permit",
        TINH, 25, 0, PART, [DON, DE_AN_KHAI_THAC, PHAN_TICH_NUOC];
    "Cấp giấy phép xả nước thải vào nguồn nước", "Wastewater discharge permit",
        TINH, 25, 0, PART, [DON, DE_AN_KHAI_THAC, PHAN_TICH_NUOC];
    "Cấp giấy phép hành nghề khoan nước dưới đất quy mô vừa và nhỏ", "Licence for small and medium groundwater drilling",
        TINH, 10, 0, PART, [DON, VAN_BANG, KINH_NGHIEM];
    "Cấp giấy phép thăm dò khoáng sản", "Mineral exploration licence",
        TINH, 45, 0, PART, [DON, DE_AN_KHAI_THAC, SO_DO_KHU_VUC];
    "Cấp giấy phép khai thác khoáng sản làm vật liệu xây dựng thông thường", "Licence to mine common construction materials",
        TINH, 45, 0, PART, [DON, DE_AN_KHAI_THAC, SO_DO_KHU_VUC, PA_CAI_TAO];
    "Đăng ký khai thác khoáng sản làm vật liệu xây dựng trong diện tích dự án đầu tư xây dựng công trình", "Registration to use construction minerals within a project site",
        TINH, 15, 0, PART, [DON, HO_SO_DU_AN, SO_DO_KHU_VUC];
    "Đóng cửa mỏ khoáng sản", "Mine closure",
        TINH, 45, 0, PART, [DON, PA_CAI_TAO, BAO_CAO];
    "Chấp thuận phương án cải tạo, phục hồi môi trường", "Approval of an environmental rehabilitation plan",
        TINH, 30, 0, PART, [DON, PA_CAI_TAO];
    "Kê khai phí bảo vệ môi trường đối với nước thải công nghiệp", "Declaration of environmental protection fees for industrial wastewater",
        TINH, 10, 0, FULL, [TO_KHAI, PHAN_TICH_NUOC];
    "Cấp giấy phép hoạt động đo đạc và bản đồ hạng II", "Surveying and mapping licence, class II",
        TINH, 10, 0, PART, [DON, VAN_BANG, KINH_NGHIEM];
    "Cung cấp thông tin, dữ liệu đo đạc và bản đồ", "Provision of surveying and mapping data",
        TINH, 5, 0, FULL, [DON];
    "Cung cấp thông tin, dữ liệu tài nguyên nước", "Provision of water resources data",
        TINH, 5, 0, FULL, [DON];
};

const VAN_HOA_DU_LICH: &[Template] = templates! {
    "Đăng ký tổ chức lễ hội", "Festival registration",
        MOI_CAP, 20, 0, PART, [DON, CHUONG_TRINH_LE_HOI];
    "Thông báo tổ chức lễ hội", "Festival notification",
        HUYEN_XA, 5, 0, FULL, [THONG_BAO, CHUONG_TRINH_LE_HOI];
    "Cấp giấy phép kinh doanh dịch vụ karaoke", "Karaoke business licence",
        HUYEN, 5, 4_000_000, PART, [DON, MO_TA_PHONG, PCCC];
    "Cấp giấy phép điều chỉnh giấy phép kinh doanh dịch vụ karaoke", "Amendment of a karaoke business licence",
        HUYEN, 5, 2_000_000, PART, [DON, GIAY_PHEP_CU, MO_TA_PHONG];
    "Cấp giấy phép kinh doanh dịch vụ vũ trường", "Dance club business licence",
        TINH, 5, 15_000_000, PART, [DON, MO_TA_PHONG, PCCC];
    "Thông báo tổ chức biểu diễn nghệ thuật", "Notification of an art performance",
        TINH, 5, 0, FULL, [THONG_BAO];
    "Thông báo tổ chức triển lãm", "Notification of an exhibition",
        TINH, 7, 0, FULL, [THONG_BAO];
    "Cấp giấy phép xây dựng tượng đài, tranh hoành tráng", "Permit for monuments and large-scale murals",
        TINH, 20, 0, PART, [DON, BAN_VE];
    "Xếp hạng di tích cấp tỉnh", "Provincial ranking of a historical relic",
        TINH, 60, 0, PART, [DON, HO_SO_DI_TICH];
    "Cấp chứng chỉ hành nghề tu bổ di tích", "Relic restoration practising certificate",
        TINH, 10, 0, PART, [DON, VAN_BANG, KINH_NGHIEM];
    "Cấp giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao", "Eligibility certificate for sports businesses",
        TINH, 7, 500_000, PART, [DON, CO_SO_VAT_CHAT, DS_NHAN_SU];
    "Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa", "Domestic travel business licence",
        TINH, 10, 3_000_000, PART, [DON, GCN_DKDN, KY_QUY] @ SO_DU_LICH;
    "Cấp thẻ hướng dẫn viên du lịch nội địa", "Domestic tour guide card",
        TINH, 10, 650_000, PART, [DON, BANG_HDV, GIAY_KHAM_SUC_KHOE, ANH] @ SO_DU_LICH;
    "Cấp thẻ hướng dẫn viên du lịch quốc tế", "International tour guide card",
        TINH, 10, 650_000, PART, [DON, BANG_HDV, GIAY_KHAM_SUC_KHOE, ANH] @ SO_DU_LICH;
    "Cấp thẻ hướng dẫn viên du lịch tại điểm", "On-site tour guide card",
        TINH, 10, 200_000, PART, [DON, GIAY_KHAM_SUC_KHOE, ANH] @ SO_DU_LICH;
    "Công nhận hạng cơ sở lưu trú du lịch hạng 1 sao, 2 sao, 3 sao", "Star rating of tourist accommodation (1 to 3 stars)",
        TINH, 30, 1_500_000, PART, [DON, TU_DANH_GIA_LUU_TRU] @ SO_DU_LICH;
    "Công nhận điểm du lịch", "Recognition of a tourist site",
        TINH, 30, 0, PART, [DON, BAO_CAO] @ SO_DU_LICH;
    "Công nhận khu du lịch cấp tỉnh", "Recognition of a provincial tourist area",
        TINH, 30, 0, PART, [DON, BAO_CAO] @ SO_DU_LICH;
    "Xét tặng danh hiệu Khu dân cư văn hóa hằng năm", "Annual Cultural Residential Area award",
        HUYEN, 10, 0, PART, [BAO_CAO, BIEN_BAN_HOP];
    "Xét tặng danh hiệu Gia đình văn hóa hằng năm", "Annual Cultural Family award",
        XA, 10, 0, FULL, [DON];
    "Thông báo thành lập thư viện cộng đồng", "Notification of a community library",
        XA, 15, 0, FULL, [THONG_BAO, DIA_DIEM];
};

const THONG_TIN_TRUYEN_THONG: &[Template] = templates! {
    "Cấp giấy phép hoạt động in", "Printing operation licence",
        TINH, 10, 0, PART, [DON, THIET_BI_IN, DIA_DIEM];
    "Cấp đổi giấy phép hoạt động in", "Exchange of a printing operation licence",
        TINH, 7, 0, FULL, [DON, GIAY_PHEP_CU];
    "Xác nhận đăng ký hoạt động cơ sở in", "Registration of a printing facility",
        TINH, 5, 0, FULL, [DON, THIET_BI_IN];
    "Đăng ký hoạt động cơ sở dịch vụ photocopy", "Registration of a photocopy service",
        TINH, 1, 0, FULL, [TO_KHAI, THIET_BI_IN];
    "Cấp giấy phép xuất bản tài liệu không kinh doanh", "Publishing licence for non-commercial materials",
        TINH, 10, 0, FULL, [DON, BAN_THAO];
    "Cấp giấy phép nhập khẩu xuất bản phẩm không kinh doanh", "Import licence for non-commercial publications",
        TINH, 5, 0, FULL, [DON, DS_XUAT_BAN_PHAM];
    "Cấp giấy phép tổ chức triển lãm, hội chợ xuất bản phẩm", "Licence for a book fair or publications exhibition",
        TINH, 10, 0, PART, [DON, DS_XUAT_BAN_PHAM];
    "Xác nhận đăng ký hoạt động phát hành xuất bản phẩm", "Registration of publication distribution",
        TINH, 10, 0, FULL, [DON, GCN_DKDN];
    "Cấp giấy phép xuất bản bản tin", "Licence to publish a newsletter",
        TINH, 15, 0, PART, [DON, BAN_THAO];
    "Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp", "Licence for a general news website",
        TINH, 30, 0, PART, [DON, DE_AN_TTDT, TEN_MIEN];
    "Sửa đổi, bổ sung giấy phép thiết lập trang thông tin điện tử tổng hợp", "Amendment of a general news website licence",
        TINH, 10, 0, FULL, [DON, GIAY_PHEP_CU];
    "Gia hạn giấy phép thiết lập trang thông tin điện tử tổng hợp", "Extension of a general news website licence",
        TINH, 10, 0, FULL, [DON, GIAY_PHEP_CU];
    "Đăng ký thu tín hiệu truyền hình nước ngoài trực tiếp từ vệ tinh", "Registration to receive foreign satellite television",
        TINH, 5, 0, PART, [TO_KHAI, CCCD];
    "Xác nhận thông báo hoạt động bưu chính", "Confirmation of a postal activity notification",
        TINH, 7, 0, FULL, [THONG_BAO, GCN_DKDN];
    "Thông báo tổ chức họp báo", "Notification of a press conference",
        TINH, 1, 0, FULL, [THONG_BAO];
    "Cấp giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng", "Eligibility certificate for a public gaming venue",
        HUYEN, 5, 200_000, PART, [DON, MO_TA_DIEM_TRO_CHOI, DIA_DIEM];
    "Gia hạn giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng", "Extension of a public gaming venue certificate",
        HUYEN, 5, 100_000, FULL, [DON, GIAY_PHEP_CU];
    "Cấp lại giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng", "Reissue of a public gaming venue certificate",
        HUYEN, 5, 100_000, FULL, [DON];
    "Sửa đổi, bổ sung giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng", "Amendment of a public gaming venue certificate",
        HUYEN, 5, 100_000, PART, [DON, GIAY_PHEP_CU, MO_TA_DIEM_TRO_CHOI];
    "Đăng ký sử dụng hệ thống truyền thanh cơ sở để thông tin, tuyên truyền", "Registration to use the commune loudspeaker system for announcements",
        XA, 2, 0, FULL, [DON, BAN_THAO];
};
