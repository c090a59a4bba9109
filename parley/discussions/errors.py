"""The one error type discussion actions raise, with the reader-facing sentences."""

from django.utils.translation import gettext_lazy as _

EMPTY_BODY = _("Please enter your comment!")
MISSING_NAME = _("Please enter your name here")


class DiscussionError(Exception):
    """
    A request the discussion refuses, with a sentence per field for the reader.

    `status` is the HTTP status the API answers with; pages show the sentences.
    """

    def __init__(self, errors: dict[str, str], status: int = 400):
        super().__init__(errors)
        self.errors = {field: str(message) for field, message in errors.items()}
        self.status = status

    @classmethod
    def single(cls, field: str, message: str, status: int = 400) -> "DiscussionError":
        return cls({field: message}, status=status)
