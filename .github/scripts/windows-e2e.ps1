# End-to-end proof on Windows with real IIS and a real Nomad agent (run by .github/workflows/windows.yml).
#
# 1. Starts one Nomad agent (server + client, persistent data dir) with the packaged plugin in plugin_dir,
#    examples/agent.hcl, and a CI overlay (ci.hcl, loaded last) that pins data_dir, plugin_dir and the
#    plugin's args (management API on 127.0.0.1:5004 with a key). Not "-dev": a dev agent keeps the
#    server's state in memory, so a restarted dev agent forgets its jobs and the restart check below
#    would test nothing.
# 2. Runs examples/static-site.nomad.hcl and examples/aspnetcore.nomad.hcl; each must serve HTTP 200.
#    A job variable whose name mentions artifact/source/url/zip is set to a zip served from 127.0.0.1.
# 3. The management API answers GET .../status for each task with the API key.
# 4. Stops the agent (hard kill, as a crash or reboot would) and starts it again: the same allocations
#    must be running again without a task restart, and still serve 200 (RecoverTask).
# 5. `nomad alloc stop` of each allocation leaves no site, app pool, [MBN] certificate or ACL entry of
#    that allocation behind (appcmd list, Cert:\LocalMachine\My, Get-Acl).
param(
    [Parameter(Mandatory)] [string] $Nomad,
    [Parameter(Mandatory)] [string] $PluginDir,
    [Parameter(Mandatory)] [string] $Work,
    [Parameter(Mandatory)] [string] $AspNetCoreApp
)
$ErrorActionPreference = 'Stop'
$env:NOMAD_ADDR = 'http://127.0.0.1:4646'
$appcmd = "$env:windir\system32\inetsrv\appcmd.exe"
$apiKey = [Guid]::NewGuid().ToString('N')
$apiPort = 5004

function Fail([string] $message) {
    Write-Host "::error::$message"
    & $Nomad status 2>&1 | Write-Host
    & $appcmd list site 2>&1 | Write-Host
    & $appcmd list apppool 2>&1 | Write-Host
    throw "FATAL: $message"
}

function Wait-Until([string] $what, [int] $seconds, [scriptblock] $condition) {
    $deadline = (Get-Date).AddSeconds($seconds)
    while ((Get-Date) -lt $deadline) {
        try { if (& $condition) { return } } catch {
            if ($_.Exception.Message -like 'FATAL:*') { throw }
            $last = $_
        }
        Start-Sleep -Seconds 2
    }
    Fail "timed out after $seconds s waiting for: $what $(if ($last) { "(last error: $last)" })"
}

function Api([string] $path) { Invoke-RestMethod -UseBasicParsing -Uri "$env:NOMAD_ADDR$path" }

# ---- layout: plugin_dir, data dir, artifacts served over HTTP ----
New-Item -ItemType Directory -Force -Path $Work, "$Work\plugins", "$Work\data", "$Work\artifacts", "$Work\diagnostics" | Out-Null
Copy-Item -Recurse -Force "$PluginDir\*" "$Work\plugins\"
if (-not (Test-Path "$Work\plugins\nomad_iis.exe")) { Fail "no nomad_iis.exe in $PluginDir" }

$site = New-Item -ItemType Directory -Force -Path "$Work\site-content"
Set-Content -Path "$site\index.html" -Value '<h1>static site on IIS</h1>'
Compress-Archive -Force -Path "$site\*" -DestinationPath "$Work\artifacts\static-site.zip"
Compress-Archive -Force -Path "$AspNetCoreApp\*" -DestinationPath "$Work\artifacts\aspnetcore.zip"
$artifactServer = Start-Process -PassThru -WindowStyle Hidden -FilePath python -ArgumentList '-m', 'http.server', '8999', '--bind', '127.0.0.1', '--directory', "$Work\artifacts"

$pluginDirHcl = "$Work\plugins" -replace '\\', '\\'
$dataDirHcl = "$Work\data" -replace '\\', '\\'
$stateDirHcl = "$Work\plugin-state" -replace '\\', '\\'
@"
data_dir   = "$dataDirHcl"
plugin_dir = "$pluginDirHcl"
bind_addr  = "127.0.0.1"
log_level  = "DEBUG"
server {
  enabled          = true
  bootstrap_expect = 1
}
client {
  enabled = true
}
plugin "nomad_iis" {
  args = ["--state-dir=$stateDirHcl", "--management-api-port=$apiPort", "--management-api-address=127.0.0.1", "--management-api-key=$apiKey"]
  config {
    enabled            = true
    directory_security = true
  }
}
"@ | Set-Content -Path "$Work\ci.hcl"

$script:agent = $null
function Start-Agent([string] $logName) {
    $configs = @()
    if (Test-Path examples/agent.hcl) { $configs += '-config=examples/agent.hcl' }
    $configs += "-config=$Work\ci.hcl"
    $script:agent = Start-Process -PassThru -WindowStyle Hidden -FilePath $Nomad -ArgumentList (@('agent') + $configs) `
        -RedirectStandardOutput "$Work\$logName.log" -RedirectStandardError "$Work\$logName.err.log"
    Wait-Until 'the client node with a healthy iis driver' 180 {
        $nodes = Api '/v1/nodes'
        if ($nodes.Count -lt 1 -or $nodes[0].Status -ne 'ready') { return $false }
        $node = Api "/v1/node/$($nodes[0].ID)"
        $iis = $node.Drivers.iis
        if ($iis -and -not $iis.Healthy) { Write-Host "iis driver: $($iis.HealthDescription)" }
        return $iis -and $iis.Healthy
    }
    $node = Api "/v1/node/$((Api '/v1/nodes')[0].ID)"
    Write-Host "iis driver attributes:"; $node.Drivers.iis.Attributes | Format-List | Out-String | Write-Host
    if ($node.Drivers.iis.Attributes.'driver.iis.backend' -ne 'windows') { Fail 'the driver does not use the Windows IIS host' }
}

function Run-Example([string] $file, [string] $zip) {
    $text = Get-Content -Raw $file
    if ($text -notmatch '(?m)^\s*job\s+"([^"]+)"') { Fail "no job in $file" }
    $job = $Matches[1]
    $vars = @()
    foreach ($m in [regex]::Matches($text, '(?m)^\s*variable\s+"([^"]+)"')) {
        $name = $m.Groups[1].Value
        if ($name -match 'artifact|source|url|zip') { $vars += "-var=$name=http://127.0.0.1:8999/$zip" }
    }
    & $Nomad job run -detach @vars $file | Out-Host
    if ($LASTEXITCODE -ne 0) { Fail "nomad job run $file failed" }
    Wait-Until "job $job running" 300 {
        $allocs = @(Api "/v1/job/$job/allocations" | Where-Object { $_.ClientStatus -eq 'running' })
        if (@(Api "/v1/job/$job/allocations" | Where-Object { $_.ClientStatus -eq 'failed' }).Count -gt 0) {
            & $Nomad job status $job | Write-Host
            Fail "an allocation of $job failed"
        }
        return $allocs.Count -ge 1
    }
    $alloc = Api "/v1/allocation/$(@(Api "/v1/job/$job/allocations" | Where-Object { $_.ClientStatus -eq 'running' })[0].ID)"
    $port = @($alloc.AllocatedResources.Shared.Ports)[0].Value
    if (-not $port) { $port = @($alloc.Resources.Networks[0].DynamicPorts)[0].Value }
    $task = @($alloc.TaskStates.PSObject.Properties.Name)[0]
    return [pscustomobject]@{ Job = $job; AllocId = $alloc.ID; Task = $task; Port = $port }
}

function Assert-Serves($deployment) {
    Wait-Until "http://127.0.0.1:$($deployment.Port)/ of $($deployment.Job) answers 200" 180 {
        (Invoke-WebRequest -UseBasicParsing -TimeoutSec 30 -Uri "http://127.0.0.1:$($deployment.Port)/").StatusCode -eq 200
    }
}

function Assert-ManagementApi($deployment) {
    $status = Invoke-RestMethod -UseBasicParsing -Headers @{ 'X-Api-Key' = $apiKey } `
        -Uri "http://127.0.0.1:$apiPort/api/v1/allocs/$($deployment.AllocId)/$($deployment.Task)/status"
    if (@($status.applicationPools).Count -lt 1) { Fail "management API status of $($deployment.Job) lists no pool" }
    try {
        Invoke-WebRequest -UseBasicParsing -Uri "http://127.0.0.1:$apiPort/api/v1/allocs/$($deployment.AllocId)/$($deployment.Task)/status" | Out-Null
        Fail 'the management API answered without credentials'
    } catch [Microsoft.PowerShell.Commands.HttpResponseException] {
        if ($_.Exception.Response.StatusCode.value__ -ne 401) { throw }
    }
}

function Assert-NothingLeft($deployment) {
    $id = $deployment.AllocId
    $sites = (& $appcmd list site) -join "`n"
    $pools = (& $appcmd list apppool) -join "`n"
    if ($sites -match [regex]::Escape($id)) { Fail "a site of allocation $id is left: $sites" }
    if ($pools -match [regex]::Escape($id)) { Fail "an app pool of allocation $id is left: $pools" }
    $certs = @(Get-ChildItem Cert:\LocalMachine\My | Where-Object { $_.FriendlyName -like '`[MBN`]*' })
    if ($certs.Count -gt 0) { Fail "managed certificates are left: $($certs.Thumbprint -join ', ')" }
    $allocDir = "$Work\data\alloc\$id"
    if (Test-Path $allocDir) {
        foreach ($dir in @(Get-Item $allocDir) + @(Get-ChildItem -Recurse -Directory $allocDir)) {
            foreach ($rule in (Get-Acl $dir.FullName).Access) {
                $who = $rule.IdentityReference.Value
                # a pool's virtual account is IIS AppPool\<pool>; once the pool is gone it shows as S-1-5-82-...
                if ($who -match [regex]::Escape($id) -or $who -like 'S-1-5-82-*') {
                    Fail "ACL entry for $who left on $($dir.FullName)"
                }
            }
        }
    }
}

try {
    Start-Agent 'agent'
    $static = Run-Example 'examples/static-site.nomad.hcl' 'static-site.zip'
    Assert-Serves $static
    $aspnet = Run-Example 'examples/aspnetcore.nomad.hcl' 'aspnetcore.zip'
    Assert-Serves $aspnet
    Assert-ManagementApi $static
    Assert-ManagementApi $aspnet

    # ---- restart: the same allocations come back through RecoverTask ----
    # The agent and its plugin processes stop (sites and pools stay in IIS); the new plugin instance knows
    # a task only through RecoverTask, so its management API answering for the allocation proves recovery.
    Stop-Process -Id $script:agent.Id -Force
    Wait-Process -Id $script:agent.Id -Timeout 60 -ErrorAction SilentlyContinue
    Get-Process -Name nomad_iis -ErrorAction SilentlyContinue |
        Where-Object { $_.Path -like "$Work\plugins\*" } | Stop-Process -Force
    Start-Agent 'agent-restarted'
    foreach ($d in @($static, $aspnet)) {
        Wait-Until "the restarted plugin recovered $($d.Job) (management API status)" 240 {
            Assert-ManagementApi $d
            return $true
        }
        Wait-Until "allocation $($d.AllocId) running again after the agent restart" 180 {
            (Api "/v1/allocation/$($d.AllocId)").ClientStatus -eq 'running'
        }
        $state = (Api "/v1/allocation/$($d.AllocId)").TaskStates.($d.Task)
        if ($state.Restarts -ne 0) { Fail "task $($d.Task) of $($d.Job) was restarted instead of recovered" }
        Assert-Serves $d
    }

    # ---- teardown: nothing of a stopped allocation is left ----
    foreach ($d in @($static, $aspnet)) {
        & $Nomad alloc stop $d.AllocId
        Wait-Until "allocation $($d.AllocId) complete" 180 {
            (Api "/v1/allocation/$($d.AllocId)").ClientStatus -eq 'complete'
        }
        Assert-NothingLeft $d
        & $Nomad job stop -purge $d.Job
    }
    Wait-Until 'no nomad- site or app pool left after every job was purged' 180 {
        -not (((& $appcmd list site) + (& $appcmd list apppool)) -join "`n" -match 'nomad-')
    }
    Write-Host 'Windows end-to-end proof passed.'
}
finally {
    & $appcmd list site 2>&1 | Out-File "$Work\diagnostics\sites.txt"
    & $appcmd list apppool 2>&1 | Out-File "$Work\diagnostics\apppools.txt"
    if (Test-Path "$env:SystemDrive\inetpub\logs\LogFiles") { Copy-Item -Recurse -Force "$env:SystemDrive\inetpub\logs\LogFiles" "$Work\diagnostics\iis-logs" }
    Get-WinEvent -LogName System -MaxEvents 200 -ErrorAction SilentlyContinue | Where-Object { $_.ProviderName -in 'WAS', 'W3SVC', 'Microsoft-Windows-WAS' } |
        Format-List TimeCreated, Id, Message | Out-File "$Work\diagnostics\was-events.txt"
    if ($script:agent -and -not $script:agent.HasExited) { Stop-Process -Id $script:agent.Id -Force }
    if ($artifactServer -and -not $artifactServer.HasExited) { Stop-Process -Id $artifactServer.Id -Force }
}
