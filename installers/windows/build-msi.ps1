# Builds the desktop app's Windows installer (installers\target\desktop\packages\Omnichat-<version>.msi) on a
# Windows host: the same recipe as installers/desktop/build.sh, with the Windows JavaFX jars (Maven picks the "win"
# classifier on Windows) and the .ico icon. Needs a JDK 17+ (jpackage) and the WiX Toolset 3.x (candle.exe,
# light.exe) on PATH. Not run on the Linux CI. Run from the repository root:
#   powershell -ExecutionPolicy Bypass -File installers\windows\build-msi.ps1
$ErrorActionPreference = "Stop"
$Repo = Resolve-Path "$PSScriptRoot\..\.."
$Out = "$Repo\installers\target\desktop"
$Name = "Omnichat"
$MainClass = "com.omnichat.desktop.Launcher"
[xml]$Pom = Get-Content "$Repo\pom.xml"
$Version = $Pom.project.version
$FxVersion = $Pom.project.properties.'javafx.version'
# A fixed upgrade code: a newer MSI replaces the installed version instead of installing beside it.
$UpgradeUuid = "6f1d4c2e-8a4b-4f7e-9c3a-0b5e7d2a9f41"

Push-Location $Repo
try {
    & .\mvnw.cmd -B -q -DskipTests -pl desktop-client -am package dependency:copy-dependencies `
        -DincludeScope=runtime -DoutputDirectory=target/package-deps
    if ($LASTEXITCODE -ne 0) { throw "maven build failed" }
} finally { Pop-Location }

Remove-Item -Recurse -Force -ErrorAction SilentlyContinue "$Out\input", "$Out\javafx", "$Out\icon", "$Out\packages"
New-Item -ItemType Directory -Force "$Out\input", "$Out\javafx", "$Out\packages" | Out-Null
$AppJar = Get-Item "$Repo\desktop-client\target\omnichat-desktop.jar"   # the pom's finalName
Copy-Item $AppJar.FullName "$Out\input\"
foreach ($jar in Get-ChildItem "$Repo\desktop-client\target\package-deps\*.jar") {
    if ($jar.Name -like "javafx-*-$FxVersion-*.jar") { Copy-Item $jar.FullName "$Out\javafx\" }   # platform jar
    elseif ($jar.Name -notlike "javafx-*") { Copy-Item $jar.FullName "$Out\input\" }
}
# Every platform jar present: base, graphics, controls, swing, and web (the settings screen's widget preview) with
# the media module it requires; the JDK modules web needs (jdk.jsobject, jdk.xml.dom) come with it.
$FxModules = (Get-ChildItem "$Out\javafx\*.jar" | ForEach-Object { $_.Name -replace '^javafx-([a-z]+)-.*$', 'javafx.$1' }) -join ","
if (",$FxModules," -notlike "*,javafx.web,*") { throw "javafx.web is not among the JavaFX jars ($FxModules)" }
$JdkModules = (& jdeps --print-module-deps --ignore-missing-deps --multi-release 17 --module-path "$Out\javafx" `
    --add-modules ALL-MODULE-PATH --class-path "$Out\input\*" $AppJar.FullName | Select-Object -Last 1)
$Modules = "$JdkModules,$FxModules,jdk.crypto.ec,jdk.unsupported,jdk.localedata"

$JavaOptions = Get-Content "$Repo\desktop-client\app-jvm-options" | Where-Object { $_ -and -not $_.StartsWith("#") } |
    ForEach-Object { "--java-options"; $_ }
& java "$Repo\installers\icon\OmnichatIcon.java" "$Out\icon"
& jpackage --type msi --dest "$Out\packages" --name $Name --app-version $Version --vendor "Omnichat" `
    --copyright "Copyright Omnichat" --description "Omnichat staff app" --icon "$Out\icon\omnichat.ico" `
    --input "$Out\input" --main-jar $AppJar.Name --main-class $MainClass `
    --module-path "$Out\javafx" --add-modules $Modules `
    --jlink-options "--strip-debug --no-man-pages --no-header-files --strip-native-commands --compress=2" `
    @JavaOptions `
    --win-menu --win-menu-group "Omnichat" --win-shortcut --win-dir-chooser --win-per-user-install `
    --win-upgrade-uuid $UpgradeUuid
if ($LASTEXITCODE -ne 0) { throw "jpackage failed" }
Get-ChildItem "$Out\packages"
