"""Parser throughput: generate a realistic ~2000-line admin script, parse it, print lines/s.

Both CPU time (this process only; steady on a busy machine) and wall-clock time are shown,
each the best of the repeats.

Run: python3 -m bench.parse [--repeat N]
"""

from __future__ import annotations

import argparse
import time

from exshell.language import parse

_CHUNK = '''
# Check copy status on every member of {dag}
function Get-{name}Report {{
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)][string]$Identity,
        [ValidateSet('Healthy', 'Failed')][string]$State = 'Healthy',
        [int]$Threshold = 10
    )
    begin {{ $results = @() }}
    process {{
        foreach ($db in Get-MailboxDatabase -Server $Identity) {{
            $status = Get-MailboxDatabaseCopyStatus -Identity "$($db.Name)\\$Identity" -ErrorAction SilentlyContinue
            if ($status.CopyQueueLength -gt $Threshold -and $status.Status -ne $State) {{
                Write-Warning "Copy $($db.Name) on $Identity is behind: $($status.CopyQueueLength) logs"
                $results += [pscustomobject]@{{ Database = $db.Name; Queue = $status.CopyQueueLength; Server = $Identity }}
            }} elseif ($status -eq $null) {{
                Write-Verbose ("No copy of {{0}} on {{1}}" -f $db.Name, $Identity)
            }} else {{
                $ok++
            }}
        }}
    }}
    end {{ $results | Sort-Object Queue -Descending | Format-Table -AutoSize }}
}}

$servers = @('EXCH{i}MB1', 'EXCH{i}MB2', 'EXCH{i}MB3')
$dag = Get-DatabaseAvailabilityGroup -Identity {dag} -Status
for ($i = 0; $i -lt $servers.Count; $i++) {{
    $s = $servers[$i]
    Add-DatabaseAvailabilityGroupServer -Identity {dag} -MailboxServer $s -Confirm:$false 2>&1 | Out-Null
    Set-DatabaseAvailabilityGroupNetwork -Identity "{dag}\\MapiNet$i" -ReplicationEnabled:$false
}}
switch -Wildcard ($dag.Name) {{
    'DAG*' {{ $kind = 'production' }}
    default {{ $kind = 'lab' }}
}}
try {{
    Move-ActiveMailboxDatabase "Mailbox Database {i}" -ActivateOnServer EXCH{i}MB2 -MountDialOverride:None -Confirm:$false
}} catch {{
    Write-Error "Move failed: $_"
}}
Get-MailboxDatabase | Where-Object {{ $_.Name -like "DB*" -and $_.Recovery -eq $false }} |
    Select-Object Name, Server, @{{ Name = 'SizeGB'; Expression = {{ [math]::Round($_.DatabaseSize / 1GB, 2) }} }} |
    Export-Csv -Path C:\\Reports\\db{i}.csv -NoTypeInformation
$witness = @{{ WitnessServer = 'FS{i}'; WitnessDirectory = 'C:\\FSW\\{dag}' }}
Set-DatabaseAvailabilityGroup -Identity {dag} @witness -DatabaseAvailabilityGroupIpAddresses 192.168.{i}.10, 10.0.{i}.10
$total = ($servers | Measure-Object).Count * 2 + 1
$body = @"
Report for {dag} on $(Get-Date -Format 'yyyy-MM-dd'):
  servers: $($servers -join ', ')
"@
switch -Regex ($body) {{
    '^Report' {{ Write-Verbose 'header'; break }}
    default {{ $null = $body.Length }}
}}
'''


def script(lines: int = 2000) -> str:
    """A deterministic admin script of about ``lines`` lines."""
    parts, i = [], 0
    while sum(p.count("\n") for p in parts) < lines:
        parts.append(_CHUNK.format(i=i, dag=f"DAG{i}", name=f"Dag{i}"))
        i += 1
    return "".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    text = script()
    n = text.count("\n")
    parse("$warm = 1")  # builds the grammar, which is not what this measures
    wall = cpu = float("inf")
    for _ in range(args.repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        parse(text)
        wall = min(wall, time.perf_counter() - w0)
        cpu = min(cpu, time.process_time() - c0)
    print(f"{n} lines, best of {args.repeat}: {cpu:.3f}s of CPU ({n / cpu:,.0f} lines/s), "
          f"{wall:.3f}s of wall clock ({n / wall:,.0f} lines/s)")


if __name__ == "__main__":
    main()
