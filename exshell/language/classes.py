"""PowerShell 5 type definitions (``class``, ``enum``) and ``using`` statements.

A class body holds properties (``[type] $Name = value``) and methods or constructors
(``[type] Name(params) { ... }``, ``Name(params) : base(args) { ... }``), each optionally
preceded by attributes and the ``static`` / ``hidden`` modifiers; an enum body holds names with
optional ``= value``.  Members end at a newline or ';'.
"""

from __future__ import annotations


from . import ast as A
from .elements import Many, Node, Opt, Stop, Terminal, extent
from .expressions import closer, lit
from .tokens import KW_END, NLS, SEPS, TYPE_NAME, WS

_NAME = r"[A-Za-z_]\w*"


def _type_constraint(s, m):
    return A.TypeConstraintAst(m.group("t"), extent=extent(s, m.start("b"), m.end()))


def build_classes(g) -> None:
    """``g.type_definition`` (attributes, then class/enum) and ``g.using_statement``."""
    seps = Terminal(SEPS, "separators")
    nls = Terminal(NLS, "newlines")
    type_name = Terminal(f"{WS}(?P<b>)(?P<t>{TYPE_NAME})", "type name", _type_constraint)
    comma = lit(",", ",", True)
    modifier = Terminal(f"{WS}(?i:(?P<m>static|hidden)){KW_END}{NLS}", "modifier",
                        lambda s, m: m.group("m").lower())
    prefix = Many((g.attribute | g.type_constraint | modifier) + nls)

    # class members
    prop_name = Terminal(f"{WS}\\$(?P<n>{_NAME})", "property name",
                         lambda s, m: ("$", m.group("n")))
    initial = Opt(lit("=(?!=)", "=", True) + Stop(g.expression, "ExpectedValueExpression", ("=",)),
                  None)
    prop = prop_name + initial
    method_name = Terminal(f"{WS}(?P<n>{_NAME})(?={WS}\\()", "method name",
                           lambda s, m: ("(", m.group("n")))
    params = (lit(r"\(", "(", True) + g.parameter_list
              + Stop(closer(r"\)", ")"), "MissingEndParenthesisInFunctionParameterList"))
    args = Opt(g.expression_nc + Many(comma + g.expression_nc))
    base_call = Opt(Node(lit(":", ":", True)
                         + Stop(Terminal(f"{WS}(?i:base){NLS}\\(", "base"), "MissingBaseCtorCall")
                         + Terminal(NLS, "") + args + closer(r"\)", ")"),
                         "base constructor call", lambda t, e: ("base", tuple(t))))
    body = Stop(g.function_body, "MissingFunctionBody")
    method = method_name + params + base_call + body
    more = Terminal(f"(?={NLS}[^\\s}}])", "member start")
    member = Node(more + prefix + Stop(prop | method, "IncompleteMemberDefinition"),
                  "class member", lambda t, e: _member(t, e))

    # enum members
    enum_name = Terminal(f"{WS}(?P<n>{_NAME})", "enum member", lambda s, m: ("$", m.group("n")))
    enum_member = Node(Many(g.attribute + nls) + enum_name + initial, "enum member",
                       lambda t, e: _member(t, e))

    def body_of(kind: str, item):
        return Stop(Node(Terminal(f"{NLS}\\{{", "{") + seps + Many(item + seps)
                         + Stop(closer(r"\}", "}"), "MissingEndCurlyBrace"),
                         f"{kind} body", lambda t, e: tuple(t)),
                    "MissingTypeBody", (kind,))

    bases = Opt(lit(":", ":", True) + type_name + Many(comma + type_name))
    name = Terminal(f"{WS}(?P<n>{_NAME})", "type name", lambda s, m: m.group("n"))
    class_def = (Terminal(f"{WS}(?i:class){KW_END}", "class", lambda s, m: "Class")
                 + Stop(name, "MissingNameAfterKeyword", ("class",)) + bases
                 + body_of("class", member))
    enum_def = (Terminal(f"{WS}(?i:enum){KW_END}", "enum", lambda s, m: "Enum")
                + Stop(name, "MissingNameAfterKeyword", ("enum",)) + bases
                + body_of("enum", enum_member))
    g.type_definition = Node(Many(g.attribute + nls) + (class_def | enum_def), "type definition",
                             _type_definition)

    kind = Terminal(f"{WS}(?i:(?P<k>namespace|module|assembly)){KW_END}", "using kind",
                    lambda s, m: m.group("k").capitalize())
    item = Terminal(f"{WS}(?P<n>[^\\s;|&{{}}()]+)", "using name", lambda s, m: m.group("n"))
    g.using_statement = Node(
        Terminal(f"{WS}(?i:using){KW_END}", "using")
        + Stop(kind, "MissingUsingStatementDirective")
        + Stop(g.string | item, "MissingUsingItemName"),
        "using statement", lambda t, e: A.UsingStatementAst(
            t[0], t[1] if isinstance(t[1], str) else t[1].value, extent=e))


def _member(t, e):
    attributes = tuple(x for x in t if isinstance(x, A.AttributeAst))
    types = [x for x in t if isinstance(x, A.TypeConstraintAst)]
    modifiers = frozenset(x for x in t if isinstance(x, str))
    kind, name = next(x for x in t if isinstance(x, tuple) and len(x) == 2 and x[0] in "$(")
    rtype = types[-1] if types else None
    if kind == "$":
        value = t[-1]  # the initial value, or None
        return A.PropertyMemberAst(name, rtype, attributes, modifiers, value, extent=e)
    params = tuple(x for x in t if isinstance(x, A.ParameterAst))
    base = next((x[1] for x in t if isinstance(x, tuple) and x and x[0] == "base"), None)
    body = t[-1]
    return A.FunctionMemberAst(name, params, body, rtype, attributes, modifiers,
                               is_constructor=base is not None, base_arguments=base or (),
                               extent=e)


def _type_definition(t, e):
    attributes = tuple(x for x in t if isinstance(x, A.AttributeAst))
    rest = [x for x in t if not isinstance(x, A.AttributeAst)]
    kind, name, *more = rest
    bases = tuple(x for x in more if isinstance(x, A.TypeConstraintAst))
    members = tuple(
        A.evolve(m, is_constructor=True)
        if isinstance(m, A.FunctionMemberAst) and m.name.lower() == name.lower() else m
        for m in more[-1])
    return A.TypeDefinitionAst(name, bases, members, kind, attributes, extent=e)
