"""An error the API answers in its one error shape (schemas.Error), with a translated detail."""


class ApiError(Exception):
    def __init__(self, status: int, detail: str, field: str | None = None, errors=None):
        super().__init__(detail)
        self.status = status
        self.detail = str(detail)
        self.errors = (
            errors
            if errors is not None
            else ([{"field": field, "message": str(detail)}] if field else None)
        )
