from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "frontdoor.tasks"
    verbose_name = "Tasks: every action with an owner and a due date"
