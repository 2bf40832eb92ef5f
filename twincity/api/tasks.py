"""The worker's part of the webhooks: one attempt of one delivery (webhooks.attempt)."""

from django_tasks import task

from . import webhooks


@task()
def deliver_webhook(delivery_id: int) -> None:
    # Given the id only: the row says whether it is still due when the task runs.
    webhooks.attempt(delivery_id)
