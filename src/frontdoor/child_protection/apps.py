from django.apps import AppConfig


class ChildProtectionConfig(AppConfig):
    name = "frontdoor.child_protection"
    verbose_name = "Strategy discussions, section 47 enquiries, conferences and protection plans"

    def ready(self) -> None:
        # A date of death recorded after this app's plans must not contradict them (issue 18).
        from frontdoor.child_protection.services.plans import death_problem
        from frontdoor.people.checks import death_check_register

        death_check_register("child_protection", death_problem)
