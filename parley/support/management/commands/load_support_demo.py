from django.core.management.base import BaseCommand

from parley.support.demo import load_support_demo


class Command(BaseCommand):
    help = "Give the demo site this month's reader-support campaign and donations."

    def handle(self, *args, **options):
        recorded = load_support_demo()
        if recorded:
            self.stdout.write(f"Demo campaign: {recorded} donations in the ledger.")
        else:
            self.stdout.write("This month's demo campaign is already there.")
