from django.core.management.base import BaseCommand

from parley.moderation.demo import load_moderation_demo


class Command(BaseCommand):
    help = "Give the demo's moderation desk held comments, reports and word lists."

    def handle(self, *args, **options):
        written = load_moderation_demo()
        if written:
            self.stdout.write(f"Demo moderation: {written} comments for the desk.")
        else:
            self.stdout.write("Demo moderation work is already there.")
