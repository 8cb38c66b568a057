"""Host aggregates: named sets of compute hosts with metadata (placement, AZs)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from novaclient_lite import validators
from novaclient_lite.api_versions import V2_81
from novaclient_lite.base import RequestIds, Resource, ResourceList, TupleWithMeta, getid, quote
from novaclient_lite.find import ManagerWithFind, find_resource, looks_like_uuid
from novaclient_lite.resource_methods import attach


class Aggregate(Resource):
    """An aggregate: ``name``, ``availability_zone``, ``hosts``, ``metadata`` (``uuid`` 2.41+)."""

    repr_keys = ("name", "availability_zone")


class AggregateManager(ManagerWithFind[Aggregate]):
    """``/os-aggregates`` (admin only by default policy)."""

    resource_class = Aggregate

    def list(self) -> ResourceList[Aggregate]:
        """List every aggregate (Nova does not page this listing).

        Raises:
            Forbidden: without the admin role.
        """
        return self._list("/os-aggregates", "aggregates")

    def iter(self) -> Iterator[Aggregate]:
        """Like :meth:`list`, lazily: the GET is sent on the first ``next()``.

        Raises:
            Forbidden: without the admin role, while iterating.
        """
        return self._iter("/os-aggregates", "aggregates")

    def get(self, aggregate: str | int | Aggregate) -> Aggregate:
        """One aggregate by its integer id.

        Raises:
            NotFound: no such aggregate.
        """
        return self._get(f"/os-aggregates/{quote(getid(aggregate))}", "aggregate")

    def get_details(self, aggregate: str | int | Aggregate) -> Aggregate:
        """python-novaclient's alias of :meth:`get`.

        Raises:
            NotFound: no such aggregate.
        """
        return self.get(aggregate)

    def _find_name_or_id(self, name_or_id: str) -> Aggregate:
        """One aggregate by integer id, UUID (2.41+) or exact name.

        Raises:
            ResourceNotFound: none matches.  NoUniqueMatch: several have the name.
        """
        text = str(name_or_id)
        if looks_like_uuid(text):
            return find_resource(
                text,
                kind="aggregate",
                get=None,
                list_by_name=lambda _name: self.list(),
                name_attr="uuid",
            )
        # NOTE: Nova reads the path segment as an integer; a name is never sent as one.
        return find_resource(
            text,
            kind="aggregate",
            get=self.get if text.isdigit() else None,
            list_by_name=lambda _name: self.list(),
        )

    def create(self, name: str, availability_zone: str | None = None) -> Aggregate:
        """Create an aggregate, optionally exposed as an availability zone.

        Raises:
            ValidationError: a bad name or zone (nothing is sent).
            Conflict: the name is taken.
        """
        validators.name(name, "Aggregate name")
        if availability_zone is not None:
            validators.name(availability_zone, "Availability zone")
        body = {"aggregate": {"name": name, "availability_zone": availability_zone}}
        created: Aggregate = self._create("/os-aggregates", body, "aggregate")
        return created

    def update(self, aggregate: str | int | Aggregate, values: Mapping[str, Any]) -> Aggregate:
        """Change ``name`` and/or ``availability_zone`` (PUT ``/os-aggregates/{id}``).

        Raises:
            ValidationError: no values, another key, or a bad name (nothing is sent).
            NotFound: no such aggregate.  Conflict: the name is taken.
        """
        unknown = sorted(set(values) - {"name", "availability_zone"})
        if unknown or not values:
            raise validators.fail(
                "Aggregate update", "name and/or availability_zone", ", ".join(unknown) or "nothing"
            )
        for key, value in values.items():
            validators.name(value, "Aggregate name" if key == "name" else "Availability zone")
        updated: Aggregate = self._update(
            f"/os-aggregates/{quote(getid(aggregate))}", {"aggregate": dict(values)}, "aggregate"
        )
        return updated

    def delete(self, aggregate: str | int | Aggregate) -> RequestIds:
        """Delete an aggregate (it must have no hosts left).

        Returns:
            The request ids.

        Raises:
            NotFound: no such aggregate.  BadRequest: it still has hosts.
        """
        return RequestIds(self._delete(f"/os-aggregates/{quote(getid(aggregate))}").request_ids)

    def _act(self, aggregate: str | int | Aggregate, action: str, info: Any) -> Aggregate:
        response = self._action(f"/os-aggregates/{quote(getid(aggregate))}/action", action, info)
        return self._one(response, "aggregate")

    def add_host(self, aggregate: str | int | Aggregate, host: str) -> Aggregate:
        """Add a compute host; returns the aggregate with its new host list.

        Raises:
            ValidationError: a blank host (nothing is sent).  NotFound: no such
            aggregate or host.  Conflict: the host is already in it, or in
            another zone.
        """
        validators.name(host, "Host")
        return self._act(aggregate, "add_host", {"host": host})

    def remove_host(self, aggregate: str | int | Aggregate, host: str) -> Aggregate:
        """Remove a compute host; returns the aggregate.

        Raises:
            ValidationError: a blank host (nothing is sent).  NotFound: no such
            aggregate, or the host is not in it.
        """
        validators.name(host, "Host")
        return self._act(aggregate, "remove_host", {"host": host})

    def set_metadata(
        self, aggregate: str | int | Aggregate, metadata: Mapping[str, str | None]
    ) -> Aggregate:
        """Set metadata keys; a key whose value is None is removed.

        Raises:
            ValidationError: no keys, or a key of 0 or more than 255 characters
                (nothing is sent).  NotFound: no such aggregate.
        """
        if not metadata:
            raise validators.fail("Aggregate metadata", "at least one key", echo=False)
        for key, value in metadata.items():
            validators.name(key, "Metadata key")
            if value is not None:
                validators.text(value, f"Metadata value of {key!r}")
        return self._act(aggregate, "set_metadata", {"metadata": dict(metadata)})

    def cache_images(
        self, aggregate: str | int | Aggregate, images: Iterable[Any]
    ) -> TupleWithMeta:
        """Ask every host of the aggregate to pre-cache these images (2.81+).

        Args:
            images: image ids (or objects with an ``id``).

        Raises:
            UnsupportedAttribute: before 2.81.  ValidationError: no images
            (nothing is sent).  NotFound: no such aggregate.  BadRequest: an
            unknown image.
        """
        self._require("cache_images", since=V2_81)
        ids = [str(getattr(image, "id", image)) for image in images]
        if not ids:
            raise validators.fail("Images to cache", "at least one image id", echo=False)
        return self._nothing(
            self._create_raw(
                f"/os-aggregates/{quote(getid(aggregate))}/images",
                {"cache": [{"id": image_id} for image_id in ids]},
            )
        )


#: python-novaclient's Aggregate methods: each calls the manager's method of that name
#: with the aggregate first.
attach(Aggregate, ("update", "add_host", "remove_host", "set_metadata", "delete", "cache_images"))


__all__ = ["Aggregate", "AggregateManager"]
