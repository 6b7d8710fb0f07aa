"""The OpenAPI document (and so the Swagger page at /api/docs) in Vietnamese.

ninja names an operation after its Python function ("List Units") and describes it with the
function's docstring, written for developers in English. `vietnamese(schema)` replaces them with
the Vietnamese texts below, names the groups (tags) in Vietnamese and says what each response
status means. An operation or tag missing here is caught by api/tests/test_openapi_vietnamese.py."""
HISTORY_KINDS = {"yearrecord": "xếp loại", "award": "danh hiệu, khen thưởng", "initiative": "sáng kiến",
                 "discipline": "kỷ luật"}

# operationId → (summary, description or "")
OPERATIONS = {
    "thidua_api_units_list_units": ("Danh sách đơn vị", "Các đơn vị trong phạm vi của người gọi, có lọc và phân trang."),
    "thidua_api_units_create_unit": ("Tạo đơn vị", "Đơn vị mới dưới một đơn vị cấp trên (chỉ quản trị tạo được đơn vị gốc)."),
    "thidua_api_units_get_unit": ("Xem một đơn vị", "Thông tin đơn vị, các đơn vị tiền thân và các thay đổi tổ chức."),
    "thidua_api_units_patch_unit": ("Sửa đơn vị", "Chỉ các trường gửi lên được thay đổi."),
    "thidua_api_units_merge_unit": ("Hợp nhất, sáp nhập đơn vị",
                                    "Hợp nhất đơn vị này với các đơn vị `others` thành đơn vị mới (`new_code`, "
                                    "`new_name`) hoặc sáp nhập vào đơn vị có sẵn `into`; cán bộ chuyển theo."),
    "thidua_api_units_split_unit": ("Chia tách đơn vị",
                                    "Chia thành các đơn vị mới; mỗi cá nhân về phần ghi trong `assignments` "
                                    "(mặc định: phần đầu tiên)."),
    "thidua_api_units_dissolve_unit": ("Giải thể đơn vị", ""),
    "thidua_api_units_get_grade_year": ("Trạng thái xếp loại năm của đơn vị",
                                        "Xếp loại năm `year` của đơn vị đang mở hay đã khóa, và người gọi được "
                                        "làm gì."),
    "thidua_api_units_move_grade_year": ("Khóa hoặc mở lại xếp loại năm",
                                         "Khóa xếp loại năm `year` (cán bộ của đơn vị) hoặc mở lại (cấp trên, "
                                         "phải ghi lý do)."),
    "thidua_api_clusters_list_clusters": ("Danh sách khối, cụm thi đua", ""),
    "thidua_api_clusters_get_cluster": ("Xem một khối, cụm thi đua", "Thành viên, khối trưởng, khối phó theo từng năm."),
    "thidua_api_clusters_set_cluster_year": ("Đặt thành viên khối theo năm",
                                             "Thay toàn bộ thành viên, khối trưởng và khối phó của khối trong một năm."),
    "thidua_api_clusters_list_party_orgs": ("Danh sách tổ chức đảng", ""),
    "thidua_api_clusters_get_party_org": ("Xem một tổ chức đảng", ""),
    "thidua_api_people_list_people": ("Danh sách cá nhân", "Tìm theo họ tên (không phân biệt dấu) hoặc số CCCD, lọc "
                                      "theo đơn vị, tổ chức đảng; có phân trang."),
    "thidua_api_people_create_person": ("Thêm cá nhân",
                                        "Cá nhân mới cùng quá trình công tác đầu tiên; quyền theo đơn vị công tác."),
    "thidua_api_people_get_person_by_citizen_id": ("Tìm cá nhân theo số CCCD", ""),
    "thidua_api_people_get_person": ("Xem một cá nhân", ""),
    "thidua_api_people_patch_person": ("Sửa thông tin cá nhân", "Chỉ các trường gửi lên được thay đổi."),
    "thidua_api_people_open_posting": ("Điều động, chuyển công tác",
                                       "Quá trình công tác đang mở kết thúc vào ngày trước `start`; lịch sử thi đua "
                                       "đi theo cá nhân."),
    "thidua_api_people_add_leave": ("Ghi nhận thời gian nghỉ", ""),
    "thidua_api_history_person_history": ("Lịch sử thi đua, khen thưởng của cá nhân", ""),
    "thidua_api_history_unit_history": ("Lịch sử thi đua, khen thưởng của tập thể",
                                        "Gồm cả lịch sử của các đơn vị tiền thân (hợp nhất, sáp nhập, chia tách, "
                                        "đổi tên)."),
    "thidua_api_history_set_stats": ("Số liệu thành viên của tập thể theo năm",
                                     "Số thành viên, số hoàn thành nhiệm vụ, Lao động tiên tiến, Chiến sĩ thi đua cơ "
                                     "sở, kỷ luật của một năm (theo số liệu đã báo cáo, ví dụ các năm trước khi có "
                                     "hệ thống)."),
    "thidua_api_audit_person_audit": ("Nhật ký thay đổi của cá nhân", ""),
    "thidua_api_audit_unit_audit": ("Nhật ký thay đổi của đơn vị", ""),
    "thidua_api_documents_list_documents": ("Sổ văn bản", "Các văn bản (dự thảo và đã ký) của các cơ quan ban hành "
                                            "trong phạm vi người gọi; lọc theo cơ quan, loại, trạng thái."),
    "thidua_api_documents_draft_document": ("Soạn dự thảo văn bản",
                                            "Văn bản mới theo thể thức Nghị định 30/2020 từ dữ liệu thuần (căn cứ, "
                                            "nội dung, các điều, phụ lục); chưa có số và ngày."),
    "thidua_api_documents_get_document": ("Xem một văn bản", "Thông tin văn bản và đường dẫn tải .docx/.pdf."),
    "thidua_api_documents_patch_document": ("Sửa dự thảo", "Chỉ sửa được văn bản chưa ký; văn bản đã ký bị khóa."),
    "thidua_api_documents_sign_document": ("Ký và cấp số",
                                           "Người ký phải là lãnh đạo của cơ quan ban hành; số lấy theo sổ của cơ "
                                           "quan trong năm, ngày ký mặc định hôm nay. Không cấp số lần thứ hai."),
    "thidua_api_documents_document_docx": ("Tải văn bản .docx", ""),
    "thidua_api_documents_document_pdf": ("Tải văn bản .pdf", "Chuyển từ chính tệp .docx bằng LibreOffice."),
    "thidua_api_documents_list_templates": ("Các mẫu văn bản của cơ quan", "Mọi phiên bản đã tải lên."),
    "thidua_api_documents_upload_template": ("Tải lên mẫu văn bản",
                                             "Tệp .docx với các trường có tên; kiểm tra cú pháp và tên trường "
                                             "trước khi lưu thành phiên bản mới."),
    "thidua_api_statistics_award_statistics": (
        "Thống kê khen thưởng", "Số lượt danh hiệu, hình thức khen thưởng trong phạm vi của người gọi theo năm, "
        "theo cấp quyết định, theo hình thức và theo đơn vị trực thuộc (`unit`: mã đơn vị, gồm cấp dưới; "
        "`year_from`, `year_to`: mặc định 5 năm gần nhất)."),
    "thidua_api_statistics_decision_register": (
        "Sổ quyết định khen thưởng", "Các quyết định (số, ngày, cấp quyết định) mà các khen thưởng trong phạm vi "
        "đã ghi theo, mới nhất trước, với số cá nhân và tập thể; tối đa 500 quyết định."),
}
OPERATIONS.update({  # fund (quỹ thi đua, khen thưởng)
    "thidua_api_fund_compute_bonus": ("Tính tiền thưởng",
                                      "Hệ số × mức lương cơ sở có hiệu lực ngày quyết định, làm tròn lên hàng chục "
                                      "nghìn đồng, nhân số đối tượng; kèm cách tính bằng lời và căn cứ."),
    "thidua_api_fund_get_ledger": ("Sổ quỹ thi đua, khen thưởng theo năm",
                                   "Các bút toán của quỹ do đơn vị `code` quản lý trong năm `year` và số dư."),
    "thidua_api_fund_get_settlement": ("Quyết toán quỹ năm",
                                       "Số dư đầu năm, thu theo nguồn, chi theo loại, số dư cuối năm, chuyển năm sau."),
    "thidua_api_fund_add_allocation": ("Ghi ngân sách phân bổ cho quỹ",
                                       "Bị từ chối nếu tổng phân bổ của năm vượt mức tối đa tính từ căn cứ."),
    "thidua_api_fund_add_contribution": ("Ghi khoản đóng góp cho quỹ", ""),
    "thidua_api_fund_add_bonus_payment": ("Chi tiền thưởng theo quyết định",
                                          "Số tiền tính theo bảng; quyết định phải của chính cấp quản lý quỹ; không "
                                          "được chi quá số dư."),
    "thidua_api_fund_add_spending": ("Ghi khoản chi hiện vật hoặc chi tổ chức phong trào, họp xét",
                                     "Không được chi quá số dư; chi tổ chức vượt 20% quỹ của năm được ghi kèm cảnh báo."),
    "thidua_api_fund_add_clawback": ("Ghi thu hồi tiền thưởng",
                                     "Thu hồi tiền thưởng của khen thưởng bị hủy bỏ, tối đa số còn lại của khoản chi."),
    "thidua_api_fund_carry_over": ("Chuyển số dư sang năm sau",
                                   "Khóa sổ năm `year`: số dư thành số dư đầu năm sau; không ghi thêm vào năm đã khóa."),
})
_C = "thidua_api_commendations_"
OPERATIONS.update({
    f"{_C}list_rounds": ("Danh sách đợt khen thưởng", "Các đợt của cấp mình, cấp trên và cấp dưới trong phạm vi."),
    f"{_C}create_round": ("Mở đợt khen thưởng", "Hạn nộp là ngày (`deadline`) hoặc số ngày làm việc kể từ hôm nay."),
    f"{_C}move_round": ("Chuyển trạng thái đợt", "`publish` mở nhận hồ sơ, `close` kết thúc, `reopen` mở lại (ghi lý do)."),
    f"{_C}list_proposals": ("Hồ sơ đề nghị của đợt", "Cấp tổ chức đợt thấy tất cả; đơn vị cấp dưới thấy hồ sơ của mình."),
    f"{_C}create_proposal": ("Đề nghị một trường hợp", "Chỉ trường hợp đủ điều kiện được nhận; kết quả xét được lưu kèm hồ sơ."),
    f"{_C}bulk_proposals": ("Đề nghị tất cả người đủ điều kiện", "Một thao tác cho cả đơn vị; trả về số hồ sơ đã tạo "
                            "và các trường hợp bỏ qua kèm lý do."),
    f"{_C}get_proposal": ("Xem hồ sơ đề nghị", ""),
    f"{_C}move_proposal": ("Xử lý hồ sơ đề nghị", "Tiếp nhận, trả lại (mã lý do và nội dung), gửi lại, rút (ghi lý do), "
                           "thẩm định, trình cấp có thẩm quyền."),
    f"{_C}get_session": ("Xem phiên họp Hội đồng", "Số phiếu đã nhận; số phiếu từng người chỉ có khi đã kết thúc bỏ phiếu."),
    f"{_C}cast_ballot": ("Bỏ phiếu kín", "Mỗi thành viên có mặt một phiếu; hệ thống không lưu ai chọn gì."),
    f"{_C}list_councils": ("Danh sách Hội đồng TĐKT", "Hội đồng của các cấp trong phạm vi, với thành viên."),
    f"{_C}create_session": ("Tạo phiên họp Hội đồng", "Cho một đợt khen thưởng; `caps`: chỉ tiêu tối đa (nếu có)."),
    f"{_C}set_attendance": ("Ghi nhận thành phần dự họp", "Thành viên có mặt; vắng mặt có ý kiến bằng văn bản."),
    f"{_C}add_to_agenda": ("Đưa hồ sơ ra Hội đồng", "Hồ sơ đã thẩm định (và đã lấy ý kiến công khai nếu phải)."),
    f"{_C}enter_paper_ballots": ("Nhập phiếu giấy, ý kiến bằng văn bản", "Thư ký nhập; phiếu không gắn với thành viên."),
    f"{_C}move_session": ("Mở hoặc kết thúc bỏ phiếu", "Mở khi đủ số thành viên dự họp; kết thúc khi đủ phiếu hoặc ghi lý do."),
    f"{_C}draft_decision": ("Soạn quyết định khen thưởng", "Từ danh sách Hội đồng đã thông qua (phiên họp đã kết "
                            "thúc bỏ phiếu): căn cứ, các điều, phụ lục cá nhân, tập thể, nơi nhận, người ký."),
    f"{_C}draft_session_paper": ("Soạn biên bản của phiên họp", "`vote_count`: biên bản kiểm phiếu; `minutes`: biên "
                                 "bản họp. Chỉ từ tổng số phiếu, không có phiếu của từng người."),
    f"{_C}get_decision": ("Xem quyết định khen thưởng", "Số, ngày, danh sách, số sổ vàng, tiền thưởng từng dòng."),
    f"{_C}sign_decision": ("Ký và cấp số quyết định", "Người ký là lãnh đạo cơ quan ban hành; số cấp khi ký, sau đó "
                           "không sửa được; khen thưởng được ghi vào lịch sử từng năm."),
    f"{_C}print_certificates": ("In bằng theo quyết định", "Cấp số sổ vàng (theo cơ quan, theo năm) và in bằng "
                                "bằng tác vụ nền; theo dõi tiến độ ở trang tác vụ."),
    f"{_C}pay_bonuses": ("Chi tiền thưởng theo quyết định", "Từ Quỹ thi đua, khen thưởng của cấp ra quyết định; số "
                         "tiền theo bảng tại ngày quyết định; không chi quá số dư."),
    f"{_C}revoke_decision": ("Hủy bỏ quyết định khen thưởng", "Ban hành quyết định hủy bỏ có căn cứ; ghi hủy bỏ vào "
                             "lịch sử, thu hồi tiền thưởng, liệt kê khen thưởng phụ thuộc cần xem lại."),
})
# councils and their members, comments on public postings, ties at a cap (api/commendations_council.py)
_CC = "thidua_api_commendations_council_"
OPERATIONS.update({
    f"{_CC}create_council": ("Lập Hội đồng TĐKT", "Hội đồng của một cấp (mã đơn vị), tên và nhiệm kỳ."),
    f"{_CC}get_council": ("Xem Hội đồng TĐKT", "Thành viên đang tham gia và những gì Hội đồng còn thiếu để họp "
                          "(`gaps`): một Chủ tịch, một Thư ký, số thành viên biểu quyết tối thiểu."),
    f"{_CC}add_council_member": ("Thêm thành viên Hội đồng", "Theo tên đăng nhập và chức danh; không quá một Chủ "
                                 "tịch, một Thư ký; Hội đồng cấp tỉnh 3–4 Phó Chủ tịch."),
    f"{_CC}remove_council_member": ("Cho thành viên thôi tham gia Hội đồng",
                                    "Không được khi thành viên đang trong phiên họp chưa kết thúc bỏ phiếu."),
    f"{_CC}list_posting_comments": ("Góp ý nhận được khi công khai", ""),
    f"{_CC}add_posting_comment": ("Ghi nhận góp ý khi công khai",
                                  "Người góp ý, ngày nhận (trong thời gian lấy ý kiến), nội dung, về hồ sơ nào."),
    f"{_CC}get_public_posting": ("Danh sách công khai lấy ý kiến Nhân dân",
                                 "Không cần mã API: danh sách người được đề nghị và thời gian lấy ý kiến, theo "
                                 "đường dẫn công khai của đợt đăng."),
    f"{_CC}list_ties": ("Trường hợp bằng phiếu ở chỉ tiêu", "Số suất còn lại, người bằng phiếu, bỏ phiếu vòng hai "
                        "(số phiếu vòng hai chỉ có khi đã kết thúc)."),
    f"{_CC}open_runoff": ("Mở bỏ phiếu kín vòng hai", "Giữa những người bằng phiếu của danh hiệu `form`."),
    f"{_CC}decide_tie": ("Ghi quyết định của Hội đồng về trường hợp bằng phiếu",
                         "Chủ tịch Hội đồng chọn đúng số suất còn lại, ghi lý do; kết quả được chốt."),
    f"{_CC}cast_runoff_ballot": ("Bỏ phiếu kín vòng hai", "Chọn tối đa số suất còn lại; mỗi thành viên có mặt một "
                                 "phiếu; hệ thống không lưu ai chọn gì."),
    f"{_CC}enter_runoff_paper": ("Nhập phiếu giấy vòng hai", "Thư ký nhập phiếu của thành viên có mặt."),
    f"{_CC}close_runoff": ("Kết thúc bỏ phiếu vòng hai", "Khi đủ phiếu hoặc ghi lý do; nếu vẫn bằng phiếu, Chủ tịch "
                           "ghi quyết định của Hội đồng."),
})
for _kind, _name in HISTORY_KINDS.items():
    OPERATIONS[f"person_history_add_{_kind}"] = (f"Thêm {_name} cho cá nhân", "")
    OPERATIONS[f"unit_history_add_{_kind}"] = (f"Thêm {_name} cho tập thể", "")
    OPERATIONS[f"history_update_{_kind}"] = (f"Sửa {_name}", "Sửa một bản ghi đã có; phải ghi lý do (`reason`).")
    OPERATIONS[f"history_delete_{_kind}"] = (f"Xóa {_name}", "Xóa một bản ghi; phải ghi lý do (`reason`).")

# notices (api/notices.py): the working calendar, the caller's deadlines and notifications
OPERATIONS.update({
    "thidua_api_notices_add_working_days": (
        "Cộng ngày làm việc", "Ngày làm việc thứ `days` sau ngày `from` (không tính ngày `from`); `days` = 0: "
        "chính ngày đó nếu là ngày làm việc, nếu không thì ngày làm việc kế tiếp; `days` âm: đếm lùi. Trừ thứ "
        "Bảy, Chủ nhật, ngày lễ, Tết, nghỉ bù và ngày nghỉ cơ quan khai báo; tính ngày làm bù."),
    "thidua_api_notices_working_days": (
        "Số ngày làm việc giữa hai ngày", "Các ngày làm việc d với `from` < d ≤ `to`; âm khi `to` trước `from`."),
    "thidua_api_notices_calendar_year": (
        "Lịch làm việc của một năm", "Ngày lễ, Tết, nghỉ bù, ngày nghỉ và ngày làm bù cơ quan khai báo, tên "
        "tiếng Việt; số ngày làm việc trong năm."),
    "thidua_api_notices_my_deadlines": (
        "Hạn xử lý của tôi", "Các việc người gọi phải làm, hạn (đã dời khỏi ngày nghỉ nếu cần) và số ngày làm "
        "việc còn lại."),
    "thidua_api_notices_my_notifications": ("Thông báo của tôi", "Mới nhất trước; `unread=true`: chỉ chưa đọc."),
    "thidua_api_notices_read_all_notifications": ("Đánh dấu mọi thông báo đã đọc", ""),
    "thidua_api_notices_read_notification": ("Đánh dấu một thông báo đã đọc", ""),
})

TAGS = {
    "units": ("Đơn vị", "Cây đơn vị, hợp nhất, chia tách, giải thể, khóa xếp loại theo năm"),
    "clusters": ("Khối thi đua", "Khối, cụm thi đua và thành viên theo năm"),
    "party-orgs": ("Tổ chức đảng", "Đảng bộ, chi bộ"),
    "people": ("Cá nhân", "Cán bộ, công chức, viên chức, người lao động; quá trình công tác, thời gian nghỉ"),
    "history": ("Lịch sử thi đua", "Xếp loại, danh hiệu, khen thưởng, sáng kiến, kỷ luật, số liệu tập thể"),
    "audit": ("Nhật ký", "Ai đã thay đổi gì, khi nào"),
    "documents": ("Văn bản", "Văn bản theo thể thức Nghị định 30/2020: dự thảo, ký và cấp số, tải .docx/.pdf, mẫu"),
    "eligibility": ("Xét danh hiệu", "Xét điều kiện danh hiệu, hình thức khen thưởng và tỷ lệ tối đa"),
    "fund": ("Quỹ thi đua, khen thưởng", "Tiền thưởng, sổ quỹ, quyết toán"),
    "commendations": ("Khen thưởng", "Đợt khen thưởng, hồ sơ đề nghị, chuyển cấp, phiên họp Hội đồng và bỏ phiếu kín"),
    "statistics": ("Thống kê", "Thống kê khen thưởng và sổ quyết định khen thưởng"),
}
TAGS["calendar"] = ("Lịch làm việc", "Ngày làm việc, ngày lễ, Tết, nghỉ bù, làm bù")
TAGS["me"] = ("Việc của tôi", "Hạn xử lý và thông báo của người gọi")

RESPONSES = {
    "200": "Thành công", "201": "Đã tạo", "204": "Đã xóa, không có nội dung trả về",
    "400": "Yêu cầu không hợp lệ (ví dụ nội dung không phải JSON)", "401": "Chưa xác thực (thiếu hoặc sai mã API)",
    "403": "Không có quyền", "404": "Không tìm thấy hoặc nằm ngoài phạm vi được xem",
    "409": "Xung đột với dữ liệu đã có", "413": "Nội dung gửi lên quá lớn",
    "415": "Kiểu nội dung không được hỗ trợ (hãy gửi application/json)",
    "422": "Dữ liệu không hợp lệ: thông báo theo từng trường", "429": "Quá nhiều yêu cầu",
    "500": "Lỗi hệ thống",
}


def vietnamese(schema: dict) -> dict:
    """The schema with Vietnamese summaries, descriptions, tags and response descriptions."""
    used_tags = []
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            summary, description = OPERATIONS.get(operation["operationId"], (None, None))
            if summary:
                operation["summary"] = summary
                if description:
                    operation["description"] = description
                else:
                    operation.pop("description", None)
            tags = [TAGS.get(tag, (tag, ""))[0] for tag in operation.get("tags", [])]
            if tags:
                operation["tags"] = tags
                used_tags += [tag for tag in tags if tag not in used_tags]
            for status, response in operation.get("responses", {}).items():
                if str(status) in RESPONSES and isinstance(response, dict):
                    response["description"] = RESPONSES[str(status)]
    by_name = {name: description for name, description in TAGS.values()}
    schema["tags"] = [{"name": tag, "description": by_name.get(tag, "")} for tag in used_tags]
    return schema
