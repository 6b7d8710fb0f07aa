"""Errors raised by services. Messages are Vietnamese constants so tests can assert them."""
from django.core.exceptions import PermissionDenied, ValidationError

__all__ = ["PermissionDenied", "ValidationError", "ServiceError"]


class ServiceError(ValidationError):
    """A business rule refused the change; carries field → message like ValidationError."""


MSG_FORBIDDEN = "Bạn không có quyền thực hiện thao tác này trong phạm vi của mình."
MSG_NOT_FOUND = "Không tìm thấy hoặc nằm ngoài phạm vi của bạn."
