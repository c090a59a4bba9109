"""The one base class for refusals readers see, so the API maps a single type."""


class ParleyError(Exception):
    """
    A request refused with a sentence per field for the reader.

    `status` is the HTTP status the API answers with; pages show the sentences.
    `code` names the kind of refusal for clients that act on it (say, the widget
    offering a second look), `headers` go on the response (Retry-After), and
    `extra` adds fields to the JSON body (a contact address).
    """

    def __init__(
        self,
        errors: dict[str, str],
        status: int = 400,
        *,
        code: str = "",
        headers: dict[str, str] | None = None,
        extra: dict[str, str] | None = None,
    ):
        super().__init__(errors)
        self.errors = {field: str(message) for field, message in errors.items()}
        self.status = status
        self.code = code
        self.headers = headers or {}
        self.extra = extra or {}

    @classmethod
    def single(cls, field: str, message: str, status: int = 400, **kwargs):
        return cls({field: message}, status=status, **kwargs)

    @property
    def message(self) -> str:
        """The first sentence, for places that show only one."""
        return next(iter(self.errors.values()), "")

    def as_json(self) -> dict:
        body: dict = {"errors": self.errors}
        if self.code:
            body["code"] = self.code
        body.update(self.extra)
        return body
