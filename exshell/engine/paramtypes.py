"""Argument conversion for parameter binding: one converter per declared (catalog) type.

A failure becomes the binding error PowerShell gives: `CannotConvertArgumentNoMessage` for .NET
types, `ParameterArgumentTransformationError` for Exchange types, and
`ParameterArgumentValidationError` for ValidateSet/ValidateRange failures.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cmdlets.api.identity import Identity
from cmdlets.api.parameters import ParameterDecl
from cmdlets.api.values import PSObject
from exshell.engine import conversion as conv
from exshell.engine import messages
from exshell.engine.binder import BindingError
from exshell.engine.errors import PSRuntimeError

_STRINGISH = {"String", "Fqdn", "UncFileSharePath", "NonRootLocalLongFullPath", "LocalLongFullPath",
              "FileShareWitnessServerName", "SmtpDomain", "SmtpAddress", "EdbFilePath", "WindowsLiveId",
              "ProxyAddress", "Version"}
_INTS = {"Int32": "System.Int32", "UInt32": "System.UInt32", "UInt16": "System.UInt16", "Int64": "System.Int64",
         "Int16": "System.Int16", "Byte": "System.Byte"}
_ENUM_NAMESPACE = "Microsoft.Exchange.Data."


def convert_argument(decl: ParameterDecl, value: Any, ev: Any, *, mandatory_checks: bool = True) -> Any:
    """``value`` converted for ``decl``; ``mandatory_checks`` False for Exchange's catalog cmdlets,
    which validate their own arguments."""
    t = decl.type or "Object"
    if mandatory_checks:
        _refuse_empty_for_mandatory(decl, t, value, ev.ctx.profile.ps_major if ev is not None else 5)
    try:
        converted = _convert(t, decl, value, ev)
    except BindingError:
        raise
    except PSRuntimeError as err:
        detail = err.message
        if t.endswith("IdParameter") or t in ("EnhancedTimeSpan", "ByteQuantifiedSize", "Unlimited"):
            raise BindingError("ParameterArgumentTransformationError",
                               messages.text("ParameterArgumentTransformationError", name=decl.name, detail=detail),
                               category="InvalidData", target=decl.name,
                               exception="System.Management.Automation.ParameterBindingArgumentTransformationException"
                               ) from None
        raise BindingError("CannotConvertArgumentNoMessage",
                           messages.text("CannotConvertArgumentNoMessage", name=decl.name, detail=detail),
                           target=decl.name) from None
    _validate(decl, converted)
    return converted


def _refuse_empty_for_mandatory(decl: ParameterDecl, t: str, value: Any, ps_major: int = 5) -> None:
    """A parameter mandatory in some set takes no $null (unless AllowNull) and, for a string, no
    empty string (unless AllowEmptyString; from 3.0 $null becomes one on the way, 2.0 calls it
    null: `IEX (...).DownloadFile(...)` says "because it is null")."""
    if decl.allow_null or t == "SwitchParameter" or not any(m.mandatory for m in decl.sets.values()):
        return
    if t.endswith("IdParameter"):
        return                       # Exchange's own validation of identities speaks first
    if t == "String" and (value == "" or (value is None and ps_major >= 3)) and not decl.allow_empty_string:
        key = "EmptyStringNotAllowed"
    elif value is None:
        key = "NullNotAllowed"
    else:
        return
    raise BindingError("ParameterArgumentValidationError" + key, messages.text("Bind" + key, name=decl.name),
                       category="InvalidData",
                       exception="System.Management.Automation.ParameterBindingValidationException")


def _convert(t: str, decl: ParameterDecl, value: Any, ev: Any) -> Any:
    if t == "SwitchParameter":
        return conv.to_bool(value)
    if t.endswith("[]") or t == "MultiValuedProperty":
        elem = t[:-2] if t.endswith("[]") else "Object"
        values = conv.to_array(value)
        return [_convert(elem, decl, v, ev) for v in values]
    if decl.values:
        return _enum(decl, value)
    if t in _STRINGISH:
        if isinstance(value, list) and t != "String":
            value = value[0] if len(value) == 1 else value
        return conv.to_string(value) if value is not None else None
    if t in _INTS:
        return conv.to_int(value, _INTS[t])
    if t == "Boolean":
        return _bool(decl, value)
    if t in ("EnhancedTimeSpan", "TimeSpan"):
        return conv.to_timespan(value)
    if t == "DateTime":
        return conv.to_datetime(value)
    if t in ("Double", "Single"):
        return float(conv.to_number(value))
    if t == "Char":
        from exshell.engine.dotnet import convert_to_type
        if isinstance(value, list) and len(value) == 1:
            value = value[0]
        if isinstance(value, (bool, dict)) or isinstance(value, list):
            raise PSRuntimeError(messages.text("InvalidCast", value=conv.to_string(value),
                                               source=conv.type_name_of(value), type="System.Char"))
        return str(convert_to_type(value, "System.Char", ev))
    if t == "IPAddress":
        return conv.to_ipv4(value)
    if t.endswith("IdParameter") or t == "DatabaseAvailabilityGroupSubnetId":
        if isinstance(value, list) and len(value) == 1:
            value = value[0]
        if value is None:
            raise BindingError("ParameterArgumentValidationErrorNullNotAllowed",
                               messages.text("ParameterArgumentValidationErrorNullNotAllowed", name=decl.name),
                               category="InvalidData")
        return Identity(value, t)
    if t == "ScriptBlock":
        from exshell.engine.context import ScriptBlock
        if isinstance(value, ScriptBlock):
            return value
        raise PSRuntimeError(messages.text("InvalidCast", value=conv.to_string(value),
                                           source=conv.type_name_of(value),
                                           type="System.Management.Automation.ScriptBlock"))
    if t == "Hashtable":
        if isinstance(value, dict):
            return value
        raise PSRuntimeError(messages.text("InvalidCast", value=conv.to_string(value),
                                           source=conv.type_name_of(value), type="System.Collections.Hashtable"))
    return value


def _bool(decl: ParameterDecl, value: Any) -> bool:
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    raise BindingError(
        "CannotConvertArgumentNoMessage",
        messages.text("CannotConvertArgumentNoMessage", name=decl.name,
                      detail=f'Cannot convert value "{conv.type_name_of(value)}" to type "System.Boolean". '
                             "Boolean parameters accept only Boolean values and numbers, such as $True, $False, "
                             "1 or 0."), target=decl.name)


def _enum(decl: ParameterDecl, value: Any) -> Any:
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    text = conv.to_string(value).strip()
    for v in decl.values:
        if v.lower() == text.lower():
            return v
    if decl.type in ("String", "Object", "ActionPreference") or not decl.type:
        if decl.type == "ActionPreference":
            raise BindingError("CannotConvertArgumentNoMessage", messages.text(
                "CannotConvertArgumentNoMessage", name=decl.name,
                detail=f'Cannot convert value "{text}" to type "System.Management.Automation.ActionPreference". '
                       f'Error: "{messages.text("EnumConversion", value=text, names=", ".join(decl.values))}"'),
                target=decl.name)
        raise BindingError("ParameterArgumentValidationError", messages.text(
            "ParameterArgumentValidationError", name=decl.name,
            detail=messages.text("ValidateSetFailure", value=text, set=",".join(decl.values))),
            category="InvalidData", exception="System.Management.Automation.ParameterBindingValidationException")
    type_full = decl.type if "." in decl.type else _ENUM_NAMESPACE + decl.type
    raise BindingError("CannotConvertArgumentNoMessage", messages.text(
        "CannotConvertArgumentNoMessage", name=decl.name,
        detail=f'Cannot convert value "{text}" to type "{type_full}". Error: '
               f'"{messages.text("EnumConversion", value=text, names=", ".join(decl.values))}"'), target=decl.name)


def _validation_error(decl: ParameterDecl, detail: str) -> BindingError:
    return BindingError("ParameterArgumentValidationError",
                        messages.text("ParameterArgumentValidationError", name=decl.name, detail=detail),
                        category="InvalidData",
                        exception="System.Management.Automation.ParameterBindingValidationException")


def _validate(decl: ParameterDecl, value: Any) -> None:
    if decl.validate_not_null_or_empty and (value is None or value == "" or value == []):
        raise _validation_error(decl, messages.text("ValidateNotNullOrEmptyFailure"))
    if decl.validate_pattern is not None:
        from exshell.engine.operators import dotnet_regex
        for v in (value if isinstance(value, list) else [value]):
            if not dotnet_regex(decl.validate_pattern).search(conv.to_string(v)):
                raise _validation_error(decl, messages.text("ValidatePatternFailure", value=conv.to_string(v),
                                                            pattern=decl.validate_pattern))
    if decl.validate_range is not None and value is not None:
        lo, hi = decl.validate_range
        from exshell.engine.operators import compare
        for v in (value if isinstance(value, list) else [value]):
            if lo is not None and compare(v, lo) < 0:
                detail = messages.text("ValidateRangeTooSmall", value=conv.to_string(v), min=conv.to_string(lo))
            elif hi is not None and compare(v, hi) > 0:
                detail = messages.text("ValidateRangeTooBig", value=conv.to_string(v), max=conv.to_string(hi))
            else:
                continue
            raise BindingError("ParameterArgumentValidationError",
                               messages.text("ParameterArgumentValidationError", name=decl.name, detail=detail),
                               category="InvalidData",
                               exception="System.Management.Automation.ParameterBindingValidationException")


def value_for_property_binding(obj: Any, decl: ParameterDecl) -> Any:
    """ByPropertyName: the pipeline object's property named like the parameter or an alias."""
    from exshell.engine.members import get_property, has_property
    for name in (decl.name, *decl.aliases):
        if has_property(obj, name):
            return get_property(obj, name)
    return _NO


_NO = object()
NOT_FOUND = _NO

__all__ = ["convert_argument", "value_for_property_binding", "NOT_FOUND", "PSObject", "dt"]


# Which Exchange objects an identity parameter takes from the pipeline: an IdParameter is built
# from a string or from an object of its own kind, so a piped database binds -Database and not
# -Server or a mailbox -Identity (`Get-MailboxDatabase | Get-MailboxStatistics`).
_ID_KINDS = {
    "DatabaseIdParameter": ("MailboxDatabase", "Database", "PublicFolderDatabase"),
    "MailboxDatabaseIdParameter": ("MailboxDatabase", "Database"),
    "ServerIdParameter": ("ExchangeServer", "MailboxServer", "Server", "ClientAccessServer"),
    "MailboxServerIdParameter": ("ExchangeServer", "MailboxServer", "Server"),
    "DatabaseAvailabilityGroupIdParameter": ("DatabaseAvailabilityGroup",),
    "DatabaseAvailabilityGroupNetworkIdParameter": ("DatabaseAvailabilityGroupNetwork",),
    "DatabaseCopyIdParameter": ("DatabaseCopyStatusEntry", "DatabaseCopy", "MailboxDatabase", "Database"),
    "GeneralMailboxOrMailUserIdParameter": ("Mailbox", "MailUser", "MailboxStatistics"),
    "GeneralMailboxIdParameter": ("Mailbox",),
    "MailboxIdParameter": ("Mailbox",),
}


def piped_object_fits(decl: ParameterDecl, item: Any) -> bool:
    """Whether a piped object may bind by value to ``decl``: an Exchange object only to an
    identity parameter of its own kind; anything else as the conversion decides."""
    kinds = _ID_KINDS.get(decl.type or "")
    if kinds is None or not isinstance(item, PSObject):
        return True
    names = [t[len("Deserialized."):] if t.startswith("Deserialized.") else t for t in item.type_names]
    if not any(t.startswith("Microsoft.Exchange.") for t in names):
        return True
    return any(t.rsplit(".", 1)[-1] in kinds for t in names)
