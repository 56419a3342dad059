from django.apps import AppConfig


class ChildProtectionConfig(AppConfig):
    name = "frontdoor.child_protection"
    verbose_name = "Strategy discussions, section 47 enquiries, conferences and protection plans"
