from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A reader or newsroom member who signs in; guests comment without one."""

    @property
    def public_name(self) -> str:
        return self.get_full_name() or self.username
