"""
The newsroom's two staff roles, as Django groups with permissions: moderators
decide about comments and authors; admins may do anything with discussions,
moderation and the newsroom's articles.

The data migration and the tests both install them through sync_roles().
"""

MODERATORS = "Moderators"
ADMINS = "Admins"

MODERATION_MODELS = ("auditentry", "report", "ban", "authorstanding", "wordrule")

# Group -> (app label, codename) pairs; "*" stands for every codename of the app.
ROLES: dict[str, list[tuple[str, str]]] = {
    MODERATORS: [
        ("discussions", "moderate_comment"),
        *[
            ("moderation", f"{verb}_{model}")
            for model in MODERATION_MODELS
            for verb in ("view", "change")
        ],
    ],
    ADMINS: [("discussions", "*"), ("moderation", "*"), ("newsroom", "*")],
}


def sync_roles(apps=None) -> None:
    """
    Create the groups and give each exactly its role's permissions, creating
    permissions not made yet (a fresh database runs migrations before the
    post_migrate handler that usually makes them). Safe to run again.
    """
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    apps = apps or global_apps
    for label in ("discussions", "moderation", "newsroom"):
        config = apps.get_app_config(label)
        # create_permissions skips app configs without a models module, which
        # is how the migration state's app configs come.
        models_module = getattr(config, "models_module", None)
        config.models_module = models_module or True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = []
        for app_label, codename in wanted:
            found = Permission.objects.filter(content_type__app_label=app_label)
            if codename != "*":
                found = found.filter(codename=codename)
            permissions.extend(found)
        group.permissions.set(permissions)
