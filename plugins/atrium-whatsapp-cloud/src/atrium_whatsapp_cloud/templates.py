"""Message templates: listing the approved ones, their variables, a preview, and send parameters.

A variable is named ``<component>.<placeholder>``: ``header.1`` or
``body.first_name`` for ``{{1}}``/``{{first_name}}`` in a text header or
the body, ``button.<index>.1`` for the suffix of a URL button, and
``header.image``/``header.video``/``header.document`` for a media header
(its value is a public link or an uploaded media id). The same names fill
``content.variables`` when a template is sent.
"""

from __future__ import annotations

import re
from typing import Any

from atrium.plugins import SendError, Template
from atrium_whatsapp_cloud import graph

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")
VARIABLE = re.compile(r"^(header|body)\.([A-Za-z0-9_]+)$|^button\.([0-9]+)\.([A-Za-z0-9_]+)$")
MEDIA_HEADERS = ("image", "video", "document")
FIELDS = "name,language,category,status,components,parameter_format"
PAGE_SIZE = 100
MAX_PAGES = 50


def fetch_approved(waba_id: str, token: str) -> list[Template]:
    """Every APPROVED template of WhatsApp Business Account ``waba_id``, following the pages."""
    templates: list[Template] = []
    params: dict[str, Any] = {"fields": FIELDS, "limit": PAGE_SIZE}
    for _ in range(MAX_PAGES):
        page = graph.get_json(f"{waba_id}/message_templates", token, params)
        for item in page.get("data") or []:
            if isinstance(item, dict) and item.get("status") == "APPROVED" and isinstance(item.get("name"), str):
                templates.append(to_template(item))
        paging = page.get("paging") if isinstance(page.get("paging"), dict) else {}
        cursors = paging.get("cursors") if isinstance(paging.get("cursors"), dict) else {}
        if not paging.get("next") or not cursors.get("after"):
            break
        params = {**params, "after": cursors["after"]}
    return templates


def to_template(item: dict[str, Any]) -> Template:
    """A Graph template object as a ``Template`` with its variables."""
    components = [c for c in item.get("components") or [] if isinstance(c, dict)]
    return Template(
        name=item["name"],
        language=str(item.get("language") or ""),
        category=str(item.get("category") or ""),
        status=str(item.get("status") or ""),
        components=components,
        variables=variables(components),
    )


def variables(components: list[dict[str, Any]]) -> list[str]:
    """The variable names of a template's components, in the order they appear."""
    found: list[str] = []
    for component in components:
        kind = str(component.get("type") or "").upper()
        if kind == "HEADER" and str(component.get("format") or "").upper() in ("IMAGE", "VIDEO", "DOCUMENT"):
            found.append(f"header.{str(component['format']).lower()}")
        elif kind in ("HEADER", "BODY"):
            found += [f"{kind.lower()}.{name}" for name in _placeholders(component.get("text"))]
        elif kind == "BUTTONS":
            for index, button in enumerate(component.get("buttons") or []):
                if isinstance(button, dict) and str(button.get("type") or "").upper() == "URL":
                    found += [f"button.{index}.{name}" for name in _placeholders(button.get("url"))]
    return list(dict.fromkeys(found))


def preview(template: Template, values: dict[str, str] | None = None) -> str:
    """The template's text as the contact will read it: variables filled from ``values``, else from
    Meta's examples, else left as ``{{name}}``; buttons shown as ``[label]``."""
    values = values or {}
    parts: list[str] = []
    for component in template.components:
        kind = str(component.get("type") or "").upper()
        if kind in ("HEADER", "BODY", "FOOTER") and isinstance(component.get("text"), str):
            examples = _examples(component)
            section = kind.lower()

            def fill(match: re.Match, section: str = section, examples: dict[str, str] = examples) -> str:
                name = match.group(1)
                return str(values.get(f"{section}.{name}") or examples.get(name) or match.group(0))

            parts.append(PLACEHOLDER.sub(fill, component["text"]))
        elif kind == "BUTTONS":
            labels = [
                f"[{b.get('text')}]" for b in component.get("buttons") or [] if isinstance(b, dict) and b.get("text")
            ]
            if labels:
                parts.append(" ".join(labels))
    return "\n\n".join(parts)


def template_components(values: dict[str, Any]) -> list[dict[str, Any]]:
    """Graph's ``components`` for sending a template with ``values`` keyed by variable name."""
    header: list[dict[str, Any]] = []
    body: list[tuple[str, dict[str, Any]]] = []
    buttons: dict[int, list[dict[str, Any]]] = {}
    for name, value in values.items():
        match = VARIABLE.match(str(name))
        if match is None:
            raise SendError(f"'{name}' is not a template variable", code="invalid_message")
        section, placeholder, button_index, button_placeholder = match.groups()
        if section == "header" and placeholder in MEDIA_HEADERS:
            header.append(_media_parameter(placeholder, str(value)))
        elif section == "header":
            header.append(_text_parameter(placeholder, value))
        elif section == "body":
            body.append((placeholder, _text_parameter(placeholder, value)))
        else:
            buttons.setdefault(int(button_index), []).append(_text_parameter(button_placeholder, value, named=False))
    components: list[dict[str, Any]] = []
    if header:
        components.append({"type": "header", "parameters": header})
    if body:
        if all(p.isdigit() for p, _ in body):
            body.sort(key=lambda item: int(item[0]))
        components.append({"type": "body", "parameters": [parameter for _, parameter in body]})
    for index in sorted(buttons):
        components.append({"type": "button", "sub_type": "url", "index": str(index), "parameters": buttons[index]})
    return components


def _placeholders(text: Any) -> list[str]:
    return PLACEHOLDER.findall(text) if isinstance(text, str) else []


def _examples(component: dict[str, Any]) -> dict[str, str]:
    """Meta's example value of each placeholder of a component (positional or named)."""
    example = component.get("example") if isinstance(component.get("example"), dict) else {}
    found: dict[str, str] = {}
    for key in ("header_text", "body_text"):
        rows = example.get(key)
        row = rows[0] if isinstance(rows, list) and rows and isinstance(rows[0], list) else rows
        if isinstance(row, list):
            found.update({str(i): str(v) for i, v in enumerate(row, start=1)})
    for key in ("header_text_named_params", "body_text_named_params"):
        for param in example.get(key) or []:
            if isinstance(param, dict) and param.get("param_name"):
                found[str(param["param_name"])] = str(param.get("example") or "")
    return found


def _text_parameter(placeholder: str, value: Any, named: bool = True) -> dict[str, Any]:
    parameter: dict[str, Any] = {"type": "text", "text": str(value)}
    if named and not placeholder.isdigit():
        parameter["parameter_name"] = placeholder
    return parameter


def _media_parameter(kind: str, value: str) -> dict[str, Any]:
    source = {"link": value} if value.startswith(("https://", "http://")) else {"id": value}
    return {"type": kind, kind: source}
