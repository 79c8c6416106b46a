"""Runtime throughput: a 2,000-statement script of mixed constructs (loops, functions, hashtables,
string expansion, pipelines through Where-Object/ForEach-Object/Select-Object, -f, try/catch,
switch) run through Shell.run; prints statements, parse and run time, statements/s. The issue's
target is well under a second for the whole script.

Run: python3 -m bench.runtime [--repeat N]
"""

from __future__ import annotations

import argparse
import time

from exshell import Shell
from exshell.language import parse

# statements are counted in the parsed tree, top level and inside bodies alike.
_CHUNK = '''
function Get-Score{i}($Name, [int]$Base = 3) {{ $t = $Base; foreach ($c in 1..4) {{ $t += $c }}; "$Name=$t" }}
$h{i} = @{{ Name = 'DB{i}'; Queue = {i} % 7; Servers = @('MBX1', 'MBX2') }}
$h{i}.Queue += 1
$line = "Database $($h{i}.Name) has queue $($h{i}.Queue) on $($h{i}.Servers -join ',')"
$items = 1..20 | Where-Object {{ $_ % 3 -eq 0 }} | ForEach-Object {{ $_ * 2 }} | Select-Object -First 4
$sum = 0; for ($k = 0; $k -lt $items.Count; $k++) {{ $sum += $items[$k] }}
$report = '{{0,-8}}|{{1,5}}|{{2:N1}}' -f $h{i}.Name, $sum, ($sum / 3)
$objs = foreach ($n in 1..5) {{ [pscustomobject]@{{ Id = $n; Even = ($n % 2 -eq 0) }} }}
$even = @($objs | Where-Object {{ $_.Even }} | Select-Object Id, @{{ n = 'Twice'; e = {{ $_.Id * 2 }} }})
switch ($sum % 3) {{ 0 {{ $kind = 'zero' }} 1 {{ $kind = 'one' }} default {{ $kind = 'two' }} }}
try {{ if ($kind -eq 'one') {{ throw "odd $i" }} }} catch {{ $caught = $_.ToString() }}
$score = Get-Score{i} -Name $h{i}.Name
$upper = $line.ToUpper().Substring(0, 8)
'''


def count_statements(node: object) -> int:
    """Statements anywhere in the tree (a pipeline, assignment, loop, function definition...);
    the pipeline that is an assignment's right-hand side is not counted again."""
    from exshell.language import ast as A

    if isinstance(node, (list, tuple)):
        return sum(count_statements(n) for n in node)
    if not isinstance(node, A.Ast):
        return 0
    own = 1 if type(node).__name__.endswith("StatementAst") or isinstance(
        node, (A.PipelineAst, A.FunctionDefinitionAst)) else 0
    inner = 0
    for name in node._fields:
        child = getattr(node, name)
        if isinstance(node, A.AssignmentStatementAst) and child is node.right and isinstance(child, A.PipelineAst):
            inner += count_statements(child.pipeline_elements)
            continue
        inner += count_statements(child)
    return own + inner


def build(statements: int = 2000) -> tuple[str, int]:
    per_chunk = count_statements(parse(_CHUNK.format(i=0)))
    chunks = -(-statements // per_chunk)
    return "".join(_CHUNK.format(i=i) for i in range(chunks)), per_chunk * chunks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    opts = parser.parse_args()
    script, statements = build()
    parse_time, best = float("inf"), float("inf")
    for _ in range(opts.repeat):
        start = time.perf_counter()
        parse(script)
        parse_time = min(parse_time, time.perf_counter() - start)
        sh = Shell()
        start = time.perf_counter()
        res = sh.run(script)
        best = min(best, time.perf_counter() - start)
        if not res.ok:
            raise SystemExit(f"the benchmark script failed: {res.errors[0].message}")
    print(f"statements:           {statements} ({len(script.splitlines())} lines)")
    print(f"parse alone:          {parse_time * 1000:.0f} ms (best of {opts.repeat})")
    print(f"Shell.run:            {best * 1000:.0f} ms (best of {opts.repeat}, parse included)")
    print(f"evaluation only:      {(best - parse_time) * 1000:.0f} ms")
    print(f"statements/s:         {statements / best:,.0f}")


if __name__ == "__main__":
    main()
