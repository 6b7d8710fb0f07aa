"""The commendation workflows, declared as data (see thidua.common.workflow): the round, the
proposal as it travels up the levels, and the council session with its secret ballot."""
from thidua.common.roles import Role
from thidua.common.workflow import Transition, Workflow

PROPOSE = "proposal.create"
OFFICERS = frozenset({Role.ADMIN, Role.EMULATION_OFFICER})

ROUND = Workflow(
    name="round",
    label="Đợt khen thưởng",
    states={"draft": "Đang soạn", "open": "Đang nhận hồ sơ", "closed": "Đã kết thúc nhận hồ sơ"},
    initial="draft",
    transitions=(
        Transition("publish", sources=("draft",), target="open", permission="round.manage", label="Mở nhận hồ sơ"),
        Transition("close", sources=("open",), target="closed", permission="round.manage", label="Kết thúc nhận hồ sơ"),
        Transition("reopen", sources=("closed",), target="open", permission="round.manage", label="Mở lại",
                   reason_required=True),
    ),
    # lower units propose only while the round is open
    phases={"draft": {PROPOSE: frozenset()}, "open": {PROPOSE: OFFICERS}, "closed": {PROPOSE: frozenset()}},
)

PROPOSAL = Workflow(
    name="proposal",
    label="Hồ sơ đề nghị khen thưởng",
    states={
        "submitted": "Đã gửi, chờ tiếp nhận",
        "received": "Đã tiếp nhận",
        "returned": "Trả lại đơn vị",
        "withdrawn": "Đơn vị đã rút",
        "appraised": "Đã thẩm định",
        "posted": "Đang lấy ý kiến công khai",
        "on_agenda": "Đưa ra Hội đồng",
        "passed": "Hội đồng đã thông qua",
        "failed": "Hội đồng không thông qua",
        "forwarded": "Đã trình cấp có thẩm quyền",
        "decided": "Đã có quyết định khen thưởng",
    },
    initial="submitted",
    transitions=(
        Transition("receive", ("submitted",), "received", "proposal.route", "Tiếp nhận"),
        Transition("return", ("submitted", "received", "appraised"), "returned", "proposal.route", "Trả lại",
                   reason_required=True),
        Transition("resubmit", ("returned",), "submitted", "proposal.own", "Gửi lại"),
        Transition("withdraw", ("submitted", "received", "returned"), "withdrawn", "proposal.own", "Rút hồ sơ",
                   reason_required=True),
        Transition("appraise", ("received",), "appraised", "proposal.route", "Thẩm định đạt"),
        Transition("post", ("appraised",), "posted", "proposal.route", "Đăng công khai"),
        Transition("schedule", ("appraised", "posted"), "on_agenda", "proposal.route", "Đưa ra Hội đồng"),
        Transition("pass", ("on_agenda",), "passed", "session.manage", "Thông qua"),
        Transition("fail", ("on_agenda",), "failed", "session.manage", "Không thông qua"),
        Transition("forward", ("passed",), "forwarded", "proposal.route", "Trình cấp trên"),
        Transition("decide", ("passed",), "decided", "decision.manage", "Quyết định khen thưởng"),
    ),
)
# transitions a page offers as buttons (the others happen through postings and sessions)
PROPOSAL_BUTTONS = ("receive", "appraise", "return", "resubmit", "withdraw", "forward")

SESSION = Workflow(
    name="session",
    label="Phiên họp Hội đồng",
    states={"preparing": "Đang chuẩn bị", "voting": "Đang bỏ phiếu", "closed": "Đã kết thúc bỏ phiếu"},
    initial="preparing",
    transitions=(
        Transition("open_vote", ("preparing",), "voting", "session.manage", "Mở bỏ phiếu"),
        Transition("close_vote", ("voting",), "closed", "session.manage", "Kết thúc bỏ phiếu"),
    ),
)

RETURN_REASONS = {
    "wrong_subject": "Sai đối tượng",
    "criteria_unmet": "Chưa đủ tiêu chuẩn",
    "dossier_incomplete": "Hồ sơ chưa đầy đủ",
    "wrong_route": "Gửi sai cấp",
    "violation": "Có vi phạm pháp luật",
    "hold": "Đang bị xem xét kỷ luật, thanh tra, khiếu nại",
}

SIMPLIFIED_GROUNDS = {
    "political": "Phục vụ nhiệm vụ chính trị, kịp thời động viên",
    "sudden": "Thành tích đột xuất, dũng cảm cứu người, cứu tài sản; giải thưởng quốc tế",
    "head_found": "Thành tích do người đứng đầu phát hiện",
    "service": "Khen thưởng cống hiến, niên hạn, đối ngoại",
    "secret": "Thành tích thuộc bí mật nhà nước",
}
SIMPLIFIED_SOURCE = "Luật Thi đua, khen thưởng 2022, Điều 85; Nghị định 98/2023/NĐ-CP, Điều 40, khoản 1"

DECISION = Workflow(
    name="decision",
    label="Quyết định khen thưởng",
    states={"draft": "Dự thảo", "signed": "Đã ký, ban hành", "revoked": "Đã bị hủy bỏ"},
    initial="draft",
    transitions=(
        Transition("sign", ("draft",), "signed", "decision.manage", "Ký và cấp số"),
        Transition("revoke", ("signed",), "revoked", "decision.manage", "Hủy bỏ", reason_required=True),
    ),
)

# Luật Thi đua, khen thưởng 2022, Điều 93 khoản 2: the grounds a decision is cancelled on
REVOKE_GROUNDS = {
    "fraud": "Gian dối trong việc kê khai thành tích",
    "forged": "Cung cấp thông tin sai sự thật hoặc làm giả hồ sơ",
    "unlawful": "Thẩm định, xét duyệt, đề nghị khen thưởng trái pháp luật",
    "violation": "Có kết luận, quyết định, bản án xác định vi phạm làm không còn đủ tiêu chuẩn",
}
REVOKE_SOURCE = "Luật Thi đua, khen thưởng 2022, Điều 93 khoản 2"
