"""The groups that work investment cases, with their rights: officers work their offices'
cases and move projects into negotiation; managers also sign, start construction and
production, close projects and hand cases over. Whom an administrator puts in which group
decides who may do what; the offices a person belongs to decide which cases they see."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICERS = "Investment officers"
MANAGERS = "Investment managers"
ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin")
OFFICER_RIGHTS = [
    "work_cases",
    "move_to_negotiation",
    "hand_over_case",
    "view_project",
    "change_project",
]
MANAGER_RIGHTS = OFFICER_RIGHTS + [
    "move_to_signed",
    "move_to_construction",
    "move_to_production",
    "close_project",
]


def create_groups(apps, schema_editor):
    # Custom permissions are made after all migrations ran (post_migrate): make them now.
    config = apps.get_app_config("invest")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access = Permission.objects.filter(
        content_type__app_label=ACCESS_ADMIN[0],
        content_type__model=ACCESS_ADMIN[1],
        codename=ACCESS_ADMIN[2],
    )
    for name, rights in ((OFFICERS, OFFICER_RIGHTS), (MANAGERS, MANAGER_RIGHTS)):
        group, _created = Group.objects.get_or_create(name=name)
        invest = Permission.objects.filter(
            content_type__app_label="invest", content_type__model="project", codename__in=rights
        )
        group.permissions.add(*invest, *access)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[OFFICERS, MANAGERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("invest", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
