"""A compact, always-current description of the Lesson IR for prompts.

The full JSON schema is about 48 kB; models need the field names, types and defaults, which
this derives from the pydantic models themselves so the prompt never drifts from the IR.
"""

from __future__ import annotations

import types
import typing
from functools import cache

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from code2video import ir


def _type_name(annotation: object) -> str:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if annotation == ir.Color:
        return "Color"
    if origin is typing.Literal:
        return "|".join(repr(a) for a in args)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_name(a) for a in args if a is not type(None)) + (" or null" if type(None) in args else "")
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is tuple:
        return "[" + ", ".join(_type_name(a) for a in args) + "]"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "{" + ", ".join(_fields(annotation, skip=())) + "}"
    return getattr(annotation, "__name__", str(annotation))


def _fields(model: type[BaseModel], skip: tuple[str, ...]) -> list[str]:
    described = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        text = f"{name}: {_type_name(info.annotation)}"
        if info.default is not PydanticUndefined and info.default not in (None, [], ()):
            text += f" = {info.default!r}"
        elif info.is_required():
            text += " (required)"
        if info.description:
            text += f"  # {info.description}"
        described.append(text)
    return described


@cache
def visual_vocabulary() -> str:
    """One block per visual kind: its own fields (the shared ones are listed once, first)."""
    shared = _fields(ir._Visual, skip=())
    colors = "|".join(typing.get_args(ir.Color))
    lines = [f"Color is one of {colors}.", "Every visual has: " + "; ".join(shared), ""]
    for model in typing.get_args(typing.get_args(ir.Visual)[0]):
        kind = model.model_fields["kind"].default
        own = _fields(model, skip=(*ir._Visual.model_fields, "kind"))
        lines.append(f"- kind {kind!r}: " + "; ".join(own))
    return "\n".join(lines)


@cache
def beat_fields() -> str:
    return "\n".join(f"- {line}" for line in _fields(ir.Beat, skip=("visuals",)))
