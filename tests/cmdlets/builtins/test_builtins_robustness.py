"""Odd input to the built-ins ends in PowerShell errors or output, never in an internal error."""

import pytest

from exshell import Shell

ODD = [
    "$null | Sort-Object", "@(1,'a',$null,(Get-Date)) | Sort-Object", "1,2 | Sort-Object -Property @{e=5}",
    "1,2 | Group-Object -Property {$_ / 0}", "1,2 | Group-Object -AsHashTable -Property @(1,2)",
    "$null | Measure-Object", "1,'x',3 | Measure-Object -Sum -Average", "@() | Measure-Object -Line",
    "Compare-Object @($null) @(1)", "Compare-Object 1 2 -SyncWindow 0", "Compare-Object 1 2 -Property {$_}",
    "New-Object System.DateTime 1,2", "New-Object -ComObject Foo", "New-Object PSObject -Property 5",
    "New-Object System.Diagnostics.Process", "Add-Member -InputObject 5 -NotePropertyName a -NotePropertyValue 1",
    "$o=[pscustomobject]@{}; $o | Add-Member -MemberType Method -Name x -Value 1",
    "$o=[pscustomobject]@{}; $o | Add-Member ScriptProperty p 5; $o.p",
    "$o=[pscustomobject]@{}; $o | Add-Member ScriptProperty p { throw 'x' }; $o.p",
    "$o=[pscustomobject]@{}; $o | Add-Member AliasProperty a nothere; $o.a; $o",
    "$null | Get-Member", "Get-Variable -Scope foo", "Get-Variable -Scope -1", "New-Variable ''",
    "Get-Command -CommandType Foo", "Get-Command ''", "Get-Help ''", "Get-Help Get-Help -Parameter nope",
    "Write-Host -Separator $null a b", "Read-Host -AsSecureString", "Add-PSSnapin ''", "@{1=2} | ConvertTo-Json",
    "[double]::NaN | ConvertTo-Json", "'[' | ConvertFrom-Json", "'{\"a\":NaN}' | ConvertFrom-Json",
    "1 | ConvertTo-Html -As Foo", "@{a=1} | ConvertTo-Html -Property @{e=5}", "Get-Date -UFormat '%'",
    "Get-Date -Day 31 -Month 2 -Year 9999",
]


@pytest.fixture(scope="module")
def sh():
    return Shell(lab="seed002")


@pytest.mark.parametrize("script", ODD)
def test_no_internal_error(sh, script):
    res = sh.run(script, timeout=10)
    assert all(e.error_id != "InternalError" for e in res.errors), res.text
