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
    "thidua_api_statistics_award_statistics": (
        "Thống kê khen thưởng", "Số lượt danh hiệu, hình thức khen thưởng trong phạm vi của người gọi theo năm, "
        "theo cấp quyết định, theo hình thức và theo đơn vị trực thuộc (`unit`: mã đơn vị, gồm cấp dưới; "
        "`year_from`, `year_to`: mặc định 5 năm gần nhất)."),
    "thidua_api_statistics_decision_register": (
        "Sổ quyết định khen thưởng", "Các quyết định (số, ngày, cấp quyết định) mà các khen thưởng trong phạm vi "
        "đã ghi theo, mới nhất trước, với số cá nhân và tập thể; tối đa 500 quyết định."),
}
for _kind, _name in HISTORY_KINDS.items():
    OPERATIONS[f"person_history_add_{_kind}"] = (f"Thêm {_name} cho cá nhân", "")
    OPERATIONS[f"unit_history_add_{_kind}"] = (f"Thêm {_name} cho tập thể", "")
    OPERATIONS[f"history_update_{_kind}"] = (f"Sửa {_name}", "Sửa một bản ghi đã có; phải ghi lý do (`reason`).")
    OPERATIONS[f"history_delete_{_kind}"] = (f"Xóa {_name}", "Xóa một bản ghi; phải ghi lý do (`reason`).")

TAGS = {
    "units": ("Đơn vị", "Cây đơn vị, hợp nhất, chia tách, giải thể, khóa xếp loại theo năm"),
    "clusters": ("Khối thi đua", "Khối, cụm thi đua và thành viên theo năm"),
    "party-orgs": ("Tổ chức đảng", "Đảng bộ, chi bộ"),
    "people": ("Cá nhân", "Cán bộ, công chức, viên chức, người lao động; quá trình công tác, thời gian nghỉ"),
    "history": ("Lịch sử thi đua", "Xếp loại, danh hiệu, khen thưởng, sáng kiến, kỷ luật, số liệu tập thể"),
    "audit": ("Nhật ký", "Ai đã thay đổi gì, khi nào"),
    "eligibility": ("Xét danh hiệu", "Xét điều kiện danh hiệu, hình thức khen thưởng và tỷ lệ tối đa"),
    "statistics": ("Thống kê", "Thống kê khen thưởng và sổ quyết định khen thưởng"),
}

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
