"""The instance usage audit log: which compute hosts ran nova's periodic usage audit."""

from __future__ import annotations

from novaclient_lite import validators
from novaclient_lite.base import Manager, Resource, quote

_URL = "/os-instance_usage_audit_log"


class InstanceUsageAuditLog(Resource):
    """``{"hosts_not_run": [...], "log": {...}, "num_hosts": ..., "period_beginning": ...}``."""

    repr_keys = ("period_beginning", "period_ending")


class InstanceUsageAuditLogManager(Manager[InstanceUsageAuditLog]):
    """``/os-instance_usage_audit_log[/{before}]``."""

    resource_class = InstanceUsageAuditLog

    def get(self, before: str | None = None) -> InstanceUsageAuditLog:
        """The audit of the last completed period, or of the period before ``before`` (admin).

        Args:
            before: a time such as ``2015-08-27 09:49:58`` (or with ``.NNNNNN``);
                the audit period that ended before it is reported.

        Raises:
            ValidationError: an empty ``before`` (nothing is sent).
            BadRequest: a ``before`` Nova cannot parse.  Forbidden: not an admin.
        """
        if before is None:
            return self._get(_URL, "instance_usage_audit_logs")
        stamp = validators.name(before, "before")
        return self._get(f"{_URL}/{quote(stamp)}", "instance_usage_audit_log")


__all__ = ["InstanceUsageAuditLog", "InstanceUsageAuditLogManager"]
