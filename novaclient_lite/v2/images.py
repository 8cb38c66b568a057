"""Images through the Image API (Glance v2): ``cs.glance``.

python-novaclient's ``GlanceManager``: name-to-ID lookups and the image record,
from the catalog's ``image`` service (see :mod:`novaclient_lite.services`), not
from the compute image proxy (``/images``, gone after 2.35).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, ClassVar

from novaclient_lite import exceptions, validators
from novaclient_lite.base import Manager, Resource, ResourceList, getid, quote
from novaclient_lite.find import looks_like_uuid, one_named
from novaclient_lite.v2 import _server_wait

IMAGES = "/v2/images"
#: The hint of the error raised when the catalog has no image service.
MISSING = "pass an image ID or --os-image-url"
#: Statuses an image never leaves on its way to ``active``: a wait for it ends there.
FAILED = frozenset({"killed", "deleted"})


class Image(Resource):
    """A Glance v2 image (its custom properties are top-level keys too)."""

    repr_keys: ClassVar[tuple[str, ...]] = ("name", "status")
    HUMAN_ID = True

    #: id: the image's UUID.
    #: name: may be None or shared by several images.
    #: status: queued, saving, uploading, importing, active, killed, deleted, deactivated.
    #: size, min_disk (GiB), min_ram (MiB), visibility, owner, created_at, updated_at.


class GlanceManager(Manager[Image]):
    """Images of the Image API (python-novaclient's ``cs.glance``)."""

    resource_class = Image

    @property
    def endpoint(self) -> str:
        """The Image API endpoint (explicit or the catalog's); read it to fail early.

        Raises:
            EndpointNotFound: no image service in the catalog (nothing is sent).
        """
        return self.api.endpoint

    def find_image(self, name_or_id: str) -> Image:
        """One image by ID or exact name.

        A UUID is taken as the ID without a request (Nova checks it when it
        uses it), so the result holds only ``id``; call :meth:`get` for the
        record.  A name costs one ``GET /v2/images?name=<name>``.

        Raises:
            ValidationError: a blank or over-long value (nothing sent).
            ResourceNotFound: no image has that name.
            NoUniqueMatch: several images have that name.
            EndpointNotFound: a name, and no image service in the catalog.
        """
        validators.name(name_or_id, "image")
        if looks_like_uuid(name_or_id):
            return self._wrap({"id": name_or_id})
        found = self._many(self._get_raw(IMAGES, params={"name": name_or_id}), "images")
        return one_named(found, name_or_id, kind="image", plural="images")

    def find_images(self, names_or_ids: Iterable[str]) -> ResourceList[Image]:
        """Several images by ID or exact name, in two requests (python-novaclient's).

        ``GET /v2/images?id=in:a,b`` then ``GET /v2/images?name=in:a,b``.

        Returns:
            The images found (with the request ids of both answers).

        Raises:
            ValidationError: a blank or over-long value (nothing sent).
            ResourceNotFound: "Unable to find image(s): x,y" for the ones missing.
            EndpointNotFound: no image service in the catalog.
        """
        wanted = [validators.name(value, "image") for value in names_or_ids]
        joined = ",".join(wanted)
        found: ResourceList[Image] = ResourceList()
        for key in ("id", "name"):
            page = self._many(self._get_raw(IMAGES, params={key: f"in:{joined}"}), "images")
            found.extend(i for i in page if i.get("id") in wanted or i.get("name") in wanted)
            found.request_ids += page.request_ids
        missed = set(wanted) - {i.get("name") for i in found} - {i.get("id") for i in found}
        if missed:
            raise exceptions.ResourceNotFound(
                f"Unable to find image(s): {','.join(sorted(missed))}"
            )
        return found

    def get(self, image: Image | str) -> Image:
        """The image record (``GET /v2/images/{id}``).

        Raises:
            NotFound: no such image (or it is not visible to the project).
            EndpointNotFound: no image service in the catalog.
        """
        response = self._get_raw(f"{IMAGES}/{quote(getid(image))}")
        # NOTE: Glance sends the image itself, under no key.
        return self._wrap(response.body, response.request_ids)

    def iter(
        self,
        *,
        name: str | None = None,
        page_size: int | None = None,
        filters: Mapping[str, Any] | None = None,
    ) -> Iterator[Image]:
        """Images page by page, following Glance's ``next`` links (lazy).

        Args:
            name: only images of exactly this name.
            page_size: ask for pages of this size (Glance caps it, 1000 by default).
            filters: more of Glance's query filters (``status``, ``visibility``, ...).

        Raises:
            ValidationError: a page_size that is not a positive integer.
            InvalidResponse: a malformed page or a paging loop.
            EndpointNotFound: no image service in the catalog.
        """
        query: dict[str, Any] = {k: v for k, v in (filters or {}).items() if v is not None}
        if name is not None:
            query["name"] = name
        if page_size is not None:
            query["limit"] = validators.positive_int(page_size, "page_size")
        url: str | None = IMAGES
        params: dict[str, Any] | None = query
        links: set[str] = set()
        seen: set[Any] = set()
        while url is not None:
            response = self._get_raw(url, params=params)
            items = self._items(response, "images")
            new = 0
            for info in items:
                image = self._wrap(info, response.request_ids)
                if image.id in seen:
                    continue
                seen.add(image.id)
                new += 1
                yield image
            url, params = _next(response.body), None
            if url is None or not items:
                return
            if url in links or not new:
                raise exceptions.InvalidResponse(
                    f"The image service repeats itself while paging ({url}); stopping.",
                    url=response.url,
                    method="GET",
                    request_id=response.request_id,
                )
            links.add(url)

    def list(
        self,
        *,
        name: str | None = None,
        page_size: int | None = None,
        filters: Mapping[str, Any] | None = None,
    ) -> ResourceList[Image]:
        """Every image (all pages); the arguments are those of :meth:`iter`.

        Raises:
            ValidationError: a page_size that is not a positive integer.
            InvalidResponse: a malformed page or a paging loop.
            EndpointNotFound: no image service in the catalog.
        """
        result: ResourceList[Image] = ResourceList()
        for image in self.iter(name=name, page_size=page_size, filters=filters):
            result.append(image)
            ids = image.request_ids
            if ids and ids[0] not in result.request_ids:
                result.request_ids.append(ids[0])
        return result

    def find_image_with(self, properties: Mapping[str, str]) -> Image:
        """The one image whose properties have all these values (``boot --image-with``).

        Glance filters by the properties server-side (all pages are read); the
        values are compared again here, as strings.

        Raises:
            ValidationError: no properties (nothing sent).
            ResourceNotFound: no image has them.
            NoUniqueMatch: several images have them.
            EndpointNotFound: no image service in the catalog.
        """
        if not properties:
            raise validators.fail("image properties", "at least one key=value pair", properties)
        wanted = ", ".join(f"{k}={v}" for k, v in properties.items())
        matches = [
            i
            for i in self.iter(filters=properties)
            if all(str(i.get(k)) == str(v) for k, v in properties.items())
        ]
        if not matches:
            raise exceptions.ResourceNotFound(f"No image has the properties {wanted}.")
        if len(matches) > 1:
            raise exceptions.NoUniqueMatch(
                f"Multiple images have the properties {wanted}; use an image ID."
            )
        return matches[0]

    def wait(
        self,
        image: Image | str,
        status: str = "active",
        *,
        timeout: float = 600.0,
        poll_interval: float = 2.0,
        on_poll: Callable[[Image], None] | None = None,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] | None = None,
    ) -> Image:
        """Poll ``GET /v2/images/{id}`` until the image has ``status`` (a snapshot is usable).

        The same loop as :meth:`ServerManager.wait` (0.5 s first, doubling up to
        ``poll_interval``); ``sleep``/``clock`` replace ``time.sleep``/``time.monotonic``.

        Raises:
            ResourceInErrorState: the image went to ``killed`` or ``deleted``.
            NotFound: the image disappeared.
            WaitTimeout: ``timeout`` passed first.
            EndpointNotFound: no image service in the catalog.
        """
        image_id = str(getid(image))

        def fetch() -> Image:
            try:
                return self.get(image_id)
            except exceptions.NotFound:
                raise exceptions.NotFound(
                    f"Image {image_id} disappeared while waiting for it to become {status}.",
                    code=404,
                ) from None

        def done(current: Image) -> bool:
            state = current.get("status")
            if state in FAILED:
                raise exceptions.ResourceInErrorState(
                    f"Image {image_id} went to status {state} (its upload failed or it was "
                    f"deleted) while waiting for it to become {status}."
                )
            return bool(state == status)

        return _server_wait.poll(
            fetch,
            done=done,
            describe=lambda i: f"status {i.get('status') or '?'}",
            what=f"image {image_id}",
            goal=f"become {status}",
            timeout=timeout,
            poll_interval=poll_interval,
            on_poll=on_poll,
            sleep=sleep,
            clock=clock,
        )


def _next(body: Any) -> str | None:
    """Glance's ``next``: a path from the service root (``/v2/images?marker=...``)."""
    link = body.get("next") if isinstance(body, Mapping) else None
    return link if isinstance(link, str) and link else None
