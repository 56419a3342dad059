from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "frontdoor.plans"
    verbose_name = "Children in need plans"

    def ready(self) -> None:
        # A date of death recorded after this app's plans must not contradict them (issue 18).
        from frontdoor.people.checks import death_check_register
        from frontdoor.plans.services import death_problem

        death_check_register("plans", death_problem)
