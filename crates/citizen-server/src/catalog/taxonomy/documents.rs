//! Documents ("thành phần hồ sơ") the procedures ask for, and the agencies that resolve them.

use super::Text;

macro_rules! texts {
    ($($id:ident = $vi:literal / $en:literal;)*) => {
        $(pub(super) const $id: Text = ($vi, $en);)*
    };
}

// Agencies.
texts! {
    UBND_XA = "Ủy ban nhân dân cấp xã" / "Commune People's Committee";
    SO_TU_PHAP = "Sở Tư pháp" / "Provincial Department of Justice";
    PHONG_TU_PHAP = "Phòng Tư pháp" / "District Justice Division";
    SO_TNMT = "Sở Tài nguyên và Môi trường" / "Provincial Department of Natural Resources and Environment";
    PHONG_TNMT = "Phòng Tài nguyên và Môi trường" / "District Natural Resources and Environment Division";
    VP_DKDD = "Văn phòng đăng ký đất đai" / "Land Registration Office";
    CN_VP_DKDD = "Chi nhánh Văn phòng đăng ký đất đai" / "District branch of the Land Registration Office";
    SO_XAY_DUNG = "Sở Xây dựng" / "Provincial Department of Construction";
    PHONG_KT_HT = "Phòng Kinh tế và Hạ tầng" / "District Economic and Infrastructure Division";
    SO_KH_DT = "Sở Kế hoạch và Đầu tư" / "Provincial Department of Planning and Investment";
    PHONG_TC_KH = "Phòng Tài chính - Kế hoạch" / "District Finance and Planning Division";
    SO_CONG_THUONG = "Sở Công Thương" / "Provincial Department of Industry and Trade";
    PHONG_KINH_TE = "Phòng Kinh tế" / "District Economic Division";
    SO_LDTBXH = "Sở Lao động - Thương binh và Xã hội" / "Provincial Department of Labour, Invalids and Social Affairs";
    PHONG_LDTBXH = "Phòng Lao động - Thương binh và Xã hội" / "District Labour, Invalids and Social Affairs Division";
    TT_DICH_VU_VIEC_LAM = "Trung tâm Dịch vụ việc làm" / "Employment Service Centre";
    SO_GD_DT = "Sở Giáo dục và Đào tạo" / "Provincial Department of Education and Training";
    PHONG_GD_DT = "Phòng Giáo dục và Đào tạo" / "District Education and Training Division";
    SO_Y_TE = "Sở Y tế" / "Provincial Department of Health";
    PHONG_Y_TE = "Phòng Y tế" / "District Health Division";
    HD_GIAM_DINH_Y_KHOA = "Hội đồng Giám định y khoa tỉnh" / "Provincial Medical Assessment Council";
    SO_GTVT = "Sở Giao thông vận tải" / "Provincial Department of Transport";
    TT_TRO_GIUP_PHAP_LY = "Trung tâm Trợ giúp pháp lý nhà nước" / "State Legal Aid Centre";
    SO_NN_PTNT = "Sở Nông nghiệp và Phát triển nông thôn" / "Provincial Department of Agriculture and Rural Development";
    PHONG_NN_PTNT = "Phòng Nông nghiệp và Phát triển nông thôn" / "District Agriculture and Rural Development Division";
    CHI_CUC_THU_Y = "Chi cục Chăn nuôi và Thú y" / "Sub-department of Livestock Production and Animal Health";
    CHI_CUC_TRONG_TROT = "Chi cục Trồng trọt và Bảo vệ thực vật" / "Sub-department of Crop Production and Plant Protection";
    CHI_CUC_THUY_SAN = "Chi cục Thủy sản" / "Fisheries Sub-department";
    CHI_CUC_KIEM_LAM = "Chi cục Kiểm lâm" / "Forest Protection Sub-department";
    HAT_KIEM_LAM = "Hạt Kiểm lâm" / "District Forest Protection Unit";
    SO_VH_TT = "Sở Văn hóa và Thể thao" / "Provincial Department of Culture and Sports";
    SO_DU_LICH = "Sở Du lịch" / "Provincial Department of Tourism";
    PHONG_VH_TT = "Phòng Văn hóa và Thông tin" / "District Culture and Information Division";
    SO_TT_TT = "Sở Thông tin và Truyền thông" / "Provincial Department of Information and Communications";
}

// Documents most procedures share.
texts! {
    CCCD = "Căn cước công dân" / "Citizen identity card";
    HO_CHIEU = "Hộ chiếu hoặc giấy tờ có giá trị thay hộ chiếu" / "Passport or equivalent travel document";
    UY_QUYEN = "Văn bản ủy quyền (trường hợp nộp thay)" / "Power of attorney (when filing on someone else's behalf)";
    DON = "Đơn đề nghị theo mẫu" / "Application form (standard template)";
    TO_KHAI = "Tờ khai theo mẫu" / "Declaration form (standard template)";
    THONG_BAO = "Văn bản thông báo theo mẫu" / "Notification form (standard template)";
    ANH = "Ảnh chân dung cỡ 4x6 cm" / "Portrait photo, 4x6 cm";
    GIAY_KHAM_SUC_KHOE = "Giấy chứng nhận sức khỏe" / "Health certificate";
    LY_LICH_TU_PHAP = "Phiếu lý lịch tư pháp" / "Criminal record certificate";
    BAN_DICH = "Bản dịch có chứng thực sang tiếng Việt" / "Certified Vietnamese translation";
    HOP_PHAP_HOA = "Giấy tờ do cơ quan nước ngoài cấp đã được hợp pháp hóa lãnh sự" / "Foreign-issued documents with consular legalisation";
    BAN_AN = "Bản án, quyết định của cơ quan nhà nước có thẩm quyền" / "Judgment or decision of the competent authority";
    GIAY_TO_CHUNG_MINH = "Giấy tờ chứng minh thuộc đối tượng được hưởng chính sách" / "Proof of eligibility for the policy";
    GIAY_PHEP_CU = "Bản chính giấy phép đã được cấp" / "Original of the licence previously issued";
    GCN_DKDN = "Giấy chứng nhận đăng ký doanh nghiệp" / "Enterprise registration certificate";
    PCCC = "Văn bản nghiệm thu về phòng cháy và chữa cháy" / "Fire prevention and fighting acceptance document";
    BIEN_BAN_HOP = "Biên bản họp của hội đồng xét duyệt" / "Minutes of the review council's meeting";
    BAO_CAO = "Báo cáo kết quả thực hiện" / "Progress report";
}

// Hộ tịch.
texts! {
    TK_KHAI_SINH = "Tờ khai đăng ký khai sinh theo mẫu" / "Birth registration form";
    GIAY_CHUNG_SINH = "Giấy chứng sinh" / "Birth certificate from the hospital";
    TK_KET_HON = "Tờ khai đăng ký kết hôn theo mẫu" / "Marriage registration form";
    XN_HON_NHAN = "Giấy xác nhận tình trạng hôn nhân" / "Certificate of marital status";
    TK_KHAI_TU = "Tờ khai đăng ký khai tử theo mẫu" / "Death registration form";
    GIAY_BAO_TU = "Giấy báo tử hoặc giấy tờ thay giấy báo tử" / "Death notice or an equivalent document";
    TK_HO_TICH = "Tờ khai yêu cầu về việc hộ tịch theo mẫu" / "Civil status request form";
    CHUNG_CU_CHA_CON = "Chứng cứ chứng minh quan hệ cha, mẹ, con" / "Evidence of the parent–child relationship";
    GIAY_TO_HO_TICH = "Bản sao giấy tờ hộ tịch đã cấp trước đây" / "Copies of previously issued civil status papers";
    VAN_BAN_CU_GIAM_HO = "Văn bản cử người giám hộ" / "Document appointing the guardian";
    XN_TAM_THAN = "Giấy xác nhận không mắc bệnh tâm thần hoặc bệnh khác mất khả năng nhận thức" / "Medical certificate of mental capacity";
    XN_CU_TRU = "Giấy tờ chứng minh nơi cư trú" / "Proof of residence";
}

// Đất đai.
texts! {
    DON_DK_DAT = "Đơn đăng ký đất đai, tài sản gắn liền với đất theo mẫu" / "Land and attached assets registration form";
    GCN_DAT = "Bản gốc giấy chứng nhận quyền sử dụng đất đã cấp" / "Original land use right certificate";
    GIAY_TO_DAT = "Giấy tờ về quyền sử dụng đất" / "Documents proving land use rights";
    HD_CHUYEN_NHUONG = "Hợp đồng, văn bản chuyển quyền sử dụng đất đã công chứng, chứng thực" / "Notarised contract or deed transferring land use rights";
    TRICH_DO = "Mảnh trích đo địa chính thửa đất" / "Cadastral survey extract of the plot";
    HD_THE_CHAP = "Hợp đồng thế chấp" / "Mortgage contract";
    TK_THUE_DAT = "Tờ khai lệ phí trước bạ, thuế thu nhập cá nhân" / "Registration fee and personal income tax returns";
    DON_TRANH_CHAP = "Đơn yêu cầu giải quyết tranh chấp" / "Petition for dispute settlement";
    BB_HOA_GIAI = "Biên bản hòa giải tại Ủy ban nhân dân cấp xã" / "Minutes of mediation at the Commune People's Committee";
}

// Xây dựng.
texts! {
    DON_GPXD = "Đơn đề nghị cấp giấy phép xây dựng theo mẫu" / "Construction permit application form";
    BAN_VE = "Bản vẽ thiết kế xây dựng" / "Construction design drawings";
    HO_SO_DU_AN = "Hồ sơ dự án, báo cáo nghiên cứu khả thi" / "Project dossier and feasibility study";
    VAN_BANG = "Văn bằng, chứng chỉ chuyên môn" / "Professional diplomas and certificates";
    KINH_NGHIEM = "Bản kê khai kinh nghiệm hoạt động chuyên môn" / "Statement of professional experience";
    QUY_HOACH = "Thuyết minh và bản vẽ đồ án quy hoạch" / "Planning report and drawings";
}

// Kinh doanh.
texts! {
    GIAY_DE_NGHI_HKD = "Giấy đề nghị đăng ký hộ kinh doanh" / "Household business registration form";
    GIAY_DE_NGHI_DN = "Giấy đề nghị đăng ký doanh nghiệp" / "Enterprise registration application";
    DIEU_LE = "Điều lệ công ty" / "Company charter";
    DS_THANH_VIEN = "Danh sách thành viên hoặc cổ đông sáng lập" / "List of members or founding shareholders";
    GCN_HKD = "Bản gốc giấy chứng nhận đăng ký hộ kinh doanh" / "Original household business registration certificate";
    NGHI_QUYET = "Nghị quyết, quyết định của chủ sở hữu hoặc hội đồng thành viên" / "Resolution of the owner or the members' council";
    HD_NHA_CUNG_CAP = "Hợp đồng mua bán với thương nhân cung cấp" / "Supply contract with the wholesale supplier";
    DIA_DIEM = "Giấy tờ chứng minh quyền sử dụng địa điểm kinh doanh" / "Proof of the right to use the business premises";
    GCN_ATTP = "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm" / "Food safety eligibility certificate";
}

// Lao động.
texts! {
    CHAP_THUAN_LDNN = "Văn bản chấp thuận nhu cầu sử dụng người lao động nước ngoài" / "Approval of the demand for foreign workers";
    SO_BHXH = "Sổ bảo hiểm xã hội" / "Social insurance book";
    QD_THOI_VIEC = "Quyết định chấm dứt hợp đồng lao động" / "Decision terminating the labour contract";
    NOI_QUY = "Nội quy lao động kèm ý kiến của tổ chức đại diện người lao động" / "Internal labour regulations with the employee representatives' comments";
    HOP_DONG_LD = "Hợp đồng lao động" / "Labour contract";
}

// Giáo dục.
texts! {
    DON_CHUYEN_TRUONG = "Đơn xin chuyển trường do cha mẹ học sinh ký" / "Transfer request signed by the parents";
    HOC_BA = "Học bạ" / "School report book";
    GIOI_THIEU_CHUYEN_TRUONG = "Giấy giới thiệu chuyển trường" / "School transfer referral letter";
    BANG_GOC = "Bản chính văn bằng, chứng chỉ" / "Original diploma or certificate";
    DE_AN = "Đề án thành lập" / "Establishment proposal";
    CO_SO_VAT_CHAT = "Hồ sơ về cơ sở vật chất, thiết bị" / "Documentation of premises and equipment";
    DS_GIAO_VIEN = "Danh sách đội ngũ giáo viên, cán bộ quản lý" / "List of teachers and managers";
    GIAY_HO_NGHEO = "Giấy chứng nhận hộ nghèo, hộ cận nghèo" / "Poor or near-poor household certificate";
}

// Y tế.
texts! {
    VAN_BANG_Y = "Văn bằng chuyên môn y, dược" / "Medical or pharmaceutical qualification";
    XN_THUC_HANH = "Giấy xác nhận quá trình thực hành" / "Certificate of clinical practice";
    DS_NHAN_SU = "Danh sách người hành nghề và nhân sự" / "List of practitioners and staff";
    CCHN_PHU_TRACH = "Chứng chỉ hành nghề của người phụ trách chuyên môn" / "Practising certificate of the technical lead";
    THIET_BI_Y_TE = "Bản kê khai cơ sở vật chất, thiết bị y tế" / "Inventory of premises and medical equipment";
    THUYET_MINH_ATTP = "Bản thuyết minh về cơ sở vật chất, trang thiết bị bảo đảm an toàn thực phẩm" / "Description of food safety facilities and equipment";
    TAP_HUAN_ATTP = "Giấy xác nhận đã được tập huấn kiến thức an toàn thực phẩm" / "Food safety training certificate";
    MAU_QUANG_CAO = "Nội dung, ma-két quảng cáo dự kiến" / "Proposed advertisement content and mock-up";
    BAN_TU_CONG_BO = "Bản tự công bố sản phẩm" / "Product self-declaration";
    KIEM_NGHIEM = "Phiếu kết quả kiểm nghiệm sản phẩm" / "Product test report";
    HO_SO_BENH_AN = "Bản sao hồ sơ bệnh án, giấy tờ khám, điều trị" / "Copies of medical records";
}

// Giao thông.
texts! {
    DON_GPLX = "Đơn đề nghị cấp, đổi giấy phép lái xe theo mẫu" / "Driving licence application form";
    GPLX = "Giấy phép lái xe đang sử dụng" / "Current driving licence";
    KHAM_LAI_XE = "Giấy khám sức khỏe của người lái xe" / "Driver's medical certificate";
    GPLX_NUOC_NGOAI = "Giấy phép lái xe nước ngoài kèm bản dịch" / "Foreign driving licence with translation";
    DK_XE = "Giấy chứng nhận đăng ký xe" / "Vehicle registration certificate";
    KIEM_DINH = "Giấy chứng nhận kiểm định an toàn kỹ thuật và bảo vệ môi trường" / "Technical safety and environmental inspection certificate";
    PA_GIAO_THONG = "Hồ sơ thiết kế và phương án tổ chức giao thông" / "Design dossier and traffic management plan";
    PA_KINH_DOANH = "Phương án kinh doanh vận tải" / "Transport business plan";
    NGUON_GOC_PT = "Giấy tờ chứng minh nguồn gốc phương tiện" / "Proof of the vehicle's origin";
}

// Tư pháp.
texts! {
    TK_LLTP = "Tờ khai yêu cầu cấp phiếu lý lịch tư pháp" / "Criminal record request form";
    VB_YEU_CAU_LLTP = "Văn bản yêu cầu cấp phiếu lý lịch tư pháp" / "Official request for a criminal record certificate";
    BAN_CHINH = "Bản chính giấy tờ, văn bản cần chứng thực" / "Original of the document to be certified";
    BAN_SAO = "Bản sao cần chứng thực" / "Copy to be certified";
    DU_THAO_HD = "Dự thảo hợp đồng, giao dịch" / "Draft contract or transaction";
    GIAY_TO_TAI_SAN = "Giấy tờ chứng minh quyền sở hữu, quyền sử dụng tài sản" / "Proof of ownership or use rights over the property";
    PHIEU_YEU_CAU_CT = "Phiếu yêu cầu chứng thực" / "Certification request form";
    BB_BAU_HOA_GIAI = "Biên bản bầu hòa giải viên" / "Minutes of the mediator election";
    QD_BO_NHIEM = "Quyết định bổ nhiệm công chứng viên" / "Notary appointment decision";
    DE_AN_TO_CHUC = "Đề án thành lập tổ chức hành nghề" / "Proposal to establish the practice";
    VB_BOI_THUONG = "Văn bản yêu cầu bồi thường" / "Compensation claim";
    THIET_HAI = "Tài liệu chứng minh thiệt hại" / "Evidence of the damage";
    DON_TGPL = "Đơn yêu cầu trợ giúp pháp lý" / "Legal aid request form";
}

// Bảo trợ xã hội.
texts! {
    TK_TRO_GIUP = "Tờ khai đề nghị trợ giúp xã hội theo mẫu" / "Social assistance application form";
    GIAY_KHUYET_TAT = "Giấy xác nhận khuyết tật" / "Disability certificate";
    PHIEU_RA_SOAT = "Phiếu rà soát thông tin hộ gia đình" / "Household screening questionnaire";
    DON_KHUYET_TAT = "Đơn đề nghị xác định mức độ khuyết tật" / "Disability assessment request";
    HO_SO_NGUOI_CO_CONG = "Hồ sơ người có công với cách mạng" / "Records of the person with meritorious service";
}

// Nông nghiệp.
texts! {
    THUYET_MINH_DK = "Bản thuyết minh về điều kiện sản xuất, kinh doanh" / "Description of production and business conditions";
    BOI_DUONG = "Giấy chứng nhận bồi dưỡng chuyên môn" / "Certificate of professional training";
    DK_TAU_CA = "Giấy chứng nhận đăng ký tàu cá" / "Fishing vessel registration certificate";
    KIEM_TRA_TAU = "Biên bản kiểm tra an toàn kỹ thuật tàu cá" / "Fishing vessel technical safety inspection";
    DK_KIEM_DICH = "Giấy đăng ký kiểm dịch" / "Quarantine registration form";
    BANG_KE_LAM_SAN = "Bảng kê lâm sản" / "Forest product inventory list";
    DS_THIET_HAI = "Danh sách hộ bị thiệt hại có xác nhận của thôn" / "List of affected households confirmed by the hamlet";
    HO_SO_LANG_NGHE = "Hồ sơ đề nghị công nhận làng nghề, nghề truyền thống" / "Craft village or traditional craft recognition dossier";
    DU_AN_LIEN_KET = "Dự án hoặc kế hoạch liên kết" / "Linkage project or plan";
}

// Tài nguyên môi trường.
texts! {
    BAO_CAO_DTM = "Báo cáo đánh giá tác động môi trường" / "Environmental impact assessment report";
    BAO_CAO_GPMT = "Báo cáo đề xuất cấp giấy phép môi trường" / "Environmental licence proposal report";
    PHIEU_DK_MT = "Phiếu đăng ký môi trường theo mẫu" / "Environmental registration form";
    SO_DO_KHU_VUC = "Sơ đồ khu vực thăm dò, khai thác" / "Map of the exploration or extraction area";
    PHAN_TICH_NUOC = "Kết quả phân tích chất lượng nguồn nước" / "Water quality test results";
    DE_AN_KHAI_THAC = "Đề án, báo cáo khai thác, sử dụng tài nguyên" / "Resource extraction and use plan";
    PA_CAI_TAO = "Phương án cải tạo, phục hồi môi trường" / "Environmental rehabilitation plan";
}

// Văn hóa du lịch.
texts! {
    CHUONG_TRINH_LE_HOI = "Chương trình, kế hoạch tổ chức lễ hội" / "Festival programme and plan";
    BANG_HDV = "Bằng tốt nghiệp và chứng chỉ nghiệp vụ hướng dẫn du lịch" / "Degree and tour guide training certificate";
    KY_QUY = "Giấy chứng nhận ký quỹ kinh doanh dịch vụ lữ hành" / "Travel business deposit certificate";
    TU_DANH_GIA_LUU_TRU = "Bản tự đánh giá chất lượng cơ sở lưu trú du lịch" / "Self-assessment of the tourist accommodation";
    HO_SO_DI_TICH = "Hồ sơ khoa học di tích" / "Scientific dossier of the relic";
    MO_TA_PHONG = "Bản mô tả phòng hát, phòng khiêu vũ" / "Description of the karaoke rooms or dance hall";
}

// Thông tin truyền thông.
texts! {
    THIET_BI_IN = "Danh mục thiết bị in" / "List of printing equipment";
    BAN_THAO = "Bản thảo, mẫu tài liệu" / "Manuscript or sample of the material";
    DE_AN_TTDT = "Đề án hoạt động trang thông tin điện tử" / "Website operation plan";
    TEN_MIEN = "Giấy tờ chứng minh quyền sử dụng tên miền" / "Proof of domain name ownership";
    DS_XUAT_BAN_PHAM = "Danh mục xuất bản phẩm" / "List of publications";
    MO_TA_DIEM_TRO_CHOI = "Bản mô tả điểm cung cấp dịch vụ trò chơi điện tử công cộng" / "Description of the public gaming venue";
}
