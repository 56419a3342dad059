class StaleEdit(Exception):
    """Someone else saved this record after you opened it; your save was refused, nothing was lost."""

    def __init__(self, message: str = "", *, changes: dict | list | None = None) -> None:
        super().__init__(
            message
            or "Someone else changed this record after you opened it. Your changes were not saved: "
            "check what changed, then make your change again."
        )
        self.changes = changes or {}
