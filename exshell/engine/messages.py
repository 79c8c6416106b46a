"""The wording of language and binding errors, keyed by PowerShell's error ids (its resource
strings, English). One table, so a correction is one line."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "CommandNotFoundException": (
        "The term '{name}' is not recognized as the name of a cmdlet, function, script file, or operable "
        "program. Check the spelling of the name, or if a path was included, verify that the path is correct "
        "and try again."),
    "NamedParameterNotFound": "A parameter cannot be found that matches parameter name '{name}'.",
    "AmbiguousParameter": ("Parameter cannot be processed because the parameter name '{name}' is ambiguous. "
                           "Possible matches include: {matches}."),
    "ParameterAlreadyBound": (
        "Cannot bind parameter because parameter '{name}' is specified more than once. To provide multiple "
        "values to parameters that can accept multiple values, use the array syntax. For example, "
        "\"-parameter value1,value2,value3\"."),
    "PositionalParameterNotFound": "A positional parameter cannot be found that accepts argument '{arg}'.",
    "MissingArgument": "Missing an argument for parameter '{name}'. Specify a parameter of type '{type}' and try again.",
    "MissingMandatoryParameter": "Cannot process command because of one or more missing mandatory parameters: {names}.",
    "AmbiguousParameterSet": "Parameter set cannot be resolved using the specified named parameters.",
    "ScriptBlockArgumentNoInput": (
        "Cannot evaluate parameter '{name}' because its argument is specified as a script block and there is no "
        "input. A script block cannot be evaluated without input."),
    "InputObjectNotBound": (
        "The input object cannot be bound to any parameters for the command either because the command does "
        "not take pipeline input or the input and its properties do not match any of the parameters that take "
        "pipeline input."),
    "CannotConvertArgumentNoMessage": "Cannot bind parameter '{name}'. {detail}",
    "ParameterArgumentTransformationError": "Cannot process argument transformation on parameter '{name}'. {detail}",
    "ParameterArgumentValidationError": "Cannot validate argument on parameter '{name}'. {detail}",
    "ParameterArgumentValidationErrorNullNotAllowed": (
        "Cannot validate argument on parameter '{name}'. The argument is null or empty. Provide an argument "
        "that is not null or empty, and then try the command again."),
    "BindNullNotAllowed": "Cannot bind argument to parameter '{name}' because it is null.",
    "BindEmptyStringNotAllowed": "Cannot bind argument to parameter '{name}' because it is an empty string.",
    "ValidateSetFailure": (
        "The argument \"{value}\" does not belong to the set \"{set}\" specified by the ValidateSet attribute. "
        "Supply an argument that is in the set and then try the command again."),
    "ValidateRangeTooSmall": (
        "The {value} argument is less than the minimum allowed range of {min}. Supply an argument that is "
        "greater than or equal to {min} and then try the command again."),
    "ValidateRangeTooBig": (
        "The {value} argument is greater than the maximum allowed range of {max}. Supply an argument that is "
        "less than or equal to {max} and then try the command again."),
    "ValidateNotNullOrEmptyFailure": (
        "The argument is null or empty. Provide an argument that is not null or empty, and then try the command "
        "again."),
    "ValidatePatternFailure": (
        "The argument \"{value}\" does not match the \"{pattern}\" pattern. Supply an argument that matches "
        "\"{pattern}\" and try the command again."),
    "EnumConversion": (
        "Unable to match the identifier name {value} to a valid enumerator name. Specify one of the following "
        "enumerator names and try again:\r\n{names}"),
    "InvalidCast": 'Cannot convert value "{value}" of type "{source}" to type "{type}".',
    "InvalidCastParse": 'Cannot convert value "{value}" to type "{type}". Error: "{detail}"',
    "InvalidCastFromStringToNumber": 'Cannot convert value "{value}" to type "{type}". Error: "Input string was not in a correct format."',
    "InvokeMethodOnNull": "You cannot call a method on a null-valued expression.",
    "MethodNotFound": "Method invocation failed because [{type}] does not contain a method named '{name}'.",
    "MethodCountCouldNotFindBest": 'Cannot find an overload for "{name}" and the argument count: "{count}".',
    "NullArray": "Cannot index into a null array.",
    "IndexOutOfRange": "Index was outside the bounds of the array.",
    "PropertyNotFound": "The property '{name}' cannot be found on this object. Verify that the property exists and can be set.",
    "PropertyAssignmentException": "'{name}' is a ReadOnly property.",
    "RuntimeException": "{message}",
    "DivideByZero": "Attempted to divide by zero.",
    "TypeNotFound": "Unable to find type [{name}].",
    "TypeNotFound2": "Unable to find type [{name}]: make sure that the assembly containing this type is loaded.",
    "NotAvailable": "The {kind} '{name}' is not available in exshell: it would reach outside the emulated lab.",
    "CallDepthOverflow": "The script failed due to call depth overflow.",
    "PipelineStopped": "The pipeline has been stopped.",
    "PipelineStopped": "The pipeline has been stopped.",
    "Timeout": "The operation was stopped because it ran longer than the allowed {seconds} seconds.",
    "NonInteractive": "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.",
    "OperatorFailed": "{message}",
    "BadOperatorArgument": "The '{op}' operator failed: {detail}",
    "OpNotDefined": 'Method invocation failed because [{type}] does not contain a method named \'{op}\'.',
    "VariableNotWritable": "Cannot overwrite variable {name} because it is read-only or constant.",
    "ArgumentNull": "Cannot bind argument to parameter '{name}' because it is null.",
    "ArgumentEmptyString": "Cannot bind argument to parameter '{name}' because it is an empty string.",
    "ScriptTooLarge": "The operation would allocate more than {limit} items; exshell refuses it to protect the session.",
    "InternalError": "An internal error occurred in exshell while running '{command}': {detail}. The command was not completed.",
    "CommandNotFoundExchangeVersion": "{message}",
}


def text(error_id: str, **fields: object) -> str:
    return MESSAGES[error_id].format(**fields)
