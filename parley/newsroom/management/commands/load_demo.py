import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from parley.newsroom.demo import load_demo_content

DEMO_EDITOR = "editor"


class Command(BaseCommand):
    help = "Load the demo newsroom (once) and make sure a demo editor account exists."

    def handle(self, *args, **options):
        made = load_demo_content()
        if made:
            self.stdout.write(
                f"Demo content: {made['articles']} articles,"
                f" {made['comments']} comments."
            )
        else:
            self.stdout.write("Demo content is already loaded.")
        password_file = settings.VAR_DIR / "demo_editor_password"
        if not password_file.exists():
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(secrets.token_urlsafe(12))
            password_file.chmod(0o600)
        password = password_file.read_text().strip()
        user_model = get_user_model()
        editor = user_model.objects.filter(username=DEMO_EDITOR).first() or user_model(
            username=DEMO_EDITOR, first_name="Demo", last_name="Editor"
        )
        editor.is_staff = editor.is_superuser = True
        editor.set_password(password)
        editor.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin login (/admin/): user '{DEMO_EDITOR}'  password '{password}'"
            )
        )
