"""One way to declare a workflow: its states, its transitions and its phases, as data.

A workflow is declared once, in the app that owns the object (e.g. `records.workflows.GRADE_YEAR`):

- `states`: code → Vietnamese label; `initial` is the state of an object never moved.
- `transitions`: name, the states it leaves from, the state it goes to, the permission that guards it
  (a name declared with `common.permissions.permission`) and whether a reason is required.
- `phases`: for each state, what each role may do to the things the workflow governs while the
  object is in that state (pretalx's review phases are the model: "in the locked phase nobody
  may change a grade"). `phase_allows(workflow, action, state_of)` turns that table into a
  predicate that the app's permissions combine with role and scope.

Each transition is carried out by one service function of the owning app, which calls
`check_transition` (is the move declared, does the actor hold the permission, is the reason
given), then writes and audits in one transaction."""
from dataclasses import dataclass, field

import rules

from thidua.common.errors import ValidationError
from thidua.common.permissions import require

MSG_NOT_FROM_STATE = "Không thể {action} khi đang ở trạng thái “{state}”."
MSG_REASON_REQUIRED = "Cần ghi lý do để {action}."


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    permission: str
    label: str                      # Vietnamese verb shown on the button: "Khóa", "Mở lại"
    reason_required: bool = False


@dataclass(frozen=True)
class Workflow:
    name: str
    label: str
    states: dict[str, str]
    initial: str
    transitions: tuple[Transition, ...]
    # state -> action -> roles that may do the action while the object is in that state
    phases: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)

    def __post_init__(self):
        assert self.initial in self.states, self.initial
        for t in self.transitions:
            assert t.target in self.states and all(s in self.states for s in t.sources), t.name
        for state in self.phases:
            assert state in self.states, state

    def transition(self, name: str) -> Transition:
        for t in self.transitions:
            if t.name == name:
                return t
        raise KeyError(f"{self.name}: no transition {name!r}")

    def available(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources]

    def roles_for(self, state: str, action: str) -> frozenset[str]:
        return self.phases.get(state, {}).get(action, frozenset())


def check_transition(workflow: Workflow, name: str, *, scope, obj, state: str, reason: str = "") -> Transition:
    """Refuse a transition that is not declared from `state`, not permitted, or lacks its reason."""
    transition = workflow.transition(name)
    require(scope, transition.permission, obj)
    if state not in transition.sources:
        raise ValidationError(MSG_NOT_FROM_STATE.format(action=transition.label.lower(),
                                                        state=workflow.states[state]))
    if transition.reason_required and not (reason or "").strip():
        raise ValidationError({"reason": MSG_REASON_REQUIRED.format(action=transition.label.lower())})
    return transition


def phase_allows(workflow: Workflow, action: str, state_of):
    """A predicate: the roles the phase table grants `action` in the object's current state
    include one of the scope's roles. `state_of(obj)` reads the state (one small query)."""

    @rules.predicate(name=f"phase_allows({workflow.name}.{action})")
    def check(scope, obj) -> bool:
        roles = workflow.roles_for(state_of(obj), action)
        return bool(roles & set(scope.roles)) or (scope.is_admin and "admin" in roles)

    return check
