from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "parley.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.models import Group
        from django.contrib.auth.signals import user_login_failed
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import names, throttle
        from .models import User

        # Failed sign-ins count towards the lock (see accounts.throttle).
        user_login_failed.connect(throttle.on_sign_in_failed)

        # Staff names are cached; any change to who is staff, or to their
        # names, forgets them.
        for sender in (User, Group):
            post_save.connect(names.forget_staff_names, sender=sender)
            post_delete.connect(names.forget_staff_names, sender=sender)
        m2m_changed.connect(names.forget_staff_names, sender=User.groups.through)
