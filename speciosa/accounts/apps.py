from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "speciosa.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"
    nav_items: list[tuple[str, str, str]] = [
        ("all", "Two-factor", "accounts:two_factor"),
        ("patient", "Your data", "accounts:privacy"),
    ]

    def ready(self) -> None:
        from django.core import checks

        from speciosa.accounts import twofactor  # noqa: F401  (connects the sign-in receiver)
        from speciosa.lib.home_check import owner_only_files

        checks.register(owner_only_files, checks.Tags.security)
