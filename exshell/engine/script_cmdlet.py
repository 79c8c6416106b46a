"""Advanced functions ([CmdletBinding()]): their common parameters become the function's
preference variables (-Verbose sets $VerbosePreference, -WhatIf $WhatIfPreference...), and
$PSCmdlet offers ShouldProcess, ShouldContinue and the Write* methods through the same Runtime
the compiled cmdlets use, so -WhatIf and -Confirm read the same."""

from __future__ import annotations

from typing import Any

from cmdlets.api.errors import ErrorRecord
from exshell.engine import conversion as conv
from exshell.engine.dotnet_values import MISSING
from exshell.engine.errors import PSRuntimeError

# common parameter -> (preference variable, value when the switch/parameter is given)
_PREFERENCES = {
    "verbose": ("VerbosePreference", lambda v: "Continue" if conv.to_bool(v) else "SilentlyContinue"),
    "debug": ("DebugPreference", lambda v: "Continue" if conv.to_bool(v) else "SilentlyContinue"),
    "erroraction": ("ErrorActionPreference", conv.to_string),
    "warningaction": ("WarningPreference", conv.to_string),
    "informationaction": ("InformationPreference", conv.to_string),
    "whatif": ("WhatIfPreference", conv.to_bool),
    "confirm": ("ConfirmPreference", lambda v: "Low" if conv.to_bool(v) else "None"),
}
COMMON = frozenset(_PREFERENCES) | {"errorvariable", "warningvariable", "outvariable", "outbuffer",
                                    "pipelinevariable", "informationvariable"}


def apply_common(scope: Any, name: str, value: Any) -> None:
    """A common parameter of an advanced function sets its preference in the function's scope."""
    entry = _PREFERENCES.get(name.lower())
    if entry is not None:
        variable, convert = entry
        scope.set_local(variable, convert(value))


class _CommandStub:
    """What the Runtime reads of a command class: its name and ConfirmImpact."""

    def __init__(self, name: str, confirm_impact: str):
        self.name = name
        self.confirm_impact = confirm_impact


class ScriptCmdlet:
    """$PSCmdlet inside an advanced function."""

    ps_type_name = "System.Management.Automation.PSScriptCmdlet"

    def __init__(self, stage: Any, confirm_impact: str, parameter_set: str):
        from exshell.engine.runtime import CmdletRuntime
        stage.cls = _CommandStub(stage.fn.name, confirm_impact)
        self.stage = stage
        self.runtime = CmdletRuntime(stage.child, stage)
        self.parameter_set = parameter_set

    def __str__(self) -> str:
        return self.stage.fn.name

    def ps_get(self, name: str) -> Any:
        low = name.lower()
        if low == "parametersetname":
            return self.parameter_set
        if low == "myinvocation":
            return self.stage.scope.get("MyInvocation")
        if low == "sessionstate":
            return None
        return MISSING

    def ps_invoke(self, name: str, args: list[Any]) -> Any:
        low = name.lower()
        rt = self.runtime
        if low == "shouldprocess" and 1 <= len(args) <= 2:
            target = conv.to_string(args[0])
            return rt.should_process(target, conv.to_string(args[1]) if len(args) == 2 else None)
        if low == "shouldcontinue" and len(args) >= 2:
            return rt.should_continue(conv.to_string(args[0]), conv.to_string(args[1]))
        if low == "writeverbose" and len(args) == 1:
            return rt.write_verbose(conv.to_string(args[0]))
        if low == "writewarning" and len(args) == 1:
            return rt.write_warning(conv.to_string(args[0]))
        if low == "writedebug" and len(args) == 1:
            return rt.write_debug(conv.to_string(args[0]))
        if low == "writeobject" and 1 <= len(args) <= 2:
            return rt.write_object(args[0], bool(args[1]) if len(args) == 2 else False)
        if low == "writeerror" and len(args) == 1:
            return rt.write_error(_record(args[0], self.stage.fn.name))
        if low == "throwterminatingerror" and len(args) == 1:
            record = _record(args[0], self.stage.fn.name)
            raise PSRuntimeError(record.message, record=record)
        return MISSING


def _record(value: Any, command: str) -> ErrorRecord:
    if isinstance(value, ErrorRecord):
        return value
    return ErrorRecord(message=conv.to_string(value), activity=command, command_type=command)
