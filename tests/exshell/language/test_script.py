"""A whole admin script (comment-based help, script param block, functions, loops, splatting,
here-strings, pipelines over lines) parsed in one go, its structure checked statement by
statement."""

from exshell.language import parse

SCRIPT = r"""
<#
.SYNOPSIS
    Reports DAG health.
.EXAMPLE
    .\Get-DagHealth.ps1 -DatabaseAvailabilityGroup DAG1 -SendEmail
#>
#requires -Version 2
[CmdletBinding(DefaultParameterSetName = 'Default')]
param(
    [Parameter(Position = 0, Mandatory = $false)]
    [string[]]$DatabaseAvailabilityGroup = @(),

    [Parameter()]
    [switch]$SendEmail,

    [ValidateRange(1, 100)]
    [int]$ReplayQueueThreshold = 30,

    [string]$SmtpServer = "smtp.$($env:USERDNSDOMAIN)"
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$now = Get-Date
$report = New-Object System.Collections.ArrayList

function Write-Log {
    param([string]$Message, [ValidateSet('Info', 'Warn', 'Error')]$Level = 'Info')
    $line = '{0:yyyy-MM-dd HH:mm:ss} [{1,-5}] {2}' -f (Get-Date), $Level, $Message
    switch ($Level) {
        'Warn'  { Write-Warning $line }
        'Error' { Write-Host $line -ForegroundColor Red }
        default { Write-Verbose $line }
    }
}

if (-not (Get-PSSnapin -Name Microsoft.Exchange.Management.PowerShell.E2010 -ErrorAction SilentlyContinue)) {
    try {
        Add-PSSnapin Microsoft.Exchange.Management.PowerShell.E2010
    }
    catch [System.Management.Automation.PSArgumentException] {
        Write-Log "Exchange snap-in not found: $($_.Exception.Message)" -Level Error
        exit 1
    }
}

if ($DatabaseAvailabilityGroup.Count -eq 0) {
    $dags = @(Get-DatabaseAvailabilityGroup -Status)
} else {
    $dags = foreach ($name in $DatabaseAvailabilityGroup) { Get-DatabaseAvailabilityGroup $name -Status }
}

$i = 0
foreach ($dag in $dags) {
    $i++
    Write-Progress -Activity 'Checking DAGs' -Status $dag.Name -PercentComplete ($i / $dags.Count * 100)
    foreach ($server in $dag.Servers) {
        $copies = Get-MailboxDatabaseCopyStatus -Server $server |
            Where-Object { $_.Status -notin 'Mounted', 'Healthy' -or $_.ReplayQueueLength -gt $ReplayQueueThreshold }
        foreach ($copy in $copies) {
            $null = $report.Add([PSCustomObject]@{
                DAG       = $dag.Name
                Server    = "$server"
                Database  = $copy.DatabaseName
                Status    = $copy.Status.ToString()
                CopyQueue = [int]$copy.CopyQueueLength
                Replay    = $copy.ReplayQueueLength
                Index     = if ($copy.ContentIndexState -eq 'Healthy') { 'OK' } else { $copy.ContentIndexState }
            })
        }
    }
    $dag.OperationalServers | ForEach-Object -Begin { $up = 0 } -Process { $up++ } -End {
        Write-Log ("{0}: {1} of {2} servers operational" -f $dag.Name, $up, $dag.Servers.Count)
    }
}

$html = @"
<html><body>
<h1>DAG report $($now.ToString('D'))</h1>
$($report | ConvertTo-Html -Fragment | Out-String)
</body></html>
"@

if ($SendEmail -and $report.Count -gt 0) {
    $mail = @{
        To         = 'admins@contoso.com'
        From       = "dag-report@$env:USERDNSDOMAIN"
        Subject    = "DAG report: $($report.Count) issue(s)"
        Body       = $html
        BodyAsHtml = $true
        SmtpServer = $SmtpServer
    }
    Send-MailMessage @mail
} elseif ($report.Count -eq 0) {
    Write-Log 'All copies healthy'
}
$report | Sort-Object DAG, Server | Format-Table -AutoSize
$report | Export-Csv -Path (Join-Path $PSScriptRoot "dag-$($now.ToString('yyyyMMdd')).csv") -NoTypeInformation -Encoding UTF8
[System.GC]::Collect()
return $report.Count
"""

KINDS = [
    'PipelineAst', 'AssignmentStatementAst', 'AssignmentStatementAst',
    'AssignmentStatementAst', 'FunctionDefinitionAst', 'IfStatementAst', 'IfStatementAst',
    'AssignmentStatementAst', 'ForEachStatementAst', 'AssignmentStatementAst',
    'IfStatementAst', 'PipelineAst', 'PipelineAst', 'PipelineAst', 'ReturnStatementAst'
]


def statements():
    return parse(SCRIPT).end_block.statements


def test_statement_kinds_in_order():
    assert [type(s).__name__ for s in statements()] == KINDS


def test_script_param_block(shape):
    assert shape(parse(SCRIPT).param_block) == (
        "Param([CmdletBinding(DefaultParameterSetName=sq'Default')], [Parameter(Position=0, "
        'Mandatory=$false)][string[]]$DatabaseAvailabilityGroup = @(), '
        '[Parameter()][switch]$SendEmail, [ValidateRange(1, 100)][int]$ReplayQueueThreshold = 30,'
        " [string]$SmtpServer = xdq('smtp.', $($env:USERDNSDOMAIN)))")


def test_nested_foreach_with_custom_objects(shape):
    assert shape(statements()[8]) == (
        "Foreach($dag in $dags) {($i post++); Cmd(bw'Write-Progress', -Activity, sq'Checking "
        "DAGs', -Status, $dag.bw'Name', -PercentComplete, Paren((($i / $dags.bw'Count') * 100)));"
        " Foreach($server in $dag.bw'Servers') {Assign($copies = "
        "Pipe(Cmd(bw'Get-MailboxDatabaseCopyStatus', -Server, $server) | Cmd(bw'Where-Object', "
        "{(($_.bw'Status' -notin Arr(sq'Mounted', sq'Healthy')) -or ($_.bw'ReplayQueueLength' -gt"
        ' $ReplayQueueThreshold))}))); Foreach($copy in $copies) {Assign($null = '
        "$report.bw'Add'([PSCustomObject](@{bw'DAG'=$dag.bw'Name'; bw'Server'=xdq($server); "
        "bw'Database'=$copy.bw'DatabaseName'; bw'Status'=$copy.bw'Status'.bw'ToString'(); "
        "bw'CopyQueue'=[int]($copy.bw'CopyQueueLength'); bw'Replay'=$copy.bw'ReplayQueueLength'; "
        "bw'Index'=If(($copy.bw'ContentIndexState' -eq sq'Healthy') => {sq'OK'}; else => "
        "{$copy.bw'ContentIndexState'})})))}}; Pipe($dag.bw'OperationalServers' | "
        "Cmd(bw'ForEach-Object', -Begin, {Assign($up = 0)}, -Process, {($up post++)}, -End, "
        "{Cmd(bw'Write-Log', Paren((dq'{0}: {1} of {2} servers operational' -f Arr($dag.bw'Name',"
        " $up, $dag.bw'Servers'.bw'Count'))))}))}")


def test_here_string_with_pipelines_inside(shape):
    assert shape(statements()[9]) == (
        "Assign($html = xhdq('<html><body>\\n<h1>DAG report ', $($now.bw'ToString'(sq'D')), "
        "'</h1>\\n', $(Pipe($report | Cmd(bw'ConvertTo-Html', -Fragment) | Cmd(bw'Out-String'))), "
        "'\\n</body></html>'))")


def test_splatted_mail_and_elseif(shape):
    assert shape(statements()[10]) == (
        "If(($SendEmail -and ($report.bw'Count' -gt 0)) => {Assign($mail = "
        "@{bw'To'=sq'admins@contoso.com'; bw'From'=xdq('dag-report@', $env:USERDNSDOMAIN); "
        "bw'Subject'=xdq('DAG report: ', $($report.bw'Count'), ' issue(s)'); bw'Body'=$html; "
        "bw'BodyAsHtml'=$true; bw'SmtpServer'=$SmtpServer}); Cmd(bw'Send-MailMessage', @mail)}; "
        "($report.bw'Count' -eq 0) => {Cmd(bw'Write-Log', sq'All copies healthy')})")
