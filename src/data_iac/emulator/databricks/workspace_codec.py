"""How workspace imports are read and exports are written: JSON and multipart request
bodies, format/language rules that decide notebook versus file, and the notebook header the
platform adds to a SOURCE export."""

from __future__ import annotations

import json
import re
from email.parser import BytesParser
from email.policy import default as default_policy
from typing import Any

from data_iac.emulator.databricks.common import api_error
from data_iac.emulator.http import Request

__all__ = ["export_content", "import_form", "notebook_kind", "source_header"]

_COMMENT = {"PYTHON": "#", "SQL": "--", "SCALA": "//", "R": "#"}
_EXTENSION = {"PYTHON": "py", "SQL": "sql", "SCALA": "scala", "R": "r"}
_LANGUAGE_BY_EXTENSION = {f".{ext}": lang for lang, ext in _EXTENSION.items()}
_HEADER = re.compile(rb"^(#|--|//) Databricks notebook source\r?\n?")
_NOTEBOOK_FORMATS = ("SOURCE", "JUPYTER", "DBC", "HTML", "R_MARKDOWN")


def source_header(language: str) -> bytes:
    """The first line of a notebook's SOURCE export, e.g. ``# Databricks notebook source``."""
    return f"{_COMMENT.get(language, '#')} Databricks notebook source\n".encode()


def import_form(request: Request) -> dict[str, Any]:
    """The import fields, from a JSON body or a multipart form (``content`` then as bytes)."""
    content_type = request.header("Content-Type") or ""
    if not content_type.startswith("multipart/form-data"):
        body = request.json()
        if not isinstance(body, dict):
            raise api_error(400, "MALFORMED_REQUEST", "Request body must be a JSON object")
        return body
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = BytesParser(policy=default_policy).parsebytes(head + request.body)
    form: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if not isinstance(name, str) or not isinstance(payload, bytes):
            continue
        form[name] = payload if name == "content" else payload.decode()
    return form


def notebook_kind(path: str, form: dict[str, Any], raw: bytes) -> tuple[str, str | None, str]:
    """(object_type, language, final path) for an import.

    RAW makes a file; SOURCE needs a language and makes a notebook; AUTO makes a notebook
    only when the content starts with the notebook header, taking the language from the
    extension and dropping it from the path.
    """
    fmt = str(form.get("format") or "SOURCE").upper()
    language = str(form["language"]).upper() if form.get("language") else None
    if fmt == "RAW":
        return "FILE", None, path
    if fmt == "AUTO":
        stem, dot, ext = path.rpartition(".")
        detected = _LANGUAGE_BY_EXTENSION.get(f".{ext.lower()}") if dot else None
        if detected and _HEADER.match(raw):
            return "NOTEBOOK", detected, stem
        return "FILE", None, path
    if fmt not in _NOTEBOOK_FORMATS:
        raise api_error(400, "INVALID_PARAMETER_VALUE", f"Invalid import format: {fmt}")
    if fmt == "SOURCE" and language is None:
        raise api_error(
            400, "INVALID_PARAMETER_VALUE", "The language is required for format SOURCE."
        )
    if language is not None and language not in _COMMENT:
        raise api_error(400, "INVALID_PARAMETER_VALUE", f"Invalid language: {language}")
    return "NOTEBOOK", language or "PYTHON", path


def export_content(doc: dict[str, Any], fmt: str) -> tuple[bytes, str]:
    """The bytes and ``file_type`` of an export in ``fmt``."""
    import base64

    if doc["object_type"] == "DIRECTORY":
        raise api_error(
            400, "INVALID_PARAMETER_VALUE", f"Cannot export directory ({doc['path']}) as {fmt}."
        )
    raw = base64.b64decode(doc.get("content", ""))
    if doc["object_type"] != "NOTEBOOK":
        return raw, doc["path"].rpartition(".")[2] if "." in doc["path"] else ""
    language = doc.get("language", "PYTHON")
    if fmt == "JUPYTER":
        cell = {"cell_type": "code", "source": raw.decode(errors="replace"), "metadata": {}}
        return json.dumps({"cells": [cell], "nbformat": 4}).encode(), "ipynb"
    body = _HEADER.sub(b"", raw, count=1)
    return source_header(language) + body, _EXTENSION.get(language, "py")
