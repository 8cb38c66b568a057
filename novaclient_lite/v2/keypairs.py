"""Key pairs: SSH (or x509) public keys that Nova injects into servers."""

from __future__ import annotations

import builtins
import re
from collections.abc import Iterator, Mapping
from typing import Any

from novaclient_lite import exceptions, validators
from novaclient_lite.api_versions import V2_2, V2_10, V2_35, V2_92
from novaclient_lite.base import RequestIds, Resource, getid, quote
from novaclient_lite.find import ManagerWithFind
from novaclient_lite.resource_methods import attach

#: Nova's key pair name patterns (schemas/keypairs.py); 2.92 adds '@' and '.'.
_NAME = re.compile(r"^[_\- a-zA-Z0-9]+$")
_NAME_V292 = re.compile(r"^[_\-@. a-zA-Z0-9]+$")


class Keypair(Resource):
    """A key pair; its id is its name.  ``private_key`` is present only after generation."""

    repr_keys = ("type",)

    @property
    def id(self) -> Any:
        return self._info.get("name")


class KeypairManager(ManagerWithFind[Keypair]):
    """``/os-keypairs``: a user's key pairs (admins may name another ``user_id``)."""

    resource_class = Keypair

    def _wrap(self, info: Any, request_ids: builtins.list[str] | None = None) -> Keypair:
        # NOTE: list items are {"keypair": {...}}, unlike every other list in Nova.
        if isinstance(info, Mapping) and set(info) == {"keypair"}:
            info = info["keypair"]
        return Keypair(self, info, request_ids=request_ids)

    def _user_query(self, user_id: str | None) -> dict[str, str]:
        if user_id is None:
            return {}
        self._require("user_id", since=V2_10)
        return {"user_id": user_id}

    def list(
        self, user_id: str | None = None, marker: str | None = None, limit: int | None = None
    ) -> builtins.list[Keypair]:
        """List key pairs: every page, or at most ``limit``.

        Args:
            user_id: another user's key pairs (admin, 2.10+).
            marker: the name of the last key pair already seen (2.35+).
            limit: stop after this many (2.35+).

        Returns:
            The key pairs (without private keys).

        Raises:
            UnsupportedAttribute: user_id before 2.10, limit/marker before 2.35.
        """
        params = self._list_params(user_id, limit, marker)
        return self._list("/os-keypairs", "keypairs", params=params, limit=limit)

    def iter(
        self, user_id: str | None = None, marker: str | None = None, limit: int | None = None
    ) -> Iterator[Keypair]:
        """Like :meth:`list`, but lazily: each page is fetched when it is reached.

        Args:
            user_id, marker, limit: as for :meth:`list`.

        Returns:
            An iterator of key pairs.

        Raises:
            UnsupportedAttribute: as for :meth:`list` (at the call, nothing is sent).
        """
        params = self._list_params(user_id, limit, marker)
        return self._iter("/os-keypairs", "keypairs", params=params, limit=limit)

    def _list_params(
        self, user_id: str | None, limit: int | None, marker: str | None
    ) -> dict[str, Any]:
        params: dict[str, Any] = self._user_query(user_id)
        for label, value in (("limit", limit), ("marker", marker)):
            if value is not None:
                self._require(label, since=V2_35)
        if marker is not None:
            params["marker"] = marker
        return params

    def get(self, keypair: str | Keypair, user_id: str | None = None) -> Keypair:
        """Get one key pair.

        Args:
            keypair: the key pair or its name.
            user_id: another user's key pair (admin, 2.10+).

        Returns:
            The key pair.

        Raises:
            NotFound: no such key pair.  UnsupportedAttribute: user_id before 2.10.
        """
        return self._get(
            f"/os-keypairs/{quote(getid(keypair))}",
            "keypair",
            params=self._user_query(user_id) or None,
        )

    def create(
        self,
        name: str,
        public_key: str | None = None,
        key_type: str = "ssh",
        user_id: str | None = None,
    ) -> Keypair:
        """Import a public key, or (before 2.92) let Nova generate a key pair.

        Args:
            name: the key pair's name (1 to 255 characters).
            public_key: the public key text; required from 2.92, where Nova
                stopped generating keys.
            key_type: "ssh" or "x509" (sent from 2.2, as python-novaclient does;
                "x509" needs 2.2).
            user_id: create it for another user (admin, 2.10+).

        Returns:
            The key pair; ``private_key`` holds the generated private key
            (shown once: save it).

        Raises:
            ValidationError: bad name or key type, or no public key at 2.92+.
            UnsupportedAttribute: key_type before 2.2, user_id before 2.10.
            Conflict: a key pair with that name exists.  BadRequest: a bad key.
        """
        validators.name(name, "Key pair name")
        version = self.api_version
        allowed = _NAME_V292 if version >= V2_92 else _NAME
        if not allowed.match(name):
            raise validators.fail(
                "Key pair name",
                "made of letters, digits, spaces and "
                + (
                    "'_', '-', '@', '.'" if version >= V2_92 else "'_', '-' ('@' and '.' from 2.92)"
                ),
                name,
            )
        if key_type not in ("ssh", "x509"):
            raise validators.fail("key_type", "'ssh' or 'x509'", key_type)
        body: dict[str, Any] = {"name": name}
        if public_key is not None:
            body["public_key"] = public_key
        elif version >= V2_92:
            raise exceptions.ValidationError(
                "Nova stopped generating key pairs at compute API 2.92: pass a public key "
                "(e.g. ~/.ssh/id_ed25519.pub), or use microversion 2.91 or older."
            )
        if key_type != "ssh" or version >= V2_2:
            self._require("key_type", since=V2_2)
            body["type"] = key_type
        if user_id is not None:
            self._require("user_id", since=V2_10)
            body["user_id"] = user_id
        return self._create("/os-keypairs", {"keypair": body}, "keypair")

    def delete(self, key: str | Keypair, user_id: str | None = None) -> RequestIds:
        """Delete a key pair.

        Args:
            key: the key pair or its name.
            user_id: another user's key pair (admin, 2.10+).

        Returns:
            The request ids.

        Raises:
            NotFound: no such key pair.  UnsupportedAttribute: user_id before 2.10.
        """
        return RequestIds(
            self._delete(
                f"/os-keypairs/{quote(getid(key))}", params=self._user_query(user_id) or None
            ).request_ids
        )


#: python-novaclient's Keypair methods: each calls the manager's method of that name
#: with the keypair first.
attach(Keypair, ("delete",))


__all__ = ["Keypair", "KeypairManager"]
